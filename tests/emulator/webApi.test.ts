import { SlackEmulator, type EmulatedUser } from '../../src/devtools/emulator/index.js';
import { fixture, slackError, webClient } from './helpers.js';

const AMARA = 'U0EMU0001';
const DANIEL = 'U0EMU0002';
const LEO = 'U0EMU0008';
const SAM_DELETED = 'U0EMU0012';

describe('Web API', () => {
  let emu: SlackEmulator;
  beforeAll(async () => {
    emu = await SlackEmulator.start();
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  describe('auth', () => {
    it('answers auth.test for the bot token like Slack', async () => {
      const res = await webClient(emu).auth.test();
      const shape = fixture<Record<string, Record<string, unknown>>>('web_api_responses.json')['auth.test'] ?? {};
      for (const key of Object.keys(shape)) expect(res).toHaveProperty(key);
      expect(res).toMatchObject({
        ok: true,
        user_id: emu.workspace.botUserId,
        bot_id: emu.workspace.botId,
        team_id: emu.workspace.teamId,
      });
      expect(emu.callsTo('auth.test')[0]?.auth).toBe('bot');
    });

    it('refuses a missing token with not_authed and a wrong one with invalid_auth', async () => {
      const missing = await fetch(`${emu.apiUrl}auth.test`, { method: 'POST' });
      expect(await missing.json()).toEqual({ ok: false, error: 'not_authed' });
      expect((await slackError(webClient(emu, {}, 'xoxb-wrong').auth.test())).error).toBe('invalid_auth');
      expect((await slackError(webClient(emu, {}, emu.appToken).chat.postMessage({ channel: AMARA, text: 'x' }))).error).toBe(
        'not_allowed_token_type',
      );
    });

    it('accepts the token in the body too', async () => {
      const res = await fetch(`${emu.apiUrl}auth.test`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${emu.botToken}`,
      });
      expect(await res.json()).toMatchObject({ ok: true });
    });

    it('answers unknown_method for a method it does not know', async () => {
      const res = await webClient(emu)
        .apiCall('nope.nothing')
        .catch((e: { data: unknown }) => e.data);
      expect(res).toMatchObject({ ok: false, error: 'unknown_method' });
    });

    it('takes JSON bodies', async () => {
      const res = await fetch(`${emu.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${emu.botToken}`, 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ channel: LEO, text: 'json body', blocks: [{ type: 'divider' }] }),
      });
      expect(await res.json()).toMatchObject({ ok: true });
      expect(emu.callsTo('chat.postMessage')[0]?.params.blocks).toEqual([{ type: 'divider' }]);
    });
  });

  describe('conversations.open', () => {
    it('gives one D id per user and the same id again', async () => {
      const client = webClient(emu);
      const first = await client.conversations.open({ users: AMARA });
      const again = await client.conversations.open({ users: AMARA });
      expect(first.channel?.id).toMatch(/^D[A-Z0-9]+$/);
      expect(again.channel?.id).toBe(first.channel?.id);
      expect(again).toMatchObject({ no_op: true, already_open: true });
      expect(emu.channelFor([AMARA])).toBe(first.channel?.id);
    });

    it('gives a group DM id stable for the same set in any order', async () => {
      const client = webClient(emu);
      const a = await client.conversations.open({ users: `${AMARA},${LEO}` });
      const b = await client.conversations.open({ users: `${LEO},${AMARA}` });
      const c = await client.conversations.open({ users: `${LEO},${DANIEL}` });
      expect(a.channel?.id).toMatch(/^C/);
      expect(b.channel?.id).toBe(a.channel?.id);
      expect(c.channel?.id).not.toBe(a.channel?.id);
      expect(emu.conversationInfo(a.channel?.id ?? '')).toMatchObject({ is_mpim: true, num_members: 3 });
    });

    it('returns the full IM with return_im', async () => {
      const res = await webClient(emu).conversations.open({ users: DANIEL, return_im: true });
      expect(res.channel).toMatchObject({ is_im: true, user: DANIEL, is_open: true });
    });

    it.each([
      [{ users: 'U0NOBODY' }, 'user_not_found'],
      [{ users: SAM_DELETED }, 'user_disabled'],
      [{ users: `${AMARA},${SAM_DELETED}` }, 'user_disabled'],
      [{ users: 'U0EMUBOT01,B0EMUBOT01' }, 'user_not_found'],
      [
        {
          users: [
            'U0EMU0001',
            'U0EMU0002',
            'U0EMU0003',
            'U0EMU0004',
            'U0EMU0005',
            'U0EMU0006',
            'U0EMU0007',
            'U0EMU0008',
            'U0EMU0009',
          ].join(','),
        },
        'too_many_users',
      ],
      [{ channel: 'D0NOTHERE' }, 'channel_not_found'],
      [{}, 'users_list_not_supplied'],
    ])('refuses %j with %s', async (args, code) => {
      expect((await slackError(webClient(emu).conversations.open(args as never))).error).toBe(code);
    });

    it('refuses to DM a bot user', async () => {
      const other = emu.addUser({ realName: 'Standup Bot', isBot: true });
      expect((await slackError(webClient(emu).conversations.open({ users: other.id }))).error).toBe('cannot_dm_bot');
    });
  });

  describe('chat', () => {
    it('posts with a unique increasing ts and records the message', async () => {
      const client = webClient(emu);
      const dm = emu.channelFor([LEO]);
      const first = await client.chat.postMessage({ channel: dm, text: 'one' });
      const second = await client.chat.postMessage({ channel: dm, text: 'two' });
      expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
      expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
      expect(first.message).toMatchObject({
        type: 'message',
        user: emu.workspace.botUserId,
        bot_id: emu.workspace.botId,
        text: 'one',
      });
      expect(
        emu
          .messagesIn(dm)
          .map((m) => m.text)
          .slice(-2),
      ).toEqual(['one', 'two']);
    });

    it('posts to a user id through the DM with that user, even a deactivated one (as Slack does)', async () => {
      const res = await webClient(emu).chat.postMessage({ channel: SAM_DELETED, text: 'still delivered' });
      expect(res.channel).toBe(emu.channelFor([SAM_DELETED]));
    });

    it('fills in block_id like Slack and parses blocks in the record', async () => {
      const res = await webClient(emu).chat.postMessage({
        channel: LEO,
        text: 'fallback',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }],
      });
      const message = emu.messagesIn(res.channel ?? '').find((m) => m.ts === res.ts);
      expect(message?.blocks?.[0]?.block_id).toEqual(expect.any(String));
      expect(emu.callsTo('chat.postMessage')[0]?.params.blocks).toEqual([
        { type: 'section', text: { type: 'mrkdwn', text: '*hi*' } },
      ]);
    });

    it.each([
      ['CNOPE', 'channel_not_found'],
      ['C0EMURANDOM', 'not_in_channel'],
    ])('refuses channel %s with %s', async (channel, code) => {
      expect((await slackError(webClient(emu).chat.postMessage({ channel, text: 'x' }))).error).toBe(code);
    });

    it('refuses more than 50 blocks with invalid_blocks and Slack-style messages', async () => {
      const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
      const { error, data } = await slackError(webClient(emu).chat.postMessage({ channel: LEO, text: 'x', blocks }));
      expect(error).toBe('invalid_blocks');
      expect(data.response_metadata).toEqual({ messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'] });
      const fifty = await webClient(emu).chat.postMessage({ channel: LEO, text: 'x', blocks: blocks.slice(0, 50) });
      expect(fifty.ok).toBe(true);
    });

    it('refuses section text over 3000 characters like the fixture', async () => {
      const { data } = await slackError(
        webClient(emu).chat.postMessage({
          channel: LEO,
          text: 'x',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3001) } }],
        }),
      );
      expect(data.response_metadata).toEqual({
        messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      });
    });

    it('checks a datetimepicker like Slack: a 10-digit UNIX timestamp, no placeholder', async () => {
      const post = (element: Record<string, unknown>) =>
        webClient(emu).chat.postMessage({
          channel: LEO,
          text: 'x',
          blocks: [{ type: 'actions', elements: [{ type: 'datetimepicker', action_id: 'when', ...element }] }] as never,
        });
      expect((await post({ initial_date_time: 1773154800 })).ok).toBe(true);
      for (const [element, message] of [
        [
          { initial_date_time: 1773154800000 },
          'must be a UNIX timestamp in seconds [json-pointer:/blocks/0/elements/0/initial_date_time]',
        ],
        [
          { initial_date_time: '1773154800' },
          'must be a UNIX timestamp in seconds [json-pointer:/blocks/0/elements/0/initial_date_time]',
        ],
        [
          { placeholder: { type: 'plain_text', text: 'When?' } },
          'unknown field: placeholder [json-pointer:/blocks/0/elements/0/placeholder]',
        ],
      ] as const) {
        const { error, data } = await slackError(post(element));
        expect(error).toBe('invalid_blocks');
        expect(data.response_metadata).toEqual({ messages: [`[ERROR] ${message}`] });
      }
    });

    it('refuses a message without text or blocks with no_text', async () => {
      expect((await slackError(webClient(emu).chat.postMessage({ channel: LEO } as never))).error).toBe('no_text');
    });

    it('posts ephemeral messages only to members', async () => {
      const client = webClient(emu);
      const general = 'C0EMUGENERAL';
      const res = await client.chat.postEphemeral({ channel: general, user: LEO, text: 'only you' });
      expect(res.message_ts).toEqual(expect.any(String));
      expect(emu.ephemeralsIn(general).at(-1)).toMatchObject({ user: LEO, text: 'only you' });
      expect((await slackError(client.chat.postEphemeral({ channel: general, user: SAM_DELETED, text: 'x' }))).error).toBe(
        'user_not_in_channel',
      );
      expect((await slackError(client.chat.postEphemeral({ channel: general, user: 'U0NOBODY', text: 'x' }))).error).toBe(
        'user_not_found',
      );
    });

    it('updates its own messages and refuses unknown ones', async () => {
      const client = webClient(emu);
      const posted = await client.chat.postMessage({ channel: AMARA, text: 'before' });
      const channel = posted.channel ?? '';
      const updated = await client.chat.update({ channel, ts: posted.ts ?? '', text: 'after' });
      expect(updated).toMatchObject({ ok: true, channel, ts: posted.ts, text: 'after' });
      expect(emu.messagesIn(channel).find((m) => m.ts === posted.ts)?.text).toBe('after');
      expect((await slackError(client.chat.update({ channel, ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
    });
  });

  describe('conversations.history', () => {
    it('finds a message by metadata with include_all_metadata, newest first, paginated', async () => {
      const client = webClient(emu);
      const channel = emu.channelFor([DANIEL, LEO]);
      for (let i = 1; i <= 5; i++) {
        await client.chat.postMessage({
          channel,
          text: `m${i}`,
          metadata: { event_type: 'outbox', event_payload: { key: `k${i}` } },
        });
      }
      const page1 = await client.conversations.history({ channel, limit: 2, include_all_metadata: true });
      expect(page1.messages?.map((m) => m.text)).toEqual(['m5', 'm4']);
      expect(page1.messages?.[0]?.metadata).toEqual({ event_type: 'outbox', event_payload: { key: 'k5' } });
      expect(page1.has_more).toBe(true);
      const page2 = await client.conversations.history({ channel, limit: 2, cursor: page1.response_metadata?.next_cursor ?? '' });
      expect(page2.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
      expect(page2.messages?.[0]?.metadata).toBeUndefined();
      const all: string[] = [];
      for await (const page of client.paginate('conversations.history', { channel, limit: 2 })) {
        all.push(...(page as unknown as { messages: Array<{ text: string }> }).messages.map((m) => m.text));
      }
      expect(all).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    });

    it('refuses bad metadata and channels the bot is not in', async () => {
      const client = webClient(emu);
      const bad = client.chat.postMessage({ channel: LEO, text: 'x', metadata: { event_type: 'x' } as never });
      expect((await slackError(bad)).error).toBe('invalid_metadata_format');
      expect((await slackError(client.conversations.history({ channel: 'C0EMURANDOM' }))).error).toBe('not_in_channel');
    });
  });

  describe('users', () => {
    it('answers users.info like the fixture and user_not_found for strangers', async () => {
      const client = webClient(emu);
      const res = await client.users.info({ user: AMARA });
      const sample =
        fixture<Record<string, { user: Record<string, unknown> }>>('web_api_responses.json')['users.info']?.user ?? {};
      for (const key of Object.keys(sample)) expect(res.user).toHaveProperty(key);
      expect(res.user?.profile?.title).toBe('Chief Operating Officer, Operations');
      expect((await client.users.info({ user: SAM_DELETED })).user?.deleted).toBe(true);
      expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
    });

    it('pages users.list with limit and next_cursor', async () => {
      const client = webClient(emu);
      const first = await client.users.list({ limit: 5 });
      expect(first.members).toHaveLength(5);
      const cursor = first.response_metadata?.next_cursor ?? '';
      expect(Buffer.from(cursor, 'base64').toString()).toMatch(/^user:U/);
      const ids: string[] = [];
      for await (const page of client.paginate('users.list', { limit: 4 })) {
        ids.push(...(page as unknown as { members: EmulatedUser[] }).members.map((m) => m.id));
      }
      expect(ids).toEqual(emu.workspace.users.map((u) => u.id));
      expect((await slackError(client.users.list({ cursor: 'bm9wZQ==' }))).error).toBe('invalid_cursor');
    });

    it('looks users up by email', async () => {
      const res = await webClient(emu).users.lookupByEmail({ email: 'leo.nguyen@rm-emulator.example.com' });
      expect(res.user?.id).toBe(LEO);
    });

    it('serves users added and deleted during a test', async () => {
      const added = emu.addUser({ realName: 'New Starter', tz: 'Asia/Kolkata', title: 'Intern, Data' });
      const client = webClient(emu);
      expect((await client.users.info({ user: added.id })).user).toMatchObject({ real_name: 'New Starter', tz_offset: 19800 });
      emu.deleteUser(added.id);
      expect((await client.users.info({ user: added.id })).user?.deleted).toBe(true);
      expect((await slackError(client.conversations.open({ users: added.id }))).error).toBe('user_disabled');
    });
  });
});
