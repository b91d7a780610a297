import { z } from 'zod';
import { isCoordinator } from '../kit/guards.js';
import { pinPair, swapPeople, type EditOutcome } from '../../../store/matching.js';
import type { ListenerDeps } from '../kit/deps.js';
import type { FormValues } from '../../forms/stateValues.js';
import { inlineErrors, unreadableForm, type SubmissionAck } from '../kit/submissions.js';

const metaSchema = z.object({ runId: z.string().min(1), previewViewId: z.string().min(1) });

export interface EditSubmission {
  ack: SubmissionAck;
  /** After the ack: the preview to refresh. */
  after?: { previewViewId: string; runId: string; notice?: string };
}

function readMeta(raw: string) {
  try {
    return metaSchema.safeParse(JSON.parse(raw));
  } catch {
    return metaSchema.safeParse(undefined);
  }
}

function refusal(outcome: EditOutcome): string | null {
  if (outcome.ok) return null;
  if ('refused' in outcome) return outcome.refused;
  if ('notDraft' in outcome) return outcome.notDraft === 'approved' ? 'This matching is already approved: it can no longer change.' : 'A newer draft replaced this one. Close this and run /rm-admin match again.';
  if ('pinErrors' in outcome) return outcome.pinErrors.map((e) => e.message).join('; ');
  return 'This draft no longer exists.';
}

/** Mentions read better as plain names in an inline error (Slack shows it as plain text). */
const plainText = (s: string) => s.replace(/<@([A-Z0-9]+)>/g, '$1').slice(0, 2000);

async function guard(userId: string, rawMeta: string, field: string, deps: ListenerDeps) {
  if (!(await isCoordinator(deps, userId))) return { error: inlineErrors({ [field]: 'Only programme coordinators can change a matching.' }) } as const;
  const meta = readMeta(rawMeta);
  if (!meta.success) return { error: unreadableForm(field) } as const;
  return { meta: meta.data } as const;
}

export async function submitSwap(userId: string, rawMeta: string, form: FormValues, deps: ListenerDeps): Promise<EditSubmission> {
  const g = await guard(userId, rawMeta, 'personA', deps);
  if ('error' in g) return { ack: g.error };
  const a = form.user('personA');
  const b = form.user('personB');
  if (!a || !b) return { ack: inlineErrors({ [a ? 'personB' : 'personA']: 'Choose a person.' }) };
  const outcome = await swapPeople(deps.db, g.meta.runId, a, b, deps.clock.now());
  const refused = refusal(outcome);
  if (refused) return { ack: inlineErrors({ personA: plainText(refused) }) };
  return { ack: undefined, after: { previewViewId: g.meta.previewViewId, runId: outcome.ok ? outcome.runId : g.meta.runId, notice: `Swapped <@${a}> and <@${b}>.` } };
}

export async function submitPin(userId: string, rawMeta: string, form: FormValues, deps: ListenerDeps): Promise<EditSubmission> {
  const g = await guard(userId, rawMeta, 'mentor', deps);
  if ('error' in g) return { ack: g.error };
  const mentor = form.user('mentor');
  const mentee = form.user('mentee');
  if (!mentor || !mentee) return { ack: inlineErrors({ [mentor ? 'mentee' : 'mentor']: 'Choose a person.' }) };
  const outcome = await pinPair(deps.db, g.meta.runId, mentor, mentee, userId, deps.clock.now());
  const refused = refusal(outcome);
  if (refused) return { ack: inlineErrors({ mentor: plainText(refused) }) };
  return { ack: undefined, after: { previewViewId: g.meta.previewViewId, runId: outcome.ok ? outcome.runId : g.meta.runId, notice: `Pinned <@${mentor}> with <@${mentee}>; everyone else was matched again around them.` } };
}
