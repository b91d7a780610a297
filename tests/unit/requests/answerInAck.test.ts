import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { App, ReceiverEvent } from '@slack/bolt';
import { DispatchBacklog } from '../../../src/requests/dispatchBacklog.js';
import { ACKED_BY_RECEIVER, SlackHttpReceiver, type AckAnswer } from '../../../src/requests/httpReceiver.js';
import type { InboxTicket } from '../../../src/requests/inbox.js';
import type { SlackBody } from '../../../src/requests/body.js';
import { InFlight } from '../../../src/requests/inFlight.js';
import { createLogger } from '../../../src/logger.js';

const SECRET = 'answer-in-ack-secret';
const quiet = createLogger('error', 'test', () => undefined);

/**
 * A slash command answered first while the loop is saturated may carry its answer in the ack's body
 * (`answerInAck`): only once its record is new, and what follows it runs as the recorded request's attempt,
 * never through Bolt as well.
 */
describe('the HTTP receiver answering a command in its ack', () => {
  let server: Server;
  let url: string;
  let record: 'new' | 'duplicate' | 'fails' = 'new';
  let answer: () => Promise<AckAnswer | undefined> | undefined;
  const events: string[] = [];
  const recordedText: Array<string | undefined> = [];
  const processed: ReceiverEvent[] = [];
  const work = new InFlight();
  const loop = { busy: true };
  let calmUntilRecorded = false;

  beforeAll(async () => {
    const ticket: InboxTicket = {
      id: 'r1',
      requestKey: 'trigger:T1',
      kind: 'slash_command',
      attempts: 1,
      receivedAt: new Date(),
    };
    const receiver = new SlackHttpReceiver({
      signingSecret: SECRET,
      logger: quiet,
      backlog: new DispatchBacklog(loop, { work }),
      ackFirst: () => (calmUntilRecorded ? undefined : 'urgent'),
      answerInAck: () => answer(),
      inbox: {
        record: async (_body: SlackBody, json?: string) => {
          events.push('recorded');
          recordedText.push(json);
          calmUntilRecorded = false; // a burst starting while it was recorded
          if (record === 'fails') throw new Error('database down');
          return record === 'duplicate' ? 'duplicate' : ticket;
        },
        attempt: async (_t: InboxTicket, _b: SlackBody, run: () => Promise<void>) => {
          events.push('attempt');
          await run();
          events.push('done');
        },
      },
    });
    receiver.init({ processEvent: async (event: ReceiverEvent) => void processed.push(event) } as unknown as App);
    server = createServer(receiver.requestListener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slack/events`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    events.length = 0;
    processed.length = 0;
    record = 'new';
  });

  async function command(): Promise<{ status: number; body: string }> {
    const body = new URLSearchParams({ command: '/rm-admin', text: 'help', user_id: 'U1', trigger_id: 'T1' }).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
      },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  test('the answer is the body of the ack; what follows it runs as the attempt once the loop is calm, never through Bolt', async () => {
    answer = async () => ({
      body: { response_type: 'ephemeral', text: 'the help' },
      follow: async () => void events.push('follow'),
    });
    const res = await command();
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ response_type: 'ephemeral', text: 'the help' });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['recorded']); // held while the loop is saturated, like any early-answered request
    loop.busy = false;
    try {
      expect(await work.idle(2000)).toBe(true);
    } finally {
      loop.busy = true;
    }
    expect(events).toEqual(['recorded', 'attempt', 'follow', 'done']);
    expect(processed).toEqual([]);
    // The inbox keeps the JSON text the receiver parsed: for a command, its fields written out.
    expect(JSON.parse(recordedText.at(-1) ?? 'null')).toEqual({
      command: '/rm-admin',
      text: 'help',
      user_id: 'U1',
      trigger_id: 'T1',
    });
  });

  test('an empty answer whose reply follows (it was not ready in time) starts at once, even while the loop is saturated', async () => {
    answer = async () => ({ follow: async () => void events.push('follow') });
    const res = await command();
    expect(res).toEqual({ status: 200, body: '' });
    expect(await work.idle(2000)).toBe(true);
    expect(events).toEqual(['recorded', 'attempt', 'follow', 'done']);
    expect(processed).toEqual([]);
  });

  test('calm when it arrived, saturated once recorded (a burst starting): the answer is sought then, for the ack', async () => {
    calmUntilRecorded = true;
    let asked = 0;
    answer = async () => {
      asked++;
      return { body: { text: 'the help' }, follow: async () => void events.push('follow') };
    };
    const res = await command();
    expect(JSON.parse(res.body)).toEqual({ text: 'the help' });
    expect(asked).toBe(1);
    expect(processed).toEqual([]);
  });

  test('a retry or a replay (already recorded) gets an empty 200 and nothing follows', async () => {
    record = 'duplicate';
    answer = async () => ({ body: { text: 'the help' }, follow: async () => void events.push('follow') });
    const res = await command();
    expect(res).toEqual({ status: 200, body: '' });
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['recorded']);
    expect(processed).toEqual([]);
  });

  test('a request the database cannot take is a 503, answer or not', async () => {
    record = 'fails';
    answer = async () => ({ body: { text: 'the help' }, follow: async () => void events.push('follow') });
    expect((await command()).status).toBe(503);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['recorded']);
  });

  test('no answer (or a failure computing it): an empty ack, and the listener replies through Bolt', async () => {
    loop.busy = false; // the backlog dispatches at once
    try {
      for (const none of [() => undefined, async () => undefined, async () => Promise.reject(new Error('read failed'))]) {
        processed.length = 0;
        answer = none;
        const res = await command();
        expect(res).toEqual({ status: 200, body: '' });
        expect(await work.idle(2000)).toBe(true);
        expect(processed).toHaveLength(1);
        expect(processed[0]!.customProperties?.[ACKED_BY_RECEIVER]).toBe(true);
      }
    } finally {
      loop.busy = true;
    }
  });
});
