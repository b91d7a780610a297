import { readFileSync } from 'node:fs';
import { parseSlackBody } from '../../../src/requests/body.js';

const vector = JSON.parse(
  readFileSync(new URL('../../emulator/fixtures/signature_test_vector.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const FORM = 'application/x-www-form-urlencoded';

describe('parseSlackBody', () => {
  test('a slash command is its form fields', () => {
    const body = parseSlackBody(vector.raw_body!, FORM);
    expect(body.command).toBe('/webhook-collect');
    expect(body.text).toBe('');
    expect(body.response_url).toBe('https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN');
  });

  test('an interaction is the JSON in its payload field; an event is JSON', () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'checkin_met' }] };
    expect(parseSlackBody(`payload=${encodeURIComponent(JSON.stringify(payload))}`, `${FORM}; charset=utf-8`)).toEqual(payload);
    expect(parseSlackBody('{"type":"event_callback","event":{"type":"app_home_opened"}}', 'application/json').type).toBe(
      'event_callback',
    );
  });

  test('throws on what is not an object', () => {
    expect(() => parseSlackBody('payload=%7Bnot-json', FORM)).toThrow();
    expect(() => parseSlackBody('[1,2]', 'application/json')).toThrow();
    expect(() => parseSlackBody('null', 'application/json')).toThrow();
    expect(() => parseSlackBody('', 'application/json')).toThrow();
    expect(() => parseSlackBody('payload=%7B%7D', FORM)).toThrow('names no kind');
    expect(() => parseSlackBody('text=hello', FORM)).toThrow('names no kind');
  });
});
