import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { SlackDriver, SlackEmulator, SocketModeDriver } from '../../src/devtools/emulator/index.js';

const SECRET = 'bolt-test-secret';
const LEO = 'U0EMU0008';

/** A small real Bolt app: a command opening a modal, its submission, a button answered through respond(). */
function register(app: App): void {
  app.command('/rm-join', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'signup',
        title: { type: 'plain_text', text: 'Join' },
        submit: { type: 'plain_text', text: 'Save' },
        blocks: [
          {
            type: 'input',
            block_id: 'goals',
            label: { type: 'plain_text', text: 'Goals' },
            element: { type: 'plain_text_input', action_id: 'value' },
          },
        ],
      },
    });
  });
  app.view('signup', async ({ ack, view, body, client }) => {
    const goals = view.state.values.goals?.value?.value ?? '';
    if (goals.length < 5) {
      await ack({ response_action: 'errors', errors: { goals: 'Tell us a bit more' } });
      return;
    }
    await ack();
    await client.chat.postMessage({
      channel: body.user.id,
      text: 'Welcome',
      blocks: [
        {
          type: 'actions',
          block_id: 'next',
          elements: [{ type: 'button', action_id: 'pause', text: { type: 'plain_text', text: 'Pause' }, value: 'p' }],
        },
      ],
    });
  });
  app.action('pause', async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Paused' });
  });
}

async function scenario(emu: SlackEmulator, driver: SlackDriver): Promise<void> {
  emu.reset();
  const command = await driver.slashCommand({ userId: LEO, command: '/rm-join' });
  expect(command.status).toBe(200);
  // Bolt acks first and calls views.open after.
  const opened = await emu.waitForCall('views.open');
  expect(opened.response.ok).toBe(true);
  const modal = emu.lastViewFor(LEO);
  expect(modal?.callback_id).toBe('signup');

  const tooShort = await driver.fillAndSubmitModal({ userId: LEO, answers: { goals: 'AI' } });
  expect(tooShort.json).toEqual({ response_action: 'errors', errors: { goals: 'Tell us a bit more' } });
  expect(emu.viewErrors(modal?.id ?? '')).toEqual({ goals: 'Tell us a bit more' });

  const ok = await driver.fillAndSubmitModal({ userId: LEO, answers: { goals: 'Learn about leadership' } });
  expect(ok.responseAction).toBe('close');
  expect(emu.viewStackFor(LEO)).toEqual([]);
  const dm = emu.channelFor([LEO]);
  await emu.waitForCall('chat.postMessage');
  const welcome = emu.messagesIn(dm).find((m) => m.text === 'Welcome');

  await driver.blockAction({
    userId: LEO,
    actionId: 'pause',
    container: { type: 'message', channelId: dm, messageTs: welcome?.ts ?? '' },
  });
  await emu.waitUntil(() => emu.responseUrlPosts({ userId: LEO }).length > 0);
  expect(emu.responseUrlPosts({ userId: LEO }).at(-1)).toMatchObject({ replaceOriginal: true, text: 'Paused', status: 200 });
  expect(emu.messagesIn(dm).find((m) => m.ts === welcome?.ts)?.text).toBe('Paused');
}

describe('a real Bolt app against the emulator', () => {
  it('works over HTTP with signed requests', async () => {
    const emu = await SlackEmulator.start();
    const app = new App({
      token: emu.botToken,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: emu.apiUrl },
    });
    register(app);
    const server = (await app.start(0)) as Server;
    try {
      const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      const driver = new SlackDriver({ appUrl, signingSecret: SECRET, emulator: emu });
      await scenario(emu, driver);
      const forged = await driver.raw({
        body: 'command=%2Frm-join',
        contentType: 'application/x-www-form-urlencoded',
        signature: 'v0=00',
      });
      expect(forged.status).toBe(401);
      const stale = await driver.raw({ body: '{}', timestamp: Math.floor(Date.now() / 1000) - 301 });
      expect(stale.status).toBe(401);
    } finally {
      await app.stop();
      await emu.stop();
    }
  });

  it('works over Socket Mode, and reconnects when asked to', async () => {
    const emu = await SlackEmulator.start();
    // A short clientPingTimeout also shortens the client's wait before reconnecting.
    const receiver = new SocketModeReceiver({
      appToken: emu.appToken,
      clientPingTimeout: 300,
      logLevel: LogLevel.ERROR,
      installerOptions: { clientOptions: { slackApiUrl: emu.apiUrl } },
    });
    const app = new App({ token: emu.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: emu.apiUrl } });
    register(app);
    await app.start();
    try {
      await emu.socket.waitForConnection();
      expect(emu.callsTo('apps.connections.open')[0]).toMatchObject({ auth: 'app', status: 200 });
      const driver = new SocketModeDriver({ emulator: emu });
      await scenario(emu, driver);
      const acks = emu.socket.received.filter((m) => typeof m.envelope_id === 'string');
      expect(acks.length).toBeGreaterThanOrEqual(4);

      emu.socket.disconnectAll();
      await emu.waitForCall('apps.connections.open', { timeoutMs: 5000 });
      await emu.socket.waitForConnection();
      await emu.waitUntil(() => emu.socket.connectionCount === 1, 5000);
      const again = await driver.slashCommand({ userId: LEO, command: '/rm-join' });
      expect(again.status).toBe(200);
    } finally {
      await app.stop();
      await emu.stop();
    }
  });
});
