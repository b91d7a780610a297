// Programme pages: the list, and each programme's tabs (roster, matching, health, exports).
import { programmeSummaries } from '../../flows/dashboardProgrammes.js';
import type { Route } from '../context.js';
import { redirect, sendHtml } from '../http/respond.js';
import { programmePath } from '../pages/layout.js';
import { programmesPage } from '../pages/programmes.js';
import { matchingRoutes } from './matching.js';
import { reportRoutes } from './report.js';
import { rosterRoutes } from './roster.js';

const ID = '([^/]+)';

export const programmeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/programmes$/,
    access: 'signed_in',
    handler: async (ctx) =>
      sendHtml(ctx.answer, 200, programmesPage(ctx.viewer, await programmeSummaries(ctx.deps, ctx.viewer.slackUserId, ctx.now))),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/admin/programmes/${ID}$`),
    access: 'signed_in',
    handler: async (ctx) => redirect(ctx.answer, programmePath(ctx.params[0]!, 'roster')),
  },
  ...rosterRoutes,
  ...matchingRoutes,
  ...reportRoutes,
];
