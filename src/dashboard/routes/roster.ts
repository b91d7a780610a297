// The roster's page and its actions (pause, withdraw, rematch), each confirmed on a page of its own first.
import { z } from 'zod';
import {
  DEFAULT_ROSTER_QUERY,
  pauseParticipant,
  personToConfirm,
  rematchParticipant,
  ROSTER_SORTS,
  rosterView,
  withdrawParticipant,
  type RosterQuery,
} from '../../flows/dashboardRoster.js';
import { namesBySlackId } from '../../flows/dashboardMatching.js';
import type { Ctx, Route } from '../context.js';
import { redirect, sendHtml } from '../http/respond.js';
import { oneOf, pageNumber, readQuery, text } from '../http/query.js';
import { programmePath, type Notice } from '../pages/layout.js';
import { confirmActionPage, rosterPage, type RosterAction } from '../pages/roster.js';
import { slackTextToHtml } from '../slackText.js';
import { notFound } from './common.js';

const ID = '([^/]+)';
const ACTIONS = ['pause', 'withdraw', 'rematch'] as const;

const DONE: Record<RosterAction, (name: string) => string> = {
  pause: (n) => `${n} is paused; they were told in Slack.`,
  withdraw: (n) => `${n} has left the programme; the coordinators and ${n} were told in Slack.`,
  rematch: (n) => `${n} has a new partner; they are being introduced in a group DM.`,
};

const rosterQuery = (params: URLSearchParams): RosterQuery =>
  readQuery<RosterQuery>(
    params,
    {
      q: text(),
      role: z.enum(['', 'mentor', 'mentee']),
      status: z.enum(['', 'active', 'paused', 'withdrawn', 'departed']),
      department: text(),
      timezone: text(),
      sort: oneOf(ROSTER_SORTS),
      dir: z.enum(['asc', 'desc']),
      page: pageNumber,
    },
    DEFAULT_ROSTER_QUERY,
  );

async function showRoster(ctx: Ctx): Promise<void> {
  const programmeId = ctx.params[0]!;
  const query = rosterQuery(ctx.url.searchParams);
  const view = await rosterView(ctx.deps, programmeId, query, ctx.now);
  if (!view) return notFound(ctx);
  let notice: Notice | undefined;
  const done = z.enum(ACTIONS).safeParse(ctx.url.searchParams.get('done'));
  const who = ctx.url.searchParams.get('who');
  if (done.success && who) {
    const person = await personToConfirm(ctx.deps, { programmeId, participantId: who, by: ctx.viewer.slackUserId });
    if (person.ok) notice = { kind: 'done', text: DONE[done.data](person.value.name) };
  }
  sendHtml(
    ctx.answer,
    200,
    rosterPage({ viewer: ctx.viewer, view, params: ctx.url.searchParams, query, ...(notice ? { notice } : {}) }),
  );
}

const target = (ctx: Ctx) => ({ programmeId: ctx.params[0]!, participantId: ctx.params[1]!, by: ctx.viewer.slackUserId });
const actionOf = (ctx: Ctx): RosterAction => ctx.params[2] as RosterAction;

async function confirmAction(ctx: Ctx, notice?: Notice, status = 200): Promise<void> {
  const person = await personToConfirm(ctx.deps, target(ctx));
  if (!person.ok) return notFound(ctx, person.message);
  const until = ctx.form.get('until') ?? undefined;
  sendHtml(
    ctx.answer,
    status,
    confirmActionPage({
      viewer: ctx.viewer,
      programmeId: ctx.params[0]!,
      action: actionOf(ctx),
      person: person.value,
      ...(notice ? { notice } : {}),
      ...(until ? { until } : {}),
    }),
  );
}

async function applyAction(ctx: Ctx): Promise<void> {
  const deps = { ...ctx.deps, clock: { now: () => ctx.now } };
  const action = actionOf(ctx);
  const t = target(ctx);
  const until = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .safeParse(ctx.form.get('until'));
  const outcome =
    action === 'pause'
      ? await pauseParticipant(deps, t, until.success ? until.data : undefined)
      : action === 'withdraw'
        ? await withdrawParticipant(deps, t)
        : await rematchParticipant(deps, t);
  if (outcome.ok)
    return redirect(
      ctx.answer,
      `${programmePath(t.programmeId, 'roster')}?done=${action}&who=${encodeURIComponent(t.participantId)}`,
    );
  const names = await namesBySlackId(ctx.deps, t.programmeId);
  return confirmAction(ctx, { kind: 'problem', text: slackTextToHtml(outcome.message, names) }, 409);
}

export const rosterRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^/admin/programmes/${ID}/roster$`), access: 'signed_in', handler: showRoster },
  {
    method: 'GET',
    pattern: new RegExp(`^/admin/programmes/${ID}/roster/${ID}/(${ACTIONS.join('|')})$`),
    access: 'signed_in',
    handler: (ctx) => confirmAction(ctx),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/admin/programmes/${ID}/roster/${ID}/(${ACTIONS.join('|')})$`),
    access: 'signed_in',
    handler: applyAction,
  },
];
