import { z } from 'zod';
import { pinPair, swapPeople, type EditOutcome } from '../../../flows/matching/index.js';
import { isSlackUserId } from '../../../domain/inputs.js';
import {
  choosePersonText,
  coordinatorsOnlyEditText,
  pinnedText,
  runStateText,
  swappedText,
} from '../../../messages/matching/replies.js';
import { isCoordinator } from '../kit/guards.js';
import { coordinatesRun } from '../../../flows/coordinators.js';
import { notYourMatchingText } from '../../../messages/coordinators.js';
import type { ListenerDeps } from '../kit/deps.js';
import type { FormValues } from '../../forms/stateValues.js';
import { inlineErrors, readPrivateMetadata, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

const metaSchema = z.object({ runId: z.string().min(1), previewViewId: z.string().min(1) });

export interface EditSubmission {
  ack: SubmissionAck;
  /** After the ack: the preview to refresh. */
  after?: { previewViewId: string; runId: string; notice?: string };
}

/** Mentions read better as plain names in an inline error (Slack shows it as plain text). */
const plainText = (s: string) => s.replace(/<@([A-Z0-9]+)>/g, '$1').slice(0, 2000);

/** The refusal under `field` of the modal (a newer draft: the coordinator closes this modal first). */
function refusalAck(outcome: Extract<EditOutcome, { ok: false }>, field: string): SubmissionAck {
  const text = outcome.reason === 'superseded' ? runStateText('superseded', 'modal') : outcome.message;
  return inlineErrors({ [field]: plainText(text) });
}

/** A person the people picker sent; anything that is not a Slack user id reads as nobody chosen. */
function pickedUser(form: FormValues, block: string): string | undefined {
  const id = form.user(block);
  return id !== undefined && isSlackUserId(id) ? id : undefined;
}

async function guard(userId: string, rawMeta: string, field: string, deps: ListenerDeps) {
  if (!(await isCoordinator(deps, userId))) return { error: inlineErrors({ [field]: coordinatorsOnlyEditText() }) } as const;
  const meta = readPrivateMetadata(metaSchema, rawMeta);
  if (!meta) return { error: unreadableForm(field) } as const;
  if (!(await coordinatesRun(deps, userId, meta.runId)))
    return { error: inlineErrors({ [field]: notYourMatchingText() }) } as const;
  return { meta } as const;
}

export async function submitSwap(userId: string, rawMeta: string, form: FormValues, deps: ListenerDeps): Promise<EditSubmission> {
  const g = await guard(userId, rawMeta, 'personA', deps);
  if ('error' in g) return { ack: g.error };
  const a = pickedUser(form, 'personA');
  const b = pickedUser(form, 'personB');
  if (!a || !b) return { ack: inlineErrors({ [a ? 'personB' : 'personA']: choosePersonText() }) };
  const outcome = await swapPeople(deps.db, g.meta.runId, a, b, deps.clock.now());
  if (!outcome.ok) return { ack: refusalAck(outcome, 'personA') };
  return {
    ack: undefined,
    after: { previewViewId: g.meta.previewViewId, runId: outcome.value.runId, notice: swappedText(a, b) },
  };
}

export async function submitPin(userId: string, rawMeta: string, form: FormValues, deps: ListenerDeps): Promise<EditSubmission> {
  const g = await guard(userId, rawMeta, 'mentor', deps);
  if ('error' in g) return { ack: g.error };
  const mentor = pickedUser(form, 'mentor');
  const mentee = pickedUser(form, 'mentee');
  if (!mentor || !mentee) return { ack: inlineErrors({ [mentor ? 'mentee' : 'mentor']: choosePersonText() }) };
  const outcome = await pinPair(deps.db, g.meta.runId, mentor, mentee, userId, deps.clock.now());
  if (!outcome.ok) return { ack: refusalAck(outcome, 'mentor') };
  return {
    ack: undefined,
    after: { previewViewId: g.meta.previewViewId, runId: outcome.value.runId, notice: pinnedText(mentor, mentee) },
  };
}
