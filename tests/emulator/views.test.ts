import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { FakeClock, slackError, webClient } from './helpers.js';

const LEO = 'U0EMU0008';
const PRIYA = 'U0EMU0003';

function modal(title = 'Join the programme', blocks: unknown[] = [input('goals')]): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'signup',
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: 'Save' },
    blocks,
  };
}

function input(blockId: string): Record<string, unknown> {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: 'Goals' },
    element: { type: 'plain_text_input', action_id: 'value' },
  };
}

describe('views', () => {
  const clock = new FakeClock(Date.parse('2026-03-02T09:00:00Z'));
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await SlackEmulator.start({ now: clock.now });
  });
  afterAll(() => emu.stop());

  describe('trigger_id', () => {
    it('opens a modal for the trigger owner, in Slack view shape', async () => {
      const trigger = emu.issueTriggerId(LEO);
      const res = await webClient(emu).views.open({ trigger_id: trigger, view: modal() as never });
      expect(res.view).toMatchObject({
        type: 'modal',
        callback_id: 'signup',
        team_id: emu.workspace.teamId,
        app_id: emu.workspace.appId,
        bot_id: emu.workspace.botId,
        state: { values: {} },
        previous_view_id: null,
        private_metadata: '',
        external_id: '',
      });
      expect(res.view?.root_view_id).toBe(res.view?.id);
      expect(res.view?.hash).toMatch(/^\d+\.[0-9a-f]+$/);
      expect(emu.lastViewFor(LEO)?.id).toBe(res.view?.id);
      expect(emu.viewStackFor(LEO).map((v) => v.id)).toEqual([res.view?.id]);
    });

    it('refuses a trigger older than 3 s with expired_trigger_id', async () => {
      const trigger = emu.issueTriggerId(LEO);
      clock.advance(3001);
      expect((await slackError(webClient(emu).views.open({ trigger_id: trigger, view: modal() as never }))).error).toBe(
        'expired_trigger_id',
      );
    });

    it('accepts a trigger just under 3 s old', async () => {
      const trigger = emu.issueTriggerId(LEO);
      clock.advance(2999);
      expect((await webClient(emu).views.open({ trigger_id: trigger, view: modal() as never })).ok).toBe(true);
    });

    it('refuses a reused, unknown or malformed trigger', async () => {
      const client = webClient(emu);
      const trigger = emu.issueTriggerId(LEO);
      await client.views.open({ trigger_id: trigger, view: modal() as never });
      expect((await slackError(client.views.open({ trigger_id: trigger, view: modal() as never }))).error).toBe(
        'exchanged_trigger_id',
      );
      expect((await slackError(client.views.open({ trigger_id: '1.2.abc', view: modal() as never }))).error).toBe(
        'invalid_trigger_id',
      );
      const malformed = await slackError(client.views.open({ trigger_id: 'nonsense', view: modal() as never }));
      expect(malformed).toMatchObject({
        error: 'invalid_arguments',
        data: { response_metadata: { messages: ['invalid `trigger_id`'] } },
      });
    });
  });

  describe('validation', () => {
    it('refuses a title over 24 characters with invalid_arguments', async () => {
      const res = await slackError(
        webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: modal('x'.repeat(25)) as never }),
      );
      expect(res.error).toBe('invalid_arguments');
      expect(res.data.response_metadata).toEqual({
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      });
      const ok = await webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: modal('x'.repeat(24)) as never });
      expect(ok.ok).toBe(true);
    });

    it('refuses submit and close labels over 24 characters', async () => {
      const view = { ...modal(), close: { type: 'plain_text', text: 'c'.repeat(25) } };
      const res = await slackError(webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: view as never }));
      expect(res.data.response_metadata).toEqual({
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/close/text]'],
      });
    });

    it('refuses more than 100 blocks in a modal and in a Home tab', async () => {
      const blocks = Array.from({ length: 101 }, (_, i) => input(`b${i}`));
      const res = await slackError(
        webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: modal('Big', blocks) as never }),
      );
      expect(res.error).toBe('invalid_arguments');
      expect(res.data.response_metadata).toEqual({
        messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'],
      });
      const home = { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) };
      expect((await slackError(webClient(emu).views.publish({ user_id: LEO, view: home as never }))).error).toBe(
        'invalid_arguments',
      );
    });

    it('refuses input blocks without a submit button and duplicate block ids', async () => {
      const noSubmit = { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [input('a')] };
      expect(
        (await slackError(webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: noSubmit as never }))).error,
      ).toBe('invalid_arguments');
      const dup = await slackError(
        webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: modal('T', [input('a'), input('a')]) as never }),
      );
      expect(dup.data.response_metadata).toEqual({
        messages: ['[ERROR] duplicate block_id: a [json-pointer:/view/blocks/1/block_id]'],
      });
    });

    it('checks a confirmation dialog against its limits: title 100, text 300, buttons 30, plain_text, a known style', async () => {
      const confirm = (over: Record<string, unknown> = {}) => ({
        title: { type: 'plain_text', text: 't'.repeat(100) },
        text: { type: 'mrkdwn', text: 'x'.repeat(300) },
        confirm: { type: 'plain_text', text: 'c'.repeat(30) },
        deny: { type: 'plain_text', text: 'd'.repeat(30) },
        style: 'danger',
        ...over,
      });
      const withButton = (c: unknown) =>
        modal('T', [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, confirm: c }],
          },
        ]);
      const open = (c: unknown) =>
        webClient(emu).views.open({ trigger_id: emu.issueTriggerId(LEO), view: withButton(c) as never });
      expect((await open(confirm())).ok).toBe(true);
      const res = await slackError(
        open(
          confirm({
            title: { type: 'mrkdwn', text: 't'.repeat(101) },
            text: { type: 'plain_text', text: 'x'.repeat(301) },
            confirm: { type: 'plain_text', text: 'c'.repeat(31) },
            deny: undefined,
            style: 'green',
          }),
        ),
      );
      expect(res.error).toBe('invalid_arguments');
      expect(res.data.response_metadata).toEqual({
        messages: [
          '[ERROR] must be less than 101 characters [json-pointer:/view/blocks/0/elements/0/confirm/title/text]',
          '[ERROR] must be a plain_text object [json-pointer:/view/blocks/0/elements/0/confirm/title/type]',
          '[ERROR] must be less than 301 characters [json-pointer:/view/blocks/0/elements/0/confirm/text/text]',
          '[ERROR] must be less than 31 characters [json-pointer:/view/blocks/0/elements/0/confirm/confirm/text]',
          '[ERROR] missing required field: deny [json-pointer:/view/blocks/0/elements/0/confirm/deny]',
          '[ERROR] must be one of primary, danger [json-pointer:/view/blocks/0/elements/0/confirm/style]',
        ],
      });
    });
  });

  describe('stack', () => {
    it('pushes up to three views and refuses a fourth', async () => {
      const client = webClient(emu);
      const root = await client.views.open({ trigger_id: emu.issueTriggerId(PRIYA), view: modal('One') as never });
      const second = await client.views.push({ trigger_id: emu.issueTriggerId(PRIYA), view: modal('Two') as never });
      expect(second.view).toMatchObject({ previous_view_id: root.view?.id, root_view_id: root.view?.id });
      await client.views.push({ trigger_id: emu.issueTriggerId(PRIYA), view: modal('Three') as never });
      const fourth = client.views.push({ trigger_id: emu.issueTriggerId(PRIYA), view: modal('Four') as never });
      expect((await slackError(fourth)).error).toBe('push_limit_reached');
      expect(emu.viewStackFor(PRIYA)).toHaveLength(3);
    });

    it('updates by view_id keeping the id, and refuses a stale hash', async () => {
      const client = webClient(emu);
      const opened = await client.views.open({ trigger_id: emu.issueTriggerId(LEO), view: modal('Before') as never });
      const id = opened.view?.id ?? '';
      clock.advance(1000);
      const updated = await client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal('After') as never });
      expect(updated.view).toMatchObject({ id, title: { type: 'plain_text', text: 'After' } });
      const stale = client.views.update({ view_id: id, hash: opened.view?.hash ?? '', view: modal('Again') as never });
      expect((await slackError(stale)).error).toBe('hash_conflict');
      expect((await slackError(client.views.update({ view_id: 'V404', view: modal() as never }))).error).toBe('not_found');
      expect(emu.view(id)?.title).toEqual({ type: 'plain_text', text: 'After' });
    });

    it('publishes one Home tab per user, same id on republish', async () => {
      const client = webClient(emu);
      const home = { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Welcome' } }] };
      const first = await client.views.publish({ user_id: LEO, view: home as never });
      const second = await client.views.publish({ user_id: LEO, view: home as never });
      expect(second.view?.id).toBe(first.view?.id);
      expect(emu.homeViewFor(LEO)?.blocks[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
      expect((await slackError(client.views.publish({ user_id: 'U0NOBODY', view: home as never }))).error).toBe('user_not_found');
      expect((await slackError(client.views.publish({ user_id: LEO, view: modal() as never }))).error).toBe('invalid_arguments');
    });
  });
});
