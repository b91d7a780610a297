import type { WebAPIRateLimitedError } from '@slack/web-api';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { FakeClock, webClient } from './helpers.js';

const LEO = 'U0EMU0008';
const AMARA = 'U0EMU0001';

async function rawPost(emu: SlackEmulator, method: string, body: Record<string, string>): Promise<Response> {
  return fetch(`${emu.apiUrl}${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${emu.botToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
}

describe('rate limits', () => {
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let emu: SlackEmulator;
  beforeEach(async () => {
    emu = await SlackEmulator.start({ now: clock.now });
  });
  afterEach(() => emu.stop());

  it('are off by default', async () => {
    const client = webClient(emu);
    for (let i = 0; i < 30; i++) await client.chat.postMessage({ channel: LEO, text: `m${i}` });
    expect(emu.callsTo('chat.postMessage').every((c) => c.status === 200)).toBe(true);
  });

  it('pace chat.postMessage per channel: burst, then 429 with Retry-After, then open again', async () => {
    emu.setRateLimits({ postMessagePerChannelPerSec: 1, burst: 3 });
    const dm = emu.channelFor([LEO]);
    for (let i = 0; i < 3; i++) expect((await rawPost(emu, 'chat.postMessage', { channel: dm, text: 'x' })).status).toBe(200);
    const limited = await rawPost(emu, 'chat.postMessage', { channel: dm, text: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    // another channel is not affected
    expect((await rawPost(emu, 'chat.postMessage', { channel: AMARA, text: 'x' })).status).toBe(200);
    clock.advance(1000);
    expect((await rawPost(emu, 'chat.postMessage', { channel: dm, text: 'x' })).status).toBe(200);
    expect((await rawPost(emu, 'chat.postMessage', { channel: dm, text: 'x' })).status).toBe(429);
    expect(emu.messagesIn(dm)).toHaveLength(4);
  });

  it('default to a burst of 3 then 1 per second per channel', async () => {
    emu.setRateLimits(true);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await rawPost(emu, 'chat.postMessage', { channel: LEO, text: 'x' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('count a post to a user id against that DM', async () => {
    emu.setRateLimits({ burst: 1 });
    expect((await rawPost(emu, 'chat.postMessage', { channel: LEO, text: 'x' })).status).toBe(200);
    expect((await rawPost(emu, 'chat.postMessage', { channel: emu.channelFor([LEO]), text: 'x' })).status).toBe(429);
  });

  it('cap chat.postMessage across the workspace', async () => {
    emu.setRateLimits({ workspacePerSec: 2, workspaceBurst: 4 });
    const statuses: number[] = [];
    for (const user of ['U0EMU0001', 'U0EMU0002', 'U0EMU0003', 'U0EMU0004', 'U0EMU0005']) {
      statuses.push((await rawPost(emu, 'chat.postMessage', { channel: user, text: 'x' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    clock.advance(500);
    expect((await rawPost(emu, 'chat.postMessage', { channel: 'U0EMU0006', text: 'x' })).status).toBe(200);
  });

  it('apply tiers per method: Tier 2 users.list allows 20 a minute, Retry-After in whole seconds', async () => {
    emu.setRateLimits(true);
    for (let i = 0; i < 20; i++) expect((await rawPost(emu, 'users.list', { limit: '1' })).status).toBe(200);
    const limited = await rawPost(emu, 'users.list', { limit: '1' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    // Tier 4 users.info has its own bucket
    expect((await rawPost(emu, 'users.info', { user: LEO })).status).toBe(200);
  });

  it('surface as WebAPIRateLimitedError with rejectRateLimitedCalls', async () => {
    emu.setRateLimits({ burst: 1 });
    const client = webClient(emu, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: LEO, text: 'first' });
    const error = await client.chat.postMessage({ channel: LEO, text: 'second' }).catch((e: unknown) => e);
    expect((error as WebAPIRateLimitedError).code).toBe('slack_webapi_rate_limited_error');
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
    emu.setRateLimits(false);
    expect((await client.chat.postMessage({ channel: LEO, text: 'third' })).ok).toBe(true);
  });

  it('can be switched on at start with overrides', async () => {
    const limited = await SlackEmulator.start({ now: clock.now, rateLimits: { tierPerMinute: { 1: 1, 2: 1, 3: 50, 4: 100 } } });
    try {
      expect((await rawPost(limited, 'users.list', {})).status).toBe(200);
      expect((await rawPost(limited, 'users.list', {})).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});
