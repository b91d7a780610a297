// The matching review and its edits: every change goes through src/flows/matching, the use cases the Slack
// preview calls, so the rules, refusals and messages are the same, and either side sees the other's changes.
import { z } from 'zod';
import {
  DEFAULT_REVIEW_QUERY,
  isRunOf,
  matchablePeople,
  matchingReview,
  namesBySlackId,
  REVIEW_SORTS,
  type ReviewQuery,
} from '../../flows/dashboardMatching.js';
import { programmeHeading } from '../../flows/dashboardProgrammes.js';
import {
  approveMatching,
  currentOrNewDraft,
  pinPair,
  removePair,
  rerunDraft,
  swapPeople,
  togglePin,
} from '../../flows/matching/index.js';
import { approvedText, pinnedText, swappedText } from '../../messages/matching/replies.js';
import type { Ctx, Route } from '../context.js';
import { redirect, sendHtml } from '../http/respond.js';
import { oneOf, pageNumber, readQuery, text } from '../http/query.js';
import type { Notice } from '../pages/layout.js';
import { approvePage, matchingPage, matchingPath, pinPage, swapPage } from '../pages/matching.js';
import { slackTextToHtml } from '../slackText.js';
import { notFound } from './common.js';

const ID = '([^/]+)';
const route = (suffix: string) => new RegExp(`^/admin/programmes/${ID}/matching${suffix}$`);
const slackId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
const recordId = z.string().min(1).max(200);

const reviewQuery = (params: URLSearchParams): ReviewQuery =>
  readQuery<ReviewQuery>(
    params,
    {
      q: text(),
      pinned: z.enum(['', 'pinned', 'unpinned']),
      minScore: z.coerce.number().min(0).max(100),
      sort: oneOf(REVIEW_SORTS),
      dir: z.enum(['asc', 'desc']),
      page: pageNumber,
    },
    DEFAULT_REVIEW_QUERY,
  );

/** What a redirect after a successful edit shows, by its `done` code (the Slack answer's words where there is one). */
async function doneNotice(ctx: Ctx): Promise<Notice | undefined> {
  const params = ctx.url.searchParams;
  const done = params.get('done');
  if (done === 'approved') {
    const count = (name: string) => z.coerce.number().int().min(0).catch(0).parse(params.get(name));
    return { kind: 'done', text: slackTextToHtml(approvedText({ pairs: count('pairs'), waitlisted: count('waitlisted') })) };
  }
  const [a, b] = [slackId.safeParse(params.get('a')), slackId.safeParse(params.get('b'))];
  if ((done === 'swapped' || done === 'pinnedPair') && a.success && b.success) {
    const words = done === 'swapped' ? swappedText(a.data, b.data) : pinnedText(a.data, b.data);
    return { kind: 'done', text: slackTextToHtml(words, await namesBySlackId(ctx.deps, ctx.params[0]!)) };
  }
  const texts: Record<string, string> = {
    prepared: 'The draft is up to date with everyone’s profiles.',
    rerun: 'Re-run: a new draft, keeping the pinned pairs and the pairs you removed apart.',
    pinned: 'The pair is pinned: a re-run keeps it.',
    removed: 'The pair was removed: both are on the waitlist, and a re-run keeps them apart.',
  };
  return done && texts[done] ? { kind: 'done', text: texts[done] } : undefined;
}

async function heading(ctx: Ctx) {
  return programmeHeading(ctx.deps, ctx.params[0]!);
}

async function showMatching(ctx: Ctx, notice?: Notice, status = 200): Promise<void> {
  const programme = await heading(ctx);
  if (!programme) return notFound(ctx);
  const query = reviewQuery(ctx.url.searchParams);
  const review = await matchingReview(ctx.deps, programme.id, query);
  const shown = notice ?? (await doneNotice(ctx));
  sendHtml(
    ctx.answer,
    status,
    matchingPage({
      viewer: ctx.viewer,
      programme,
      review,
      params: ctx.url.searchParams,
      query,
      ...(shown ? { notice: shown } : {}),
    }),
  );
}

/** The outcome's refusal in the dashboard's words (people by name), as a notice. */
async function problem(ctx: Ctx, message: string): Promise<Notice> {
  return { kind: 'problem', text: slackTextToHtml(message, await namesBySlackId(ctx.deps, ctx.params[0]!)) };
}

/** The run a form names, checked to be this programme's; undefined (and a 404 sent) when it is not. */
async function formRun(ctx: Ctx): Promise<string | undefined> {
  const runId = recordId.safeParse(ctx.form.get('runId'));
  if (runId.success && (await isRunOf(ctx.deps, runId.data, ctx.params[0]!))) return runId.data;
  notFound(ctx, 'This matching is not one of this programme’s.');
  return undefined;
}

const done = (ctx: Ctx, code: string, extra = '') => redirect(ctx.answer, `${matchingPath(ctx.params[0]!)}?done=${code}${extra}`);

async function prepare(ctx: Ctx): Promise<void> {
  const programme = await heading(ctx);
  if (!programme) return notFound(ctx);
  const outcome = await currentOrNewDraft(ctx.deps.db, programme.id, ctx.viewer.slackUserId, ctx.now);
  if (!outcome.ok) return showMatching(ctx, await problem(ctx, outcome.message), 409);
  done(ctx, 'prepared');
}

