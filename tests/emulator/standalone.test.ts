import { EMULATOR_SIGNING_SECRET, startStandaloneEmulator } from '../../src/devtools/emulator/index.js';
import { FakeClock, webClient } from './helpers.js';
import { SlackEmulator } from '../../src/devtools/emulator/index.js';

describe('startStandaloneEmulator', () => {
  it('prints the environment an app needs and serves the default workspace', async () => {
    const lines: string[] = [];
    const emu = await startStandaloneEmulator({ port: 0, print: (l) => lines.push(l) });
    try {
      expect(lines).toContain(`SLACK_API_URL=${emu.apiUrl}`);
      expect(lines).toContain('SLACK_BOT_TOKEN=xoxb-emulator-token');
      expect(lines).toContain(`SLACK_SIGNING_SECRET=${EMULATOR_SIGNING_SECRET}`);
      expect((await webClient(emu).users.list({})).members?.length).toBe(14);
    } finally {
      await emu.stop();
    }
  });
});

describe('response_url', () => {
  it('takes five posts within 30 minutes, then refuses', async () => {
    const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
    const emu = await SlackEmulator.start({ now: clock.now });
    try {
      const post = (url: string) =>
        fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'hello' }) });
      const url = emu.issueResponseUrl({ userId: 'U0EMU0008', channelId: emu.channelFor(['U0EMU0008']) });
      for (let i = 0; i < 5; i++) expect((await post(url)).status).toBe(200);
      const sixth = await post(url);
      expect(sixth.status).toBe(404);
      expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
      const late = emu.issueResponseUrl({ userId: 'U0EMU0008', channelId: emu.channelFor(['U0EMU0008']) });
      clock.advance(30 * 60 * 1000 + 1);
      expect(await (await post(late)).json()).toEqual({ ok: false, error: 'expired_url' });
      expect(emu.responseUrlPosts({ userId: 'U0EMU0008' }).map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 404, 404]);
      expect(emu.ephemeralsIn(emu.channelFor(['U0EMU0008']))).toHaveLength(5);
    } finally {
      await emu.stop();
    }
  });
});
