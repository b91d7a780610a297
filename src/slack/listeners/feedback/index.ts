// Feedback buttons and forms: "Give feedback", the surveys, the pair's objectives. Every answer is
// checked (whose request, programme open, check-in logged, values in range) before anything is stored;
// a refusal is an inline error in the modal or an ephemeral message, and nothing changes.
import { z } from 'zod';
import { validateCheckInFeedback, validateObjectives, validateSurvey } from '../../../domain/feedback.js';
import { listCoordinators } from '../../../store/coordinators.js';
import { findPairForObjectives, saveAnswer, setObjectives } from '../../../store/feedback.js';
import { programmeTopics } from '../../../store/programmes.js';
import type { ListenerDeps } from '../kit/deps.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import {
  closingThanks, concernNotices, CONSENT_VALUE, FEEDBACK_ACTIONS, FEEDBACK_MODAL, feedbackModal, OBJECTIVES_MODAL, objectivesModal,
  objectivesNote, SURVEY_MODALS, surveyModal, surveyThanks,
} from '../../../messages/feedback.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import { onButtons } from '../kit/buttons.js';
import { inlineErrors } from '../kit/submissions.js';
import { partnerOf, REFUSALS, requestFor, roleOf } from './access.js';
import type { ListenerRouter } from '../kit/router.js';
import type { Listeners } from '../kit/registry.js';

const slackId = z.string().regex(/^[A-Z0-9]+$/);
const buttonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(200) })).min(1),
});
const keyMetadata = z.object({ key: z.string().min(1).max(200) });
const pairMetadata = z.object({ pairingId: z.string().min(1).max(100) });

type Ack = { response_action: 'errors'; errors: Record<string, string> } | { response_action: 'update'; view: ReturnType<typeof noticeModal> } | undefined;

function metadata<S extends z.ZodType>(schema: S, raw: string): z.infer<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });
const thanks = (text: string): Ack => ({ response_action: 'update', view: noticeModal('Thank you', text) });

function registerButtons(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(routes, deps, [FEEDBACK_ACTIONS.open, FEEDBACK_ACTIONS.survey], buttonSchema, async (payload, { actionId, client, respond }) => {
    const key = payload.actions[0]!.value;
    const kinds = actionId === FEEDBACK_ACTIONS.open ? (['checkin'] as const) : (['midpoint', 'final'] as const);
    const access = await requestFor(deps.db, key, payload.user.id, kinds);
    if (!access.ok) {
      deps.logger.info(`feedback refused: ${actionId} by ${payload.user.id}`);
      await respond(ephemeral(access.message));
      return;
    }
    const r = access.request;
    const a = r.answer;
    if (r.kind === 'checkin') {
      const topics = await programmeTopics(deps.db, r.pairing.programmeId);
      const answer = a ? { rating: a.rating, learned: a.learned, topics: a.topics.map((t) => t.topicKey), concern: a.concern } : undefined;
      await client.views.open({
        trigger_id: payload.trigger_id,
        view: feedbackModal({ requestKey: r.key, programmeName: r.pairing.programme.name, partnerSlackId: partnerOf(r).slackUserId, sequence: r.checkIn?.sequence ?? 0, role: roleOf(r), topics, ...(answer ? { answer } : {}) }),
      });
      return;
    }
    const answer = a ? { progress: a.progress, recommendScore: a.recommendScore, changed: a.changed, commitment: a.commitment, concern: a.concern } : undefined;
    await client.views.open({
      trigger_id: payload.trigger_id,
      view: surveyModal({
        requestKey: r.key,
        kind: r.kind === 'final' ? 'final' : 'midpoint',
        programmeName: r.pairing.programme.name,
        programmeObjectives: r.pairing.programme.objectives,
        pairObjectives: r.pairing.objectives,
        role: roleOf(r),
        ...(answer ? { answer } : {}),
      }),
    });
  }, 'urgent');

  onButtons(routes, deps, [FEEDBACK_ACTIONS.objectives], buttonSchema, async (payload, { client, respond }) => {
    const p = await findPairForObjectives(deps.db, payload.actions[0]!.value);
    if (!p || ![p.mentor.slackUserId, p.mentee.slackUserId].includes(payload.user.id)) {
      await respond(ephemeral('Only the two people of this pair can set its objectives.'));
      return;
    }
    if (p.programme.status === 'closed' || p.status === 'ended') {
      await respond(ephemeral(`${p.programme.name} is over for this pair: its objectives can no longer change.`));
      return;
    }
    await client.views.open({ trigger_id: payload.trigger_id, view: objectivesModal(p.id, p.programme.name, p.programme.objectives, p.objectives) });
  }, 'urgent');
}

/** Concerns go only with the consent box ticked (validation refuses one without it), and only when new. */
async function concernMessages(deps: ListenerDeps, r: Parameters<typeof partnerOf>[0], concern: string | null, viewId: string) {
  if (!concern || concern === r.answer?.concern) return [];
  const coordinators = await listCoordinators(deps.db, deps.config.coordinators);
  return concernNotices({
    coordinators,
    requestKey: r.key,
    participantId: r.participantId,
    viewId,
    slackUserId: r.participant.slackUserId,
    role: r.participant.role,
    partnerSlackId: partnerOf(r).slackUserId,
    programmeName: r.pairing.programme.name,
    concern,
  });
}

