import WebSocket from 'ws';
import { SlackEmulator, SocketModeDriver } from '../../src/devtools/emulator/index.js';
import { fixture, webClient } from './helpers.js';

interface Envelope {
  envelope_id: string;
  type: string;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** A bare Socket Mode client: connects, collects messages, acks with `answer`. */
async function connect(url: string, answer: (e: Envelope) => Record<string, unknown> | undefined) {
  const messages: Array<Record<string, unknown>> = [];
  const ws = new WebSocket(url);
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    messages.push(message);
    if (typeof message.envelope_id === 'string') {
      const payload = answer(message as unknown as Envelope);
      if (payload !== undefined) ws.send(JSON.stringify({ envelope_id: message.envelope_id, payload }));
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, messages };
}

describe('Socket Mode', () => {
  let emu: SlackEmulator;
  beforeEach(async () => {
    emu = await SlackEmulator.start();
  });
  afterEach(() => emu.stop());

  it('hands out a one-time ws URL with the app token only', async () => {
    const res = await webClient(emu, {}, emu.appToken).apps.connections.open();
    expect(res.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f-]+&app_id=A0EMUAPP01$/);
    const withBotToken = await webClient(emu)
      .apps.connections.open()
      .catch((e: { data: { error: string } }) => e.data.error);
    expect(withBotToken).toBe('not_allowed_token_type');
    const { ws, messages } = await connect(res.url ?? '', () => ({}));
    await emu.socket.waitForConnection();
    await new Promise((r) => setTimeout(r, 20));
    expect(messages[0]).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0EMUAPP01' } });
    ws.close();
    await expect(connect(res.url ?? '', () => ({}))).rejects.toThrow(/401/);
  });

  it('delivers envelopes shaped like the fixtures and returns the ack payload', async () => {
    const seen: Envelope[] = [];
    const { url } = await webClient(emu, {}, emu.appToken).apps.connections.open();
    const { ws } = await connect(url ?? '', (e) => {
      seen.push(e);
      return e.type === 'slash_commands' ? { text: 'hi' } : {};
    });
    await emu.socket.waitForConnection();
    const driver = new SocketModeDriver({ emulator: emu });
    const command = await driver.slashCommand({ userId: 'U0EMU0008', command: '/rm-join' });
    expect(command).toMatchObject({ status: 200, json: { text: 'hi' } });
    await driver.event({ type: 'app_home_opened', user: 'U0EMU0008', tab: 'home' }, { retryNum: 2, retryReason: 'timeout' });

    const sample = fixture<{ envelopes: Envelope[] }>('socket_mode_envelopes.json').envelopes;
    const keys = (e: Envelope | undefined) => Object.keys(e ?? {}).sort();
    expect(keys(seen[0])).toEqual(keys(sample.find((e) => e.type === 'slash_commands')));
    expect(keys(seen[1])).toEqual(keys(sample.find((e) => e.type === 'events_api')));
    expect(seen[0]).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/rm-join', user_id: 'U0EMU0008' },
    });
    expect(seen[1]).toMatchObject({
      type: 'events_api',
      retry_attempt: 2,
      retry_reason: 'timeout',
      payload: { type: 'event_callback' },
    });
    ws.close();
  });

  it('reports a missing ack as status 0', async () => {
    const { url } = await webClient(emu, {}, emu.appToken).apps.connections.open();
    const { ws } = await connect(url ?? '', () => undefined);
    await emu.socket.waitForConnection();
    const driver = new SocketModeDriver({ emulator: emu, ackTimeoutMs: 100 });
    const res = await driver.event({ type: 'app_home_opened', user: 'U0EMU0008', tab: 'home' });
    expect(res.status).toBe(0);
    ws.close();
  });
});
