/** What a view_submission listener acks with: nothing (close the modal) or inline errors. */
export type SubmissionAck = { response_action: 'errors'; errors: Record<string, string> } | undefined;

export function inlineErrors(errors: Partial<Record<string, string>>): SubmissionAck {
  const entries = Object.entries(errors).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length === 0 ? undefined : { response_action: 'errors', errors: Object.fromEntries(entries) };
}
