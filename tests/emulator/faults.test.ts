import { RESPONSE_URL_FAULT, SlackEmulator } from '../../src/devtools/emulator/index.js';
import { respondLater } from '../../src/slack/respond.js';
import { LogLevel } from '@slack/web-api';
import { slackError, webClient } from './helpers.js';

const LEO = 'U0EMU0008';
const AMARA = 'U0EMU0001';

describe('faults', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await SlackEmulator.start();
  });
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.clearFaults();
    emu.reset();
  });

  it('return an error code for a number of calls, then recover', async () => {
    const fault = emu.injectFault({ method: 'chat.postMessage', error: 'account_inactive', times: 2 });
    const client = webClient(emu);
    expect((await slackError(client.chat.postMessage({ channel: LEO, text: 'x' }))).error).toBe('account_inactive');
    expect((await slackError(client.chat.postMessage({ channel: LEO, text: 'x' }))).error).toBe('account_inactive');
    expect((await client.chat.postMessage({ channel: LEO, text: 'x' })).ok).toBe(true);
    expect(fault.hits).toBe(2);
    expect(emu.messagesIn(emu.channelFor([LEO]))).toHaveLength(1);
  });

  it('only hit calls about the given user, including their DM', async () => {
    emu.injectFault({ method: 'chat.postMessage', userId: LEO, error: 'user_disabled' });
    const client = webClient(emu);
    expect((await slackError(client.chat.postMessage({ channel: emu.channelFor([LEO]), text: 'x' }))).error).toBe(
      'user_disabled',
    );
    expect((await slackError(client.chat.postMessage({ channel: LEO, text: 'x' }))).error).toBe('user_disabled');
    expect((await client.chat.postMessage({ channel: AMARA, text: 'x' })).ok).toBe(true);
  });

  it('only hit the given channel', async () => {
    emu.injectFault({ method: 'chat.postMessage', channel: 'C0EMUGENERAL', error: 'is_archived', times: 1 });
    const client = webClient(emu);
    expect((await client.chat.postMessage({ channel: LEO, text: 'x' })).ok).toBe(true);
    expect((await slackError(client.chat.postMessage({ channel: 'C0EMUGENERAL', text: 'x' }))).error).toBe('is_archived');
  });

  it('answer an HTTP status, which the WebClient reports as an HTTP error', async () => {
    emu.injectFault({ method: 'users.info', status: 500, times: 1 });
    const error = await webClient(emu)
      .users.info({ user: LEO })
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('slack_webapi_http_error');
    expect((error as { statusCode: number }).statusCode).toBe(500);
    expect(emu.callsTo('users.info')[0]?.status).toBe(500);
    expect((await webClient(emu).users.info({ user: LEO })).ok).toBe(true);
  });

  it('retried by the WebClient when retries are on', async () => {
    emu.injectFault({ method: 'users.info', status: 503, times: 2 });
    const client = webClient(emu, { retryConfig: { retries: 3, factor: 1, minTimeout: 5, maxTimeout: 5 } });
    expect((await client.users.info({ user: LEO })).ok).toBe(true);
    expect(emu.callsTo('users.info').map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('delay a call', async () => {
    emu.injectFault({ method: 'auth.test', delayMs: 150, times: 1 });
    const started = Date.now();
    expect((await webClient(emu).auth.test()).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a slow call the client stops waiting for is still done, as Slack would, when its delay ends', async () => {
    emu.injectFault({ method: 'chat.postMessage', delayMs: 400, times: 1 });
    const before = emu.messagesIn(emu.channelFor([LEO])).length;
    const started = Date.now();
    const error = await webClient(emu, { timeout: 100, logLevel: LogLevel.ERROR })
      .chat.postMessage({ channel: LEO, text: 'x' })
      .catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('slack_webapi_request_error');
    expect(Date.now() - started).toBeLessThan(400);
    await emu.waitUntil(() => emu.callsTo('chat.postMessage').length === 1, 2000, 'the call done');
    expect(emu.messagesIn(emu.channelFor([LEO]))).toHaveLength(before + 1);
  });

  it('delay or fail a response_url POST', async () => {
    const url = emu.issueResponseUrl({ userId: LEO, channelId: emu.channelFor([LEO]) });
    emu.injectFault({ method: RESPONSE_URL_FAULT, delayMs: 400, times: 1 });
    const started = Date.now();
    await expect(respondLater(url, 'late', undefined, 100)).rejects.toThrow(/abort|timeout/i);
    expect(Date.now() - started).toBeLessThan(400);
    await emu.waitUntil(() => emu.responseUrlPosts({ userId: LEO }).length === 1, 2000, 'the late post');
    emu.injectFault({ method: RESPONSE_URL_FAULT, status: 500, times: 1 });
    await expect(respondLater(url, 'refused')).rejects.toThrow('HTTP 500');
    await respondLater(url, 'fine');
    expect(emu.responseUrlPosts({ userId: LEO }).map((p) => p.text)).toEqual(['late', 'fine']);
  });

  it('send 429 with Retry-After when asked', async () => {
    emu.injectFault({ method: 'chat.postMessage', status: 429, retryAfter: 7, times: 1 });
    const error = await webClient(emu, { rejectRateLimitedCalls: true })
      .chat.postMessage({ channel: LEO, text: 'x' })
      .catch((e: unknown) => e);
    expect((error as { retryAfter: number }).retryAfter).toBe(7);
  });
});
