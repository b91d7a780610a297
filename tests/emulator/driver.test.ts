import { ModalIncompleteError, SlackDriver, SlackEmulator, type SlackView } from '../../src/devtools/emulator/index.js';
import { AppStub } from './appStub.js';
import { fixture, webClient } from './helpers.js';

const SECRET = 'driver-test-secret';
const LEO = 'U0EMU0008';
const MARGARET = 'U0EMU0005';

interface AllInputs {
  payload: { view: { blocks: unknown[]; state: { values: Record<string, unknown> } } };
}

describe('SlackDriver over HTTP', () => {
  let emu: SlackEmulator;
  let app: AppStub;
  let driver: SlackDriver;

  beforeAll(async () => {
    emu = await SlackEmulator.start();
    app = new AppStub(SECRET);
    await app.start();
    driver = new SlackDriver({ appUrl: app.url, signingSecret: SECRET, emulator: emu });
  });
  afterAll(async () => {
    await app.stop();
    await emu.stop();
  });
  beforeEach(() => {
    app.reply = () => ({});
  });

  async function openModal(userId: string, view: Record<string, unknown>): Promise<SlackView> {
    const res = await webClient(emu).views.open({ trigger_id: emu.issueTriggerId(userId), view: view as never });
    return res.view as unknown as SlackView;
  }

  describe('slash commands', () => {
    it('sends a signed form body with every field Slack sends', async () => {
      const res = await driver.slashCommand({ userId: LEO, command: '/rm-join', text: 'hello world' });
      expect(res.status).toBe(200);
      const req = app.last();
      expect(req.signatureValid).toBe(true);
      expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const sample = fixture<{ fields: Record<string, string>; fields_modern_extra: Record<string, string> }>(
        'slash_command.json',
      );
      const expected = Object.keys({ ...sample.fields, ...sample.fields_modern_extra }).filter(
        (k) => !k.startsWith('enterprise'),
      );
      expect(Object.keys(req.body).sort()).toEqual(expected.sort());
      expect(req.body).toMatchObject({
        command: '/rm-join',
        text: 'hello world',
        user_id: LEO,
        user_name: 'leo.nguyen',
        team_id: emu.workspace.teamId,
        api_app_id: emu.workspace.appId,
        channel_id: emu.channelFor([LEO]),
        channel_name: 'directmessage',
        is_enterprise_install: 'false',
      });
      expect(req.raw).toContain('command=%2Frm-join');
    });

    it('hands out a trigger_id that opens a modal and a response_url that records posts', async () => {
      const res = await driver.slashCommand({ userId: LEO, command: '/rm-report', channelId: 'C0EMUGENERAL' });
      const opened = await webClient(emu).views.open({
        trigger_id: String(app.last().body.trigger_id),
        view: { type: 'modal', title: { type: 'plain_text', text: 'Report' }, blocks: [] },
      });
      expect(opened.ok).toBe(true);
      const post = await fetch(res.responseUrl ?? '', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ response_type: 'in_channel', text: 'Report is ready' }),
      });
      expect(post.status).toBe(200);
      expect(emu.responseUrlPosts({ userId: LEO }).at(-1)).toMatchObject({
        responseType: 'in_channel',
        text: 'Report is ready',
        channelId: 'C0EMUGENERAL',
      });
      expect(emu.messagesIn('C0EMUGENERAL').at(-1)?.text).toBe('Report is ready');
    });

    it('records a message the app put in its ack as Slack would show it', async () => {
      app.reply = () => ({ json: { text: 'Only coordinators can do that.' } });
      const res = await driver.slashCommand({ userId: LEO, command: '/rm-admin' });
      expect(res.json).toEqual({ text: 'Only coordinators can do that.' });
      expect(emu.responseUrlPosts({ via: 'ack' }).at(-1)).toMatchObject({
        userId: LEO,
        responseType: 'ephemeral',
        text: 'Only coordinators can do that.',
      });
      expect(emu.ephemeralsIn(emu.channelFor([LEO])).at(-1)?.text).toBe('Only coordinators can do that.');
    });
  });

  describe('block actions', () => {
    it('clicks a button in a message with the message, channel, response_url and action', async () => {
      const channel = emu.channelFor([LEO, MARGARET]);
      const posted = await webClient(emu).chat.postMessage({
        channel,
        text: 'Check-in due',
        blocks: [
          {
            type: 'actions',
            block_id: 'checkin',
            elements: [
              {
                type: 'button',
                action_id: 'met',
                text: { type: 'plain_text', text: 'We met' },
                value: 'pair-1',
                style: 'primary',
              },
              { type: 'datepicker', action_id: 'scheduled' },
            ],
          },
        ],
      });
      const res = await driver.blockAction({
        userId: LEO,
        actionId: 'met',
        container: { type: 'message', channelId: channel, messageTs: posted.ts ?? '' },
      });
      expect(res.status).toBe(200);
      const body = app.last().body;
      expect(app.last().headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(body).toMatchObject({
        type: 'block_actions',
        user: { id: LEO, username: 'leo.nguyen', team_id: emu.workspace.teamId },
        container: { type: 'message', channel_id: channel, message_ts: posted.ts, is_ephemeral: false },
        channel: { id: channel },
        message: { ts: posted.ts, text: 'Check-in due' },
        actions: [
          {
            type: 'button',
            action_id: 'met',
            block_id: 'checkin',
            value: 'pair-1',
            style: 'primary',
            text: { type: 'plain_text', text: 'We met' },
          },
        ],
      });
      const sample = fixture<{ payload: Record<string, unknown> }>('block_actions_message_button.json').payload;
      expect(Object.keys(body)).toEqual(expect.arrayContaining(Object.keys(sample)));
      expect(body.response_url).toBe(res.responseUrl);
      expect(body.trigger_id).toBe(res.triggerId);

      await driver.blockAction({
        userId: LEO,
        actionId: 'scheduled',
        selectedDate: '2026-03-10',
        container: { type: 'message', channelId: channel, messageTs: posted.ts ?? '' },
      });
      expect(app.last().body).toMatchObject({
        actions: [{ type: 'datepicker', selected_date: '2026-03-10' }],
        state: { values: { checkin: { scheduled: { type: 'datepicker', selected_date: '2026-03-10' } } } },
      });

      const replaced = await fetch(res.responseUrl ?? '', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ replace_original: true, text: 'Logged, thanks!' }),
      });
      expect(replaced.status).toBe(200);
      expect(emu.messagesIn(channel).find((m) => m.ts === posted.ts)?.text).toBe('Logged, thanks!');
    });

    it('clicks a button in a view with the view and its state', async () => {
      const home = await webClient(emu).views.publish({
        user_id: LEO,
        view: {
          type: 'home',
          blocks: [
            {
              type: 'actions',
              elements: [{ type: 'button', action_id: 'open_signup', text: { type: 'plain_text', text: 'Join' } }],
            },
          ],
        },
      });
      await driver.blockAction({
        userId: LEO,
        actionId: 'open_signup',
        container: { type: 'view', viewId: home.view?.id ?? '' },
      });
      const body = app.last().body;
      expect(body).toMatchObject({
        container: { type: 'view', view_id: home.view?.id },
        view: { id: home.view?.id, type: 'home', state: { values: {} } },
      });
      expect(body).not.toHaveProperty('response_url');
    });

    it('refuses to click something that is not there', async () => {
      const channel = emu.channelFor([LEO]);
      const posted = await webClient(emu).chat.postMessage({ channel, text: 'plain', blocks: [{ type: 'divider' }] });
      await expect(
        driver.blockAction({
          userId: LEO,
          actionId: 'nope',
          container: { type: 'message', channelId: channel, messageTs: posted.ts ?? '' },
        }),
      ).rejects.toThrow(/no element with action_id "nope"/);
    });
  });

  describe('modals', () => {
    const sample = fixture<AllInputs>('view_submission_all_inputs.json');
    const allInputs = {
      type: 'modal',
      callback_id: 'view-id',
      title: { type: 'plain_text', text: 'My App' },
      submit: { type: 'plain_text', text: 'Submit' },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: sample.payload.view.blocks,
    };

    it('fills every input type exactly as Slack reports state.values', async () => {
      const view = await openModal(LEO, allInputs);
      const res = await driver.fillAndSubmitModal({
        userId: LEO,
        answers: {
          b2: 'This is a test',
          b_static: 'value-2',
          b7: ['value-0', 'value-1'],
          b4: 'U123',
          b8: ['value-0', 'value-1'],
          b9: 'option 1',
        },
      });
      expect(res.status).toBe(200);
      const body = app.last().body as { type: string; view: { id: string; state: unknown; callback_id: string } };
      expect(body.type).toBe('view_submission');
      expect(body.view.id).toBe(view.id);
      expect(body.view.callback_id).toBe('view-id');
      expect(body.view.state).toEqual(sample.payload.view.state);
      expect(res.responseAction).toBe('close');
      expect(emu.isViewOpen(view.id)).toBe(false);
    });

    it('leaves unanswered optional inputs blank and refuses blank required ones', async () => {
      await openModal(LEO, allInputs);
      await expect(driver.fillAndSubmitModal({ userId: LEO, answers: { b2: 'x' } })).rejects.toBeInstanceOf(ModalIncompleteError);
      await driver.fillAndSubmitModal({ userId: LEO, answers: { b2: 'x', b_static: 'value-0', b4: 'U1' } });
      const state = (app.last().body as { view: { state: { values: Record<string, Record<string, unknown>> } } }).view.state
        .values;
      expect(state.b7).toEqual({ a7: { type: 'multi_static_select', selected_options: [] } });
      expect(state.b8).toEqual({ a8: { type: 'checkboxes', selected_options: [] } });
      // radio buttons submit their initial option untouched, as in Slack
      expect(state.b9?.a9).toMatchObject({ type: 'radio_buttons', selected_option: { value: 'option 1' } });
      await openModal(LEO, allInputs);
      await expect(driver.fillAndSubmitModal({ userId: LEO, answers: { b_static: 'value-9' } })).rejects.toThrow(
        /no option "value-9"/,
      );
    });

    it('applies response_action errors, update, push and clear', async () => {
      const view = await openModal(LEO, allInputs);
      const answers = { b2: 'x', b_static: 'value-0', b4: 'U1' };
      app.reply = () => ({ json: { response_action: 'errors', errors: { b2: 'Too short' } } });
      const errors = await driver.fillAndSubmitModal({ userId: LEO, answers });
      expect(errors.responseAction).toBe('errors');
      expect(emu.viewErrors(view.id)).toEqual({ b2: 'Too short' });
      expect(emu.isViewOpen(view.id)).toBe(true);

      app.reply = () => ({
        json: { response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'Thanks' }, blocks: [] } },
      });
      await driver.fillAndSubmitModal({ userId: LEO, answers });
      expect(emu.view(view.id)?.title).toEqual({ type: 'plain_text', text: 'Thanks' });
      expect(emu.isViewOpen(view.id)).toBe(true);

      app.reply = () => ({
        json: {
          response_action: 'push',
          view: { type: 'modal', title: { type: 'plain_text', text: 'Step 2' }, blocks: [], notify_on_close: true },
        },
      });
      await driver.submitView({ userId: LEO, viewId: view.id, values: {} });
      const stack = emu.viewStackFor(LEO);
      expect(stack.map((v) => v.title?.text)).toEqual(['Thanks', 'Step 2']);

      const closed = await driver.closeView({ userId: LEO });
      expect(closed?.status).toBe(200);
      expect(app.last().body).toMatchObject({ type: 'view_closed', view: { id: stack[1]?.id }, is_cleared: false });
      expect(emu.viewStackFor(LEO).map((v) => v.id)).toEqual([view.id]);

      app.reply = () => ({ json: { response_action: 'clear' } });
      await driver.submitView({ userId: LEO, viewId: view.id, values: {} });
      expect(emu.viewStackFor(LEO)).toEqual([]);
    });

    it('flags a response the Slack client would refuse', async () => {
      const view = await openModal(LEO, allInputs);
      emu.reset();
      app.reply = () => ({
        json: {
          response_action: 'update',
          view: { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(30) }, blocks: [] },
        },
      });
      await driver.submitView({ userId: LEO, viewId: view.id, values: {} });
      expect(emu.problems[0]).toMatch(/response_action update with an invalid view/);
    });
  });

  describe('events', () => {
    it('wraps an event in an event_callback envelope, JSON, signed', async () => {
      await driver.appHomeOpened(LEO, { eventId: 'Ev0TEST1' });
      const req = app.last();
      expect(req.signatureValid).toBe(true);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.body).toMatchObject({
        type: 'event_callback',
        event_id: 'Ev0TEST1',
        team_id: emu.workspace.teamId,
        api_app_id: emu.workspace.appId,
        authorizations: [{ user_id: emu.workspace.botUserId, is_bot: true, team_id: emu.workspace.teamId }],
        event: { type: 'app_home_opened', user: LEO, channel: emu.channelFor([LEO]), tab: 'home' },
      });
      expect(typeof req.body.event_time).toBe('number');
      expect(req.headers['x-slack-retry-num']).toBeUndefined();
    });

    it('resends with retry headers and the same event_id', async () => {
      emu.deleteUser('U0EMU0010');
      await driver.userChange('U0EMU0010', { eventId: 'Ev0LEFT', retryNum: 1, retryReason: 'http_timeout' });
      const req = app.last();
      expect(req.headers['x-slack-retry-num']).toBe('1');
      expect(req.headers['x-slack-retry-reason']).toBe('http_timeout');
      expect(req.body).toMatchObject({
        event_id: 'Ev0LEFT',
        event: { type: 'user_change', user: { id: 'U0EMU0010', deleted: true } },
      });
    });

    it('sends url_verification', async () => {
      app.reply = (req) => ({ json: { challenge: req.body.challenge } });
      const res = await driver.urlVerification('abc123');
      expect(app.last().body).toMatchObject({ type: 'url_verification', challenge: 'abc123' });
      expect(res.json).toEqual({ challenge: 'abc123' });
    });
  });

  describe('raw requests', () => {
    it('signs by default and can forge, drop or age the signature', async () => {
      expect((await driver.raw({ body: '{}' })).status).toBe(200);
      expect((await driver.raw({ body: '{}', signature: 'v0=deadbeef' })).status).toBe(401);
      expect((await driver.raw({ body: '{}', signature: null })).status).toBe(401);
      expect(app.last().headers['x-slack-signature']).toBeUndefined();
      expect((await driver.raw({ body: '{}', timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    });
  });
});
