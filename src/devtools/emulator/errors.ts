import type { JsonObject } from './json.js';

/** A Slack platform error: answered as HTTP 200 `{ ok: false, error, ...extra }`. */
export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: JsonObject = {},
  ) {
    super(code);
    this.name = 'SlackApiError';
  }

  toBody(): JsonObject {
    return { ok: false, error: this.code, ...this.extra };
  }
}

/** `invalid_arguments` with `response_metadata.messages`, as Slack answers malformed views. */
export function invalidArguments(messages: string[]): SlackApiError {
  return new SlackApiError('invalid_arguments', { response_metadata: { messages } });
}
