import { createServer, type Server } from 'node:http';
import type { App } from '@slack/bolt';
import { AfterAckQueue } from '../../../../../src/requests/afterAck.js';
import { BUSY_ACK_BUDGET_MS, CommandDispatcher } from '../../../../../src/slack/listeners/kit/commands.js';
import type { ListenerDeps } from '../../../../../src/slack/listeners/kit/deps.js';
import { createLogger } from '../../../../../src/logger.js';

const CONFIGURED = 'U0CONFIG1';
const STORED = 'U0STORED1';

/**
 * While the loop is saturated, `CommandDispatcher.answerInAck` gives the receiver what it can answer in the ack: from
 * who the person is, with one shared read of who coordinates, waited for at most BUSY_ACK_BUDGET_MS.
 */
describe('commands answered in the ack', () => {
  let server: Server;
  let responseUrl: string;
  const posted: Array<{ text?: string }> = [];
  let readMs = 0;
  let reads = 0;
  let dispatcher: CommandDispatcher;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posted.push(JSON.parse(body) as { text?: string });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    responseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/respond`;
    const slow = async <T>(rows: T): Promise<T> => {
      await new Promise((r) => setTimeout(r, readMs));
      return rows;
    };
    const db = {
      coordinator: {
        findMany: () => {
          reads++;
          return slow([{ slackUserId: STORED }]);
        },
      },
      programmeCoordinator: { findMany: () => slow([]) },
    };
    const deps = {
      db,
      config: { coordinators: [CONFIGURED], slackTimeoutMs: 2000 },
      logger: createLogger('error', 'test', () => undefined),
      clock: { now: () => new Date() },
      afterAck: new AfterAckQueue(8),
      pressure: { busy: true },
    } as unknown as ListenerDeps;
    const app = { command: () => undefined, client: {} } as unknown as App;
    dispatcher = new CommandDispatcher(app, deps);
    dispatcher.command('/rm-report', async () => ({ reply: { response_type: 'ephemeral', text: 'the report' } }), {
      coordinatorsOnly: true,
    });
    dispatcher.admin('match', async () => ({ reply: { response_type: 'ephemeral', text: 'the matching' } }));
    dispatcher.command('/rm-join', async () => ({ reply: { response_type: 'ephemeral', text: 'joined' } }));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    posted.length = 0;
    readMs = 0;
    reads = 0;
  });

  const command = (user_id: string, command: string, text = '') => ({
    command,
    text,
    user_id,
    team_id: 'T0TEAM',
    channel_id: 'D0CHANNEL',
    trigger_id: `trigger-${Math.random()}`,
    response_url: responseUrl,
  });

  test('help for a coordinator (configured or stored), "coordinators only" for others, unknown commands: in the ack', async () => {
    expect((await dispatcher.answerInAck(command(CONFIGURED, '/rm-admin', 'help')))?.body).toMatchObject({
      text: expect.stringContaining('`/rm-admin open`'),
    });
    expect(reads).toBe(0); // RM_COORDINATORS needs no read
    expect((await dispatcher.answerInAck(command(STORED, '/rm-admin')))?.body).toMatchObject({
      text: expect.stringContaining('`/rm-admin open`'),
    });
    expect((await dispatcher.answerInAck(command('U0NOBODY1', '/rm-admin', 'match')))?.body).toMatchObject({
      text: expect.stringContaining('is for programme coordinators'),
    });
    expect((await dispatcher.answerInAck(command('U0NOBODY1', '/rm-report')))?.body).toMatchObject({
      text: expect.stringContaining('`/rm-report` is for programme coordinators'),
    });
    expect((await dispatcher.answerInAck(command('U0NOBODY1', '/rm-nope')))?.body).toMatchObject({
      text: expect.stringContaining("I don't know `/rm-nope`"),
    });
  });

  test('what needs its handler is not answered in the ack: a coordinator’s verb or /rm-report, /rm-join, a malformed payload', async () => {
    expect(await dispatcher.answerInAck(command(CONFIGURED, '/rm-admin', 'match'))).toBeUndefined();
    expect(await dispatcher.answerInAck(command(STORED, '/rm-report'))).toBeUndefined();
    expect(dispatcher.answerInAck(command('U0NOBODY1', '/rm-join'))).toBeUndefined();
    expect(dispatcher.answerInAck({ command: '/rm-admin' })).toBeUndefined();
  });

  test('the commands of a burst share one read of who coordinates', async () => {
    readMs = 20;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => dispatcher.answerInAck(command(STORED, '/rm-admin', 'help'))),
    );
    expect(answers.every((a) => typeof a?.body === 'object')).toBe(true);
    expect(reads).toBeLessThanOrEqual(2);
  });

  test('a read slower than the budget: the ack goes empty in time, and the answer follows on the response_url', async () => {
    readMs = 4 * BUSY_ACK_BUDGET_MS;
    const started = Date.now();
    const answer = await dispatcher.answerInAck(command(STORED, '/rm-admin', 'help'));
    expect(Date.now() - started).toBeLessThan(3 * BUSY_ACK_BUDGET_MS);
    expect(answer?.body).toBeUndefined();
    await answer!.follow!();
    expect(posted).toEqual([expect.objectContaining({ text: expect.stringContaining('`/rm-admin open`') })]);

    // The wait is counted from the record (the ack cannot go before it): a read slower than the budget but done
    // by the time the record is written is in the ack.
    const recorded = new Promise((r) => setTimeout(r, 6 * BUSY_ACK_BUDGET_MS));
    expect((await dispatcher.answerInAck(command(STORED, '/rm-admin', 'help'), recorded))?.body).toMatchObject({
      text: expect.stringContaining('`/rm-admin open`'),
    });

    // A coordinator's /rm-report, late: its handler runs as urgent work and replies on the response_url.
    posted.length = 0;
    const report = await dispatcher.answerInAck(command(STORED, '/rm-report'));
    expect(report?.body).toBeUndefined();
    await report!.follow!();
    expect(posted).toEqual([expect.objectContaining({ text: 'the report' })]);
  });
});
