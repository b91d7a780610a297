// The coordinator dashboard (docs/dashboard.md): server-rendered pages under /admin on the bot's own HTTP server,
// same process and database, so any replica serves any page. Every signed-in request is checked here: a live
// session whose person is still a coordinator; every form also from the dashboard's own origin with the
// session's token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentSession } from '../flows/dashboardAccess.js';
import { coordinates } from '../flows/coordinators.js';
import { notYourProgramme } from './routes/common.js';
import { html } from './html.js';
import type { Ctx, DashboardDeps, Route } from './context.js';
import { parseCookies } from './http/cookies.js';
import { readForm } from './http/forms.js';
import { fromOwnOrigin } from './http/origin.js';
import { redirect, sendFile, sendHtml, type Answer } from './http/respond.js';
import { BASE, STYLESHEET_PATH, publicPage } from './pages/layout.js';
import { DASHBOARD_CSS } from './assets/styles.js';
import { clearSessionCookie, csrfMatches, isHttps, SESSION_COOKIE } from './session.js';
import { signInRoutes } from './routes/signIn.js';
import { programmeRoutes } from './routes/programmes.js';

export type { DashboardDeps } from './context.js';

const CSS = Buffer.from(DASHBOARD_CSS, 'utf8');
const PROGRAMME_PAGE = /^\/admin\/programmes\/([^/]+)/;

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/admin\/?$/,
    access: 'public',
    handler: async (ctx) => redirect(ctx.answer, `${BASE}/programmes`),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${STYLESHEET_PATH}$`),
    access: 'public',
    handler: async (ctx) => sendFile(ctx.answer, 'text/css; charset=utf-8', CSS, { 'cache-control': 'public, max-age=3600' }),
  },
  ...signInRoutes,
  ...programmeRoutes,
];

function plainRefusal(a: Answer, status: number, title: string, text: string): void {
  sendHtml(a, status, publicPage(title, html`<p><a href="${BASE}/signin">Sign in</a></p>`, { kind: 'problem', text }));
}

export interface Dashboard {
  /** Takes every request under /admin (true), answering it in its own time; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function createDashboard(deps: DashboardDeps): Dashboard {
  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const publicUrl = deps.publicUrl();
    const answer: Answer = { res, https: isHttps(publicUrl) };
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const candidates = ROUTES.filter((r) => r.pattern.test(path));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      if (candidates.length > 0)
        return plainRefusal(answer, 405, 'Not allowed', 'This address does not take that kind of request.');
      return plainRefusal(answer, 404, 'Not found', 'There is no dashboard page at this address.');
    }
    const url = new URL(req.url ?? '/', publicUrl);
    const cookies = parseCookies(req.headers.cookie);
    const ctx: Ctx = {
      req,
      res,
      url,
      params: (route.pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p)),
      answer,
      deps,
      now: deps.clock.now(),
      cookies,
      viewer: { slackUserId: '', csrfToken: '' },
      form: new URLSearchParams(),
    };
    if (route.method === 'POST') {
      if (!fromOwnOrigin(req, new URL(publicUrl).origin))
        return plainRefusal(answer, 403, 'Refused', 'This request came from another site and was refused.');
      const form = await readForm(req);
      if (!form) return plainRefusal(answer, 400, 'Not understood', 'This request did not carry a form the dashboard can read.');
      ctx.form = form;
    }
    if (route.access === 'signed_in') {
      const session = await currentSession(deps, cookies.get(SESSION_COOKIE), ctx.now);
      if (!session.ok) {
        if (session.reason === 'not_coordinator') answer.cookies = [clearSessionCookie(answer.https)];
        if (route.method === 'GET') return redirect(answer, `${BASE}/signin?why=${session.reason}`);
        return plainRefusal(answer, 403, 'Refused', session.message);
      }
      ctx.viewer = { slackUserId: session.value.slackUserId, csrfToken: session.value.csrfToken };
      // Every page of a programme, read or write, is for its coordinators only: checked here, once.
      const programmeId = PROGRAMME_PAGE.exec(path)?.[1];
      if (programmeId !== undefined && !(await coordinates(deps, ctx.viewer.slackUserId, decodeURIComponent(programmeId))))
        return notYourProgramme(ctx);
      if (route.method === 'POST' && !csrfMatches(ctx.form.get('csrf'), session.value.csrfToken))
        return plainRefusal(
          answer,
          403,
          'Refused',
          'This form is out of date or did not come from the dashboard. Reload the page and try again.',
        );
    }
    await route.handler(ctx);
  };

  return {
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path !== BASE && !path.startsWith(`${BASE}/`)) return false;
      serve(req, res, path).catch((err: unknown) => {
        // The logger writes errors without their values; a sign-in link's token never reaches the log.
        deps.logger.error(`dashboard: ${req.method} ${path.replace(/\/signin\/link\/.*/, '/signin/link/…')} failed:`, err);
        if (!res.headersSent)
          plainRefusal(
            { res, https: isHttps(deps.publicUrl()) },
            500,
            'Something went wrong',
            'The dashboard could not answer. Try again in a moment.',
          );
      });
      return true;
    },
  };
}
