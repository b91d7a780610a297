import { SlackEmulator } from '../../src/devtools/emulator/index.js';
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

  it('send 429 with Retry-After when asked', async () => {
    emu.injectFault({ method: 'chat.postMessage', status: 429, retryAfter: 7, times: 1 });
    const error = await webClient(emu, { rejectRateLimitedCalls: true })
      .chat.postMessage({ channel: LEO, text: 'x' })
      .catch((e: unknown) => e);
    expect((error as { retryAfter: number }).retryAfter).toBe(7);
  });
});
