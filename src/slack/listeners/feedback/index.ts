// Feedback buttons and forms: "Give feedback", the surveys, the pair's objectives. The flows check every
// answer (whose request, programme open, check-in logged, values in range) before anything is stored;
// a refusal is an inline error in the modal or an ephemeral message, and nothing changes.
import { z } from 'zod';
import {
  answerCheckInFeedback,
  answerSurvey,
  openAnswerForm,
  openObjectives,
  setPairObjectives,
  type AnswerOutcome,
  type FeedbackDeps,
} from '../../../flows/feedback/index.js';
import { noticeModal } from '../../../messages/common/noticeModal.js';
import {
  CONSENT_VALUE,
  FEEDBACK_ACTIONS,
  FEEDBACK_MODAL,
  feedbackSavedText,
  OBJECTIVES_MODAL,
  SURVEY_MODALS,
  surveySavedText,
} from '../../../messages/feedback.js';
import { FormValues, viewSubmissionSchema } from '../../forms/stateValues.js';
import { onButtons } from '../kit/buttons.js';
import type { ListenerDeps } from '../kit/deps.js';
import type { Listeners } from '../kit/registry.js';
import type { ListenerRouter } from '../kit/router.js';
import { inlineErrors, readPrivateMetadata, unreadableForm } from '../kit/submissions.js';

const slackId = z.string().regex(/^[A-Z0-9]+$/);
const buttonSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId }),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().max(200) })).min(1),
});
const keyMetadata = z.object({ key: z.string().min(1).max(200) });
const pairMetadata = z.object({ pairingId: z.string().min(1).max(100) });

type Ack =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: ReturnType<typeof noticeModal> }
  | undefined;

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });
const thanks = (text: string): Ack => ({ response_action: 'update', view: noticeModal('Thank you', text) });
const feedbackDeps = (deps: ListenerDeps): FeedbackDeps => ({ db: deps.db, coordinators: deps.config.coordinators });

function registerButtons(routes: ListenerRouter, deps: ListenerDeps): void {
  onButtons(
    routes,
    deps,
    [FEEDBACK_ACTIONS.open, FEEDBACK_ACTIONS.survey],
    buttonSchema,
    async (payload, { actionId, client, respond }) => {
      const kinds = actionId === FEEDBACK_ACTIONS.open ? (['checkin'] as const) : (['midpoint', 'final'] as const);
      const form = await openAnswerForm(deps.db, payload.actions[0]!.value, payload.user.id, kinds);
      if (!form.ok) {
        deps.logger.info(`feedback refused: ${actionId} by ${payload.user.id}`);
        await respond(ephemeral(form.message));
        return;
      }
      await client.views.open({ trigger_id: payload.trigger_id, view: form.value });
    },
    'urgent',
  );

  onButtons(
    routes,
    deps,
    [FEEDBACK_ACTIONS.objectives],
    buttonSchema,
    async (payload, { client, respond }) => {
      const form = await openObjectives(deps.db, payload.actions[0]!.value, payload.user.id);
      if (!form.ok) {
        await respond(ephemeral(form.message));
        return;
      }
      await client.views.open({ trigger_id: payload.trigger_id, view: form.value });
    },
    'urgent',
  );
}

/** A refused answer as the modal shows it: the rule's errors, or why (under `field`); logged without content. */
function refusedAnswer(outcome: Exclude<AnswerOutcome, { ok: true }>, field: string, deps: ListenerDeps, what: string): Ack {
  if ('problems' in outcome) return inlineErrors(outcome.problems);
  deps.logger.info(`feedback refused: ${what}`);
  return inlineErrors({ [field]: outcome.message });
}

async function submitCheckInFeedback(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('rating');
  const { user, view } = parsed.data;
  const form = new FormValues(view.state.values);
  const outcome = await answerCheckInFeedback(
    feedbackDeps(deps),
    {
      requestKey: readPrivateMetadata(keyMetadata, view.private_metadata)?.key,
      slackUserId: user.id,
      viewId: view.id,
      form: {
        rating: form.option('rating'),
        learned: form.text('learned'),
        topics: form.options('topics'),
        concern: form.text('concern'),
        consent: form.options('concern_consent').includes(CONSENT_VALUE),
      },
    },
    deps.clock.now(),
  );
  if (!outcome.ok) return refusedAnswer(outcome, 'rating', deps, `check-in form of ${user.id}`);
  const saved = outcome.value;
  // Which request and what happened, never what was written.
  deps.logger.info(
    `feedback saved: ${saved.requestKey} (${saved.edited ? 'edited' : 'new'}${saved.concernSent ? ', concern to coordinators' : ''})`,
  );
  return thanks(feedbackSavedText(saved.edited, saved.concernSent));
}

async function submitSurvey(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('progress');
  const { user, view } = parsed.data;
  const kind = view.callback_id === SURVEY_MODALS.final ? 'final' : 'midpoint';
  const form = new FormValues(view.state.values);
  const outcome = await answerSurvey(
    feedbackDeps(deps),
    kind,
    {
      requestKey: readPrivateMetadata(keyMetadata, view.private_metadata)?.key,
      slackUserId: user.id,
      viewId: view.id,
      form: {
        progress: form.option('progress'),
        recommend: form.option('recommend'),
        changed: form.text('changed'),
        commitment: form.text('commitment'),
        concern: form.text('concern'),
        consent: form.options('concern_consent').includes(CONSENT_VALUE),
      },
    },
    deps.clock.now(),
  );
  if (!outcome.ok) return refusedAnswer(outcome, 'progress', deps, `${kind} survey of ${user.id}`);
  const saved = outcome.value;
  deps.logger.info(
    `feedback saved: ${saved.requestKey} (${saved.edited ? 'edited' : 'new'}${saved.concernSent ? ', concern to coordinators' : ''})`,
  );
  return thanks(surveySavedText(saved.concernSent));
}

async function submitObjectives(body: unknown, deps: ListenerDeps): Promise<Ack> {
  const parsed = viewSubmissionSchema.safeParse(body);
  if (!parsed.success) return unreadableForm('objectives');
  const { user, view } = parsed.data;
  const outcome = await setPairObjectives(
    deps.db,
    {
      pairingId: readPrivateMetadata(pairMetadata, view.private_metadata)?.pairingId,
      slackUserId: user.id,
      viewId: view.id,
      text: new FormValues(view.state.values).text('objectives'),
    },
    deps.clock.now(),
  );
  if (outcome.ok) return undefined;
  return inlineErrors('problems' in outcome ? outcome.problems : { objectives: outcome.message });
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
