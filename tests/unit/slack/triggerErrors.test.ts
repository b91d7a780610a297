// A modal's trigger id lives 3 s and opens one modal: an error about it is final (the inbox does not try the request
// again with the same dead trigger, and a command tells the person at once to run it again).
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { fixture } from '../../emulator/helpers.js';
import { isTriggerError } from '../../../src/slack/inbox.js';

type Body = { ok: false; error: string; response_metadata?: { messages: string[] } };
const examples = fixture<{ error_examples: Record<string, Body> }>('web_api_responses.json').error_examples;

/** What the WebClient throws for a `{ ok: false }` answer: the body is its `data`. */
const platformError = (data: Body): WebAPIPlatformError =>
  Object.assign(new Error(`An API error occurred: ${data.error}`), {
    code: ErrorCode.PlatformError,
    data,
  }) as WebAPIPlatformError;

describe('errors about a trigger id', () => {
  test("Slack's trigger codes are final", () => {
    for (const error of ['expired_trigger_id', 'exchanged_trigger_id', 'invalid_trigger_id'])
      expect(isTriggerError(platformError({ ok: false, error }))).toBe(true);
  });

  test('views.open\'s documented answer to a bad trigger, invalid_arguments with "invalid `trigger_id`", is final too', () => {
    expect(examples['views.open_invalid_trigger']!.error).toBe('invalid_arguments');
    expect(isTriggerError(platformError(examples['views.open_invalid_trigger']!))).toBe(true);
  });

  test('other errors are not', () => {
    expect(isTriggerError(platformError(examples.invalid_blocks!))).toBe(false);
    expect(
      isTriggerError(
        platformError({
          ok: false,
          error: 'invalid_arguments',
          response_metadata: { messages: ['[ERROR] missing required field: view'] },
        }),
      ),
    ).toBe(false);
    expect(isTriggerError(platformError({ ok: false, error: 'invalid_arguments' }))).toBe(false);
    expect(isTriggerError(new Error('socket hang up'))).toBe(false);
    expect(isTriggerError(undefined)).toBe(false);
  });
});