export async function submitCheckInFeedback(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ rating: 'Slack sent a form I could not read. Please try again.' });
  const { user, view } = parsed.data;
  const meta = metadata(keyMetadata, view.private_metadata);
  const access = meta ? await requestFor(deps.db, meta.key, user.id, ['checkin']) : { ok: false as const, message: REFUSALS.notYours };
  if (!access.ok) {
    deps.logger.info(`feedback refused: check-in form of ${user.id}`);
    return inlineErrors({ rating: access.message });
  }
  const r = access.request;
  const form = new FormValues(view.state.values);
  const catalogue = (await programmeTopics(deps.db, r.pairing.programmeId)).map((t) => t.key);
  const checked = validateCheckInFeedback(
    { rating: form.option('rating'), learned: form.text('learned'), topics: form.options('topics'), concern: form.text('concern'), consent: form.options('concern_consent').includes(CONSENT_VALUE) },
    catalogue,
  );
  if (!checked.ok) return inlineErrors(checked.errors);
  const v = checked.value;
  const concerns = await concernMessages(deps, r, v.concern, view.id);
  const saved = await saveAnswer(deps.db, r, { rating: v.rating, learned: v.learned, topics: v.topics, concern: v.concern }, deps.clock.now(), () => concerns);
  // Which request and what happened, never what was written.
  deps.logger.info(`feedback saved: ${r.key} (${saved.edited ? 'edited' : 'new'}${concerns.length > 0 ? ', concern to coordinators' : ''})`);
  const sent = concerns.length > 0 ? ' Your concern went to the coordinators.' : '';
  return thanks(`${saved.edited ? 'Your feedback is updated.' : 'Your feedback is saved.'}${sent} Your partner never sees it. You can change it with the same button.`);
}

export async function submitSurvey(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ progress: 'Slack sent a form I could not read. Please try again.' });
  const { user, view } = parsed.data;
  const kind = view.callback_id === SURVEY_MODALS.final ? 'final' : 'midpoint';
  const meta = metadata(keyMetadata, view.private_metadata);
  const access = meta ? await requestFor(deps.db, meta.key, user.id, [kind]) : { ok: false as const, message: REFUSALS.notYours };
  if (!access.ok) {
    deps.logger.info(`feedback refused: ${kind} survey of ${user.id}`);
    return inlineErrors({ progress: access.message });
  }
  const r = access.request;
  const form = new FormValues(view.state.values);
  const checked = validateSurvey(
    {
      progress: form.option('progress'),
      recommend: form.option('recommend'),
      changed: form.text('changed'),
      commitment: form.text('commitment'),
      concern: form.text('concern'),
      consent: form.options('concern_consent').includes(CONSENT_VALUE),
    },
    roleOf(r),
  );
  if (!checked.ok) return inlineErrors(checked.errors);
  const v = checked.value;
  const concerns = await concernMessages(deps, r, v.concern, view.id);
  const p = r.pairing;
  const to = p.groupChannelId ? { channel: p.groupChannelId } : { users: [p.mentor.slackUserId, p.mentee.slackUserId] };
  const saved = await saveAnswer(
    deps.db,
    r,
    { progress: v.progress, recommendScore: v.recommendScore, changed: v.changed, commitment: v.commitment, concern: v.concern },
    deps.clock.now(),
    () => [...concerns, surveyThanks(r.participant.slackUserId, r.key, kind, p.programme.name)],
    kind === 'final' ? () => [closingThanks(p.id, to, p.programme.name, p.mentor.slackUserId, p.mentee.slackUserId)] : undefined,
  );
  deps.logger.info(`feedback saved: ${r.key} (${saved.edited ? 'edited' : 'new'}${concerns.length > 0 ? ', concern to coordinators' : ''})`);
  return thanks(`Thank you: your answers are saved.${concerns.length > 0 ? ' Your concern went to the coordinators.' : ''} Your partner never sees them.`);
}

export async function submitObjectives(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return inlineErrors({ objectives: 'Slack sent a form I could not read. Please try again.' });
  const { user, view } = parsed.data;
  const meta = metadata(pairMetadata, view.private_metadata);
  const p = meta ? await findPairForObjectives(deps.db, meta.pairingId) : null;
  if (!p || ![p.mentor.slackUserId, p.mentee.slackUserId].includes(user.id)) return inlineErrors({ objectives: 'Only the two people of this pair can set its objectives.' });
  if (p.programme.status === 'closed' || p.status === 'ended') return inlineErrors({ objectives: `${p.programme.name} is over for this pair: its objectives can no longer change.` });
  const checked = validateObjectives(new FormValues(view.state.values).text('objectives'));
  if (!checked.ok) return inlineErrors(checked.errors);
  if (checked.value === p.objectives) return undefined;
  const to = p.groupChannelId ? { channel: p.groupChannelId } : { users: [p.mentor.slackUserId, p.mentee.slackUserId] };
  await setObjectives(deps.db, p.id, checked.value, deps.clock.now(), [objectivesNote(p.id, to, user.id, checked.value, view.id)]);
  return undefined;
}

export function register({ routes, deps }: Listeners): void {
  registerButtons(routes, deps);
  routes.view(FEEDBACK_MODAL, async ({ ack, body }) => {
    await ack(await submitCheckInFeedback(body, deps));
  });
  for (const callbackId of Object.values(SURVEY_MODALS)) {
    routes.view(callbackId, async ({ ack, body }) => {
      await ack(await submitSurvey(body, deps));
    });
  }
  routes.view(OBJECTIVES_MODAL, async ({ ack, body }) => {
    await ack(await submitObjectives(body, deps));
  });
}