async function rerun(ctx: Ctx): Promise<void> {
  const runId = await formRun(ctx);
  if (!runId) return;
  const outcome = await rerunDraft(ctx.deps.db, runId, ctx.viewer.slackUserId, ctx.now);
  if (!outcome.ok) return showMatching(ctx, await problem(ctx, outcome.message), 409);
  done(ctx, 'rerun');
}

async function pairEdit(ctx: Ctx, edit: typeof togglePin, code: string): Promise<void> {
  const runId = await formRun(ctx);
  if (!runId) return;
  const pairingId = recordId.safeParse(ctx.form.get('pairingId'));
  if (!pairingId.success) return notFound(ctx, 'This pair is not in the draft.');
  const outcome = await edit(ctx.deps.db, runId, pairingId.data, ctx.now);
  if (!outcome.ok) return showMatching(ctx, await problem(ctx, outcome.message), 409);
  done(ctx, code);
}

async function showApprove(ctx: Ctx, notice?: Notice, status = 200): Promise<void> {
  const programme = await heading(ctx);
  if (!programme) return notFound(ctx);
  const review = await matchingReview(ctx.deps, programme.id, DEFAULT_REVIEW_QUERY);
  if (review.run?.status !== 'draft')
    return showMatching(ctx, { kind: 'warn', text: 'There is no draft to approve. Prepare one first.' }, 409);
  sendHtml(ctx.answer, status, approvePage({ viewer: ctx.viewer, programme, review, ...(notice ? { notice } : {}) }));
}

async function approve(ctx: Ctx): Promise<void> {
  const runId = await formRun(ctx);
  if (!runId) return;
  const outcome = await approveMatching(ctx.deps.db, runId, ctx.viewer.slackUserId, ctx.now);
  if (!outcome.ok) return showMatching(ctx, await problem(ctx, outcome.message), 409);
  done(ctx, 'approved', `&pairs=${outcome.value.pairs}&waitlisted=${outcome.value.waitlisted}`);
}

async function showPeopleForm(ctx: Ctx, form: 'pin' | 'swap', notice?: Notice, status = 200): Promise<void> {
  const programme = await heading(ctx);
  if (!programme) return notFound(ctx);
  const review = await matchingReview(ctx.deps, programme.id, DEFAULT_REVIEW_QUERY);
  if (review.run?.status !== 'draft')
    return showMatching(ctx, { kind: 'warn', text: 'There is no draft to change. Prepare one first.' }, 409);
  const people = await matchablePeople(ctx.deps, programme.id);
  const o = { viewer: ctx.viewer, programme, runId: review.run.id, people, ...(notice ? { notice } : {}) };
  sendHtml(ctx.answer, status, form === 'pin' ? pinPage(o) : swapPage(o));
}

async function pin(ctx: Ctx): Promise<void> {
  const runId = await formRun(ctx);
  if (!runId) return;
  const mentor = slackId.safeParse(ctx.form.get('mentor'));
  const mentee = slackId.safeParse(ctx.form.get('mentee'));
  if (!mentor.success || !mentee.success)
    return showPeopleForm(ctx, 'pin', { kind: 'problem', text: 'Choose a mentor and a mentee.' }, 422);
  const outcome = await pinPair(ctx.deps.db, runId, mentor.data, mentee.data, ctx.viewer.slackUserId, ctx.now);
  if (!outcome.ok) return showPeopleForm(ctx, 'pin', await problem(ctx, outcome.message), 409);
  done(ctx, 'pinnedPair', `&a=${mentor.data}&b=${mentee.data}`);
}

async function swap(ctx: Ctx): Promise<void> {
  const runId = await formRun(ctx);
  if (!runId) return;
  const a = slackId.safeParse(ctx.form.get('a'));
  const b = slackId.safeParse(ctx.form.get('b'));
  if (!a.success || !b.success) return showPeopleForm(ctx, 'swap', { kind: 'problem', text: 'Choose two people.' }, 422);
  const outcome = await swapPeople(ctx.deps.db, runId, a.data, b.data, ctx.now);
  if (!outcome.ok) return showPeopleForm(ctx, 'swap', await problem(ctx, outcome.message), 409);
  done(ctx, 'swapped', `&a=${a.data}&b=${b.data}`);
}

export const matchingRoutes: Route[] = [
  { method: 'GET', pattern: route(''), access: 'signed_in', handler: (ctx) => showMatching(ctx) },
  { method: 'POST', pattern: route('/prepare'), access: 'signed_in', handler: prepare },
  { method: 'POST', pattern: route('/rerun'), access: 'signed_in', handler: rerun },
  { method: 'POST', pattern: route('/toggle-pin'), access: 'signed_in', handler: (ctx) => pairEdit(ctx, togglePin, 'pinned') },
  { method: 'POST', pattern: route('/remove'), access: 'signed_in', handler: (ctx) => pairEdit(ctx, removePair, 'removed') },
  { method: 'GET', pattern: route('/approve'), access: 'signed_in', handler: (ctx) => showApprove(ctx) },
  { method: 'POST', pattern: route('/approve'), access: 'signed_in', handler: approve },
  { method: 'GET', pattern: route('/pin'), access: 'signed_in', handler: (ctx) => showPeopleForm(ctx, 'pin') },
  { method: 'POST', pattern: route('/pin'), access: 'signed_in', handler: pin },
  { method: 'GET', pattern: route('/swap'), access: 'signed_in', handler: (ctx) => showPeopleForm(ctx, 'swap') },
  { method: 'POST', pattern: route('/swap'), access: 'signed_in', handler: swap },
];
