import type { z } from 'zod';
import { unescapeText } from '../../../messages/common/text.js';

/**
 * What a view_submission listener acks with: nothing (close the modal) or inline errors. Slack shows an inline
 * error as plain text, so a refusal worded for mrkdwn (people's text escaped) is unescaped here.
 */
export type SubmissionAck = { response_action: 'errors'; errors: Record<string, string> } | undefined;

export function inlineErrors(errors: Partial<Record<string, string>>): SubmissionAck {
  const entries = Object.entries(errors)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([field, text]) => [field, unescapeText(text)] as const);
  return entries.length === 0 ? undefined : { response_action: 'errors', errors: Object.fromEntries(entries) };
}

/** The one answer to a form Slack sent in a shape we cannot read: shown under `field`, nothing changes. */
export const unreadableForm = (field: string): SubmissionAck =>
  inlineErrors({ [field]: 'Slack sent a form I could not read. Please try again.' });

/** A modal's private_metadata (JSON the bot wrote when it opened the modal), checked against `schema`; undefined when it does not fit. */
export function readPrivateMetadata<S extends z.ZodType>(schema: S, raw: string): z.infer<S> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
