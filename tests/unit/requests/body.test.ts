import { readFileSync } from 'node:fs';
import { parse as parseQuery } from 'node:querystring';
import { parseSlackBody } from '../../../src/requests/body.js';

const vector = JSON.parse(
  readFileSync(new URL('../../emulator/fixtures/signature_test_vector.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const FORM = 'application/x-www-form-urlencoded';

describe('parseSlackBody', () => {
  test('a slash command is its form fields', () => {
    const { body } = parseSlackBody(vector.raw_body!, FORM);
    expect(body.command).toBe('/webhook-collect');
    expect(body.text).toBe('');
    expect(body.response_url).toBe('https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN');
  });

  test('an interaction is the JSON in its payload field; an event is JSON', () => {
    const payload = { type: 'block_actions', actions: [{ action_id: 'checkin_met' }] };
    expect(parseSlackBody(`payload=${encodeURIComponent(JSON.stringify(payload))}`, `${FORM}; charset=utf-8`).body).toEqual(
      payload,
    );
    expect(parseSlackBody('{"type":"event_callback","event":{"type":"app_home_opened"}}', 'application/json').body.type).toBe(
      'event_callback',
    );
  });

  test("a payload reads as querystring reads it: '+' is a space, %2B a plus, text with & = % and any script", () => {
    const payload = {
      type: 'view_submission',
      view: { state: { values: { b: { a: { value: 'Q&A = 100% + "ça va?" 🎉\nline two' } } } } },
    };
    // As a browser form encodes it (spaces as '+'), and as encodeURIComponent does (spaces as %20).
    const forms = [
      `payload=${encodeURIComponent(JSON.stringify(payload)).replaceAll('%20', '+')}`,
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
    ];
    for (const raw of forms) {
      expect(parseSlackBody(raw, FORM).body).toEqual(payload);
      expect(parseSlackBody(raw, FORM).body).toEqual(JSON.parse(parseQuery(raw).payload as string));
    }
  });

  test('a payload beside other fields, or with a broken escape, is read by querystring as before', () => {
    const payload = { type: 'block_actions', note: '100%' };
    const json = JSON.stringify(payload);
    expect(parseSlackBody(`payload=${encodeURIComponent(json)}&extra=1`, FORM).body).toEqual(payload);
    // querystring keeps a lone % as it is; decodeURIComponent would throw on it.
    expect(parseSlackBody(`payload=${encodeURIComponent(json).replace('%25', '%')}`, FORM).body).toEqual(payload);
  });

  test('the JSON text kept for the inbox reads back as the body: the payload or event as sent, a command written out', () => {
    const payload = { type: 'block_actions', note: 'ça + 100%', n: 1.5e300 };
    for (const [raw, type] of [
      [`payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM],
      [`payload=${encodeURIComponent(JSON.stringify(payload))}&extra=1`, FORM],
      [vector.raw_body!, FORM],
      ['{"type":"event_callback", "event":{"type":"app_home_opened"}}', 'application/json'],
    ] as const) {
      const { body, json } = parseSlackBody(raw, type);
      expect(JSON.parse(json)).toEqual(body);
    }
    const event = '{"type":"event_callback", "event":{"type":"app_home_opened"}}';
    expect(parseSlackBody(event, 'application/json').json).toBe(event);
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
