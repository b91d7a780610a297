import { SocketModeDriver } from '../../src/devtools/emulator/index.js';
import { eventually } from '../support/eventually.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let h: Harness;
  let socket: SocketModeDriver;
  beforeAll(async () => {
    // The HTTP signing secret is not needed in Socket Mode: the harness's is ignored.
    h = await startHarness('sqlite', { coordinators: ['U0EMU0005'], env: { SLACK_APP_TOKEN: 'xapp-emulator-token' } });
    await h.emulator.socket.waitForConnection();
    socket = new SocketModeDriver({ emulator: h.emulator });
  });
  afterAll(async () => {
    await h?.stop();
  });

  test('the app connects with its app-level token through SLACK_API_URL', () => {
    expect(h.config.mode).toBe('socket');
    const open = h.emulator.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]?.auth).toBe('app');
  });

  test('a slash command over the socket is acked with the reply', async () => {
    const res = await socket.slashCommand({ userId: 'U0EMU0005', command: '/rm-admin', text: 'help' });
    expect(res.status).toBe(200);
    expect(res.json?.text).toContain('What coordinators can do');
    const refused = await socket.slashCommand({ userId: 'U0EMU0007', command: '/rm-report' });
    expect(refused.json?.text).toContain('is for programme coordinators');
  });

  test('events arrive over the socket', async () => {
    await socket.appHomeOpened('U0EMU0007');
    await eventually(() => h.emulator.homeViewFor('U0EMU0007'), 5000, 'home published');
  });

  test('the HTTP side serves only the health check', async () => {
    const base = h.appUrl.replace('/slack/events', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(h.appUrl, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
