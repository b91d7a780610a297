import { readFileSync } from 'node:fs';
import { InFlight } from '../../src/requests/inFlight.js';
import { ackFirstPolicy } from '../../src/requests/ackFirst.js';
import { parseSlackBody } from '../../src/requests/body.js';
import { DispatchBacklog } from '../../src/requests/dispatchBacklog.js';
import { checkSlackSignature } from '../../src/requests/signature.js';

const vector = JSON.parse(readFileSync(new URL('../emulator/fixtures/signature_test_vector.json', import.meta.url), 'utf8')) as Record<string, string>;
const FORM = 'application/x-www-form-urlencoded';

describe('checkSlackSignature (Slack\'s published example)', () => {
  const secret = vector.signing_secret!;
  const ts = vector.x_slack_request_timestamp!;
  const body = Buffer.from(vector.raw_body!);
  const sig = vector.x_slack_signature!;
  const at = Number(ts) + 10;

  test('accepts the example', () => {
    expect(checkSlackSignature(secret, ts, sig, body, at)).toBeUndefined();
  });

  test('refuses a changed body, another secret, a malformed or missing signature', () => {
    expect(checkSlackSignature(secret, ts, sig, Buffer.from(vector.raw_body!.replace('roadrunner', 'coyote')), at)).toBe('signature mismatch');
    expect(checkSlackSignature('another-secret', ts, sig, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, sig.slice(0, -2), body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, `${sig}zz`, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, `${sig}, v0=00`, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, 'v1=' + sig.slice(3), body, at)).toBe('unknown signature version');
    expect(checkSlackSignature(secret, ts, undefined, body, at)).toBe('missing headers');
    expect(checkSlackSignature(secret, 'yesterday', sig, body, at)).toBe('missing headers');
  });

  test('refuses a timestamp more than 5 minutes away, in either direction', () => {
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) + 301)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) - 301)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) + 300)).toBeUndefined();
  });
});

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
    expect(parseSlackBody('{"type":"event_callback","event":{"type":"app_home_opened"}}', 'application/json').type).toBe('event_callback');
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

describe('ackFirstPolicy', () => {
  const pressure = { busy: false };
  const policy = ackFirstPolicy({ priorityOf: (id) => (id === 'feedback_open' ? 'urgent' : 'normal'), pressure });

  test('block actions, events and closed views are answered first; modal openers are urgent', () => {
    expect(policy({ type: 'block_actions', actions: [{ action_id: 'checkin_met' }] })).toBe('normal');
    expect(policy({ type: 'block_actions', actions: [{ action_id: 'feedback_open' }] })).toBe('urgent');
    expect(policy({ type: 'block_actions', actions: 'odd' })).toBe('normal');
    expect(policy({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe('normal');
    expect(policy({ type: 'view_closed' })).toBe('normal');
  });

  test('view submissions and function_executed wait for their listener; commands too unless the loop is saturated', () => {
    expect(policy({ type: 'view_submission' })).toBeUndefined();
    expect(policy({ type: 'event_callback', event: { type: 'function_executed' } })).toBeUndefined();
    expect(policy({ command: '/rm-join' })).toBeUndefined();
    pressure.busy = true;
    expect(policy({ command: '/rm-join' })).toBe('urgent');
    pressure.busy = false;
  });
});

describe('DispatchBacklog', () => {
  const tick = () => new Promise((r) => setImmediate(r));
  const flush = async (n = 5) => {
    for (let i = 0; i < n; i++) await tick();
  };

  test('dispatches at once while the loop is calm', () => {
    const backlog = new DispatchBacklog({ busy: false });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    expect(ran).toEqual([1]);
    expect(backlog.waiting).toBe(0);
  });

  test('while saturated, holds everything; when calm, urgent work goes first, a batch per turn', async () => {
    const pressure = { busy: true };
    const work = new InFlight();
    const backlog = new DispatchBacklog(pressure, { work, perTurn: 2, busyRecheckMs: 1 });
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) backlog.submit(async () => void ran.push(name));
    backlog.submit(async () => void ran.push('urgent'), 'urgent');
    await flush();
    expect(ran).toEqual([]);
    expect(work.size).toBe(4); // a shutdown waits for them
    pressure.busy = false;
    await new Promise((r) => setTimeout(r, 10));
    await flush();
    expect(ran).toEqual(['urgent', 'a', 'b', 'c']);
    expect(work.size).toBe(0);
  });

  test('new work while older work waits goes behind it, even if the loop is calm', async () => {
    const pressure = { busy: true };
    const backlog = new DispatchBacklog(pressure, { busyRecheckMs: 1 });
    const ran: string[] = [];
    backlog.submit(async () => void ran.push('first'));
    pressure.busy = false;
    backlog.submit(async () => void ran.push('second'));
    expect(ran).toEqual([]);
    await flush();
    expect(ran).toEqual(['first', 'second']);
  });

  test('above its bound the oldest start anyway, whatever their priority; a failing dispatch does not stop the rest', async () => {
    const pressure = { busy: true };
    const backlog = new DispatchBacklog(pressure, { maxWaiting: 2, busyRecheckMs: 1 });
    const ran: string[] = [];
    backlog.submit(async () => {
      ran.push('old normal');
      throw new Error('listener failed');
    });
    backlog.submit(async () => void ran.push('urgent'), 'urgent');
    expect(ran).toEqual([]);
    backlog.submit(async () => void ran.push('new normal'));
    expect(ran).toEqual(['old normal']);
    expect(backlog.waiting).toBe(2);
    pressure.busy = false;
    await new Promise((r) => setTimeout(r, 10));
    await flush();
    expect(ran).toEqual(['old normal', 'urgent', 'new normal']);
  });

  test('however long the loop stays saturated, nothing waits longer than maxWaitMs', async () => {
    let now = 0;
    const backlog = new DispatchBacklog({ busy: true }, { maxWaitMs: 5000, busyRecheckMs: 1, now: () => now });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    now = 3000;
    backlog.submit(async () => void ran.push(2));
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([]);
    now = 5000;
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([1]);
    now = 8000;
    await new Promise((r) => setTimeout(r, 10));
    expect(ran).toEqual([1, 2]);
    expect(backlog.waiting).toBe(0);
  });

  test('flush (a shutdown) starts everything waiting, and later arrivals at once, busy or not', () => {
    const work = new InFlight();
    const backlog = new DispatchBacklog({ busy: true }, { work, busyRecheckMs: 1 });
    const ran: number[] = [];
    backlog.submit(async () => void ran.push(1));
    backlog.submit(async () => void ran.push(2), 'urgent');
    backlog.flush();
    expect(ran).toEqual([2, 1]);
    backlog.submit(async () => void ran.push(3));
    expect(ran).toEqual([2, 1, 3]);
  });
});
