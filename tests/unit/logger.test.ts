import { UnknownError } from '@slack/bolt';
import { createLogger, defaultLogFormat, logLevelOf, redact } from '../../src/logger.js';
import { runInRequest } from '../../src/requests/requestContext.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';

describe('logging never shows secrets', () => {
  test('tokens and database passwords are redacted', () => {
    expect(redact('token xoxb-123-456-abcDEF and xapp-1-A0-99 and xoxp-9-9')).toBe(
      'token [redacted] and [redacted] and [redacted]',
    );
    expect(redact('postgresql://rm:s3cret@db:5432/rm')).toBe('postgresql://rm:***@db:5432/rm');
  });

  test('every URL in a line has its credentials masked: user:password and query parameters', () => {
    expect(
      redact(
        'connect to postgresql://u:hunter2@db/rm?password=hunter2&sslmode=require failed; ' +
          'Slack at https://bot:hunter2@slack.example.com/api/?token=hunter2 (and file:./rm.db?key=hunter2)',
      ),
    ).toBe(
      'connect to postgresql://u:***@db/rm?password=***&sslmode=require failed; ' +
        'Slack at https://bot:***@slack.example.com/api/?token=*** (and file:./rm.db?key=***)',
    );
    expect(redact('database ready (sqlite: file:/var/lib/rm/rm.db)')).toBe('database ready (sqlite: file:/var/lib/rm/rm.db)');
  });

  test('the logger applies redaction and levels', () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', (l) => lines.push(l));
    logger.debug('hidden');
    logger.info('calling with', { token: 'xoxb-1-2-3' });
    logger.error(new Error('auth failed for xapp-1-2'));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/xoxb-|xapp-/);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      component: 'test',
      msg: 'calling with',
      data: { token: '[redacted]' },
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({
      level: 'error',
      err: { type: 'Error', message: 'auth failed for [redacted]' },
    });
  });
});

describe('log records are JSON lines', () => {
  const records = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  test('one JSON object per line: level, ISO time in UTC, pid, component, message', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', 'rm-bot', (l) => lines.push(l));
    logger.info('database ready (postgres: postgresql://rm:s3cret@db:5432/rm)');
    logger.child('outbox').warn('outbox: 5d1a (pairing.intro) failed: user_not_found; 2 coordinator(s) told');
    const [ready, failed] = records(lines);
    expect(ready).toMatchObject({
      level: 'info',
      component: 'rm-bot',
      msg: 'database ready (postgres: postgresql://rm:***@db:5432/rm)',
    });
    expect(ready!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(ready!.pid).toBe(process.pid);
    expect(failed).toMatchObject({ level: 'warn', component: 'outbox' });
    expect(lines.map(logLevelOf)).toEqual(['info', 'warn']);
    expect(logLevelOf('not json')).toBeUndefined();
  });

  test('a child has its own component and level, and one component field', () => {
    const lines: string[] = [];
    const parent = createLogger('info', 'rm-bot', (l) => lines.push(l));
    const bolt = parent.child('bolt');
    bolt.setLevel('error' as never);
    bolt.warn('dropped');
    parent.warn('kept');
    bolt.child('web').error('from a grandchild');
    expect(records(lines).map((r) => [r.component, r.msg])).toEqual([
      ['rm-bot', 'kept'],
      ['web', 'from a grandchild'],
    ]);
    expect(lines[1]!.match(/"component"/g)).toHaveLength(1);
    expect(parent.getLevel()).toBe('info');
    expect(bolt.getLevel()).toBe('error');
  });

  test('the request id of the Slack request being handled is on each of its lines, and only on those', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'http', (l) => lines.push(l));
    logger.info('outside');
    await runInRequest('req-1', async () => {
      logger.info('first');
      await new Promise((r) => setTimeout(r, 5));
      logger.child('bolt').info('after a timer, in another component');
    });
    await Promise.all([
      runInRequest('req-2', async () => {
        await new Promise((r) => setTimeout(r, 10));
        logger.info('two');
      }),
      runInRequest('req-3', async () => logger.info('three')),
    ]);
    expect(records(lines).map((r) => [r.msg, r.requestId])).toEqual([
      ['outside', undefined],
      ['first', 'req-1'],
      ['after a timer, in another component', 'req-1'],
      ['three', 'req-3'],
      ['two', 'req-2'],
    ]);
  });

  test('pretty when LOG_FORMAT=pretty or on a terminal; JSON otherwise', () => {
    expect(defaultLogFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(defaultLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(defaultLogFormat({}, true)).toBe('pretty');
    expect(defaultLogFormat({}, false)).toBe('json');
    const lines: string[] = [];
    const logger = createLogger('info', 'outbox', (l) => lines.push(l), 'pretty');
    runInRequest('abc', () => logger.error('listener failed:', new TypeError('boom')));
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] ERROR: \[outbox\] listener failed: TypeError: boom \(request abc\)\n/,
    );
    expect(lines[0]).toMatch(/\n\s+at .*logger\.test\.ts/);
  });
});

describe('errors are logged with their class, code and stack, never with the values they carry', () => {
  test("an Error's stack is kept, as frames, in the record's err", () => {
    const lines: string[] = [];
    createLogger('info', 'test', (l) => lines.push(l)).error('listener failed:', new TypeError('boom'));
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { msg: string; err: { type: string; message: string; stack: string } };
    expect(record.msg).toBe('listener failed: TypeError: boom');
    expect(record.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(record.err.stack).toMatch(/^\s+at .*logger\.test\.ts/);
  });

  test("an object goes in the record's data without its free text: ids, codes and counts only", () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', (l) => lines.push(l));
    logger.info('payload', {
      user: 'U0A1B2C3',
      sent: 3,
      view: { state: { goals: 'I want to learn MY SECRET GOAL', department: 'Secret Department' } },
    });
    logger.info('headers', {
      headers: { authorization: 'Bearer abc123' },
      key: 'xoxb-1-2',
      at: new Date('2026-03-02T09:00:00Z'),
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'payload',
      data: {
        user: 'U0A1B2C3',
        sent: 3,
        view: { state: { goals: '[text, 30 characters]', department: '[text, 17 characters]' } },
      },
    });
    expect(lines[0]).not.toMatch(/SECRET|Secret/);
    // pino's path redaction for secret-named keys, the text masking for tokens under any key
    expect(JSON.parse(lines[1]!).data).toEqual({
      headers: { authorization: '[redacted]' },
      key: '[redacted]',
      at: '2026-03-02T09:00:00.000Z',
    });
  });

  describe.each(testDatabaseKinds())('a real Prisma error on %s', (kind) => {
    let scratch: ScratchDatabase;
    let db: Database;
    const profile = {
      programmeId: 'p1',
      role: 'mentor',
      seniorityLevel: 2,
      displayName: 'Ada MY-SECRET-NAME',
      department: 'MY-SECRET-DEPARTMENT',
      goals: 'I want MY-SECRET-GOAL',
    };
    beforeAll(async () => {
      scratch = await createScratchDatabase(kind);
      db = await openDatabase(scratch.url);
      await db.client.programme.create({
        data: {
          id: 'p1',
          name: 'Spring',
          startDate: new Date('2026-03-01T00:00:00Z'),
          durationMonths: 6,
          endDate: new Date('2026-09-01T00:00:00Z'),
          signupDeadline: new Date('2026-02-20T00:00:00Z'),
          createdBySlackId: 'U0COORD',
        },
      });
      await db.client.participant.create({ data: { id: 'a', slackUserId: 'U0A', ...profile } });
    });
    afterAll(async () => {
      await db.close();
      await scratch.drop();
    });

    async function failure(work: () => Promise<unknown>): Promise<Error> {
      try {
        await work();
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected the query to fail');
    }

    /** The record as a person reads it: its message, then its err's fields (stacks with their line breaks). */
    function logged(...parts: unknown[]): string {
      const lines: string[] = [];
      createLogger('info', 'test', (l) => lines.push(l)).error(...parts);
      const out: string[] = [];
      const walk = (value: unknown): void => {
        if (typeof value === 'string') out.push(value);
        else if (value && typeof value === 'object') Object.values(value).forEach(walk);
      };
      for (const line of lines) {
        expect(lines.join('\n')).not.toContain('MY-SECRET'); // the raw line too
        walk(JSON.parse(line));
      }
      return out.join('\n');
    }

    test('a unique constraint violation (P2002): the code and the cause, not the profile', async () => {
      const err = await failure(() => db.client.participant.create({ data: { id: 'b', slackUserId: 'U0A', ...profile } }));
      expect(String((err as { code?: unknown }).code)).toBe('P2002');
      const out = logged('listener failed:', err);
      expect(out).toMatch(
        /listener failed: PrismaClientKnownRequestError \[P2002\]: Invalid `[\w.]*participant\.create\(\)` invocation/,
      );
      expect(out).toContain('Unique constraint failed');
      expect(out).toMatch(/\n\s+at /);
      expect(out).not.toContain('MY-SECRET');
      expect(out).not.toContain('driverAdapterError');
    });

    test('an invalid argument: Prisma quotes the whole call in its message and stack, the log does not', async () => {
      const err = await failure(() =>
        db.client.participant.create({
          data: { id: 'c', slackUserId: 'U0C', ...profile, seniorityLevel: 'x' as unknown as number },
        }),
      );
      // What Prisma gives: the profile in the message and in the stack.
      expect(err.message).toContain('MY-SECRET-GOAL');
      expect(err.stack).toContain('MY-SECRET-GOAL');
      const direct = logged('listener failed:', err);
      expect(direct).toMatch(
        /PrismaClientValidationError: Invalid `[\w.]*participant\.create\(\)` invocation: Argument `seniorityLevel`/,
      );
      expect(direct).toMatch(/\n\s+at /);
      expect(direct).not.toContain('MY-SECRET');
      // As Bolt's error handler receives it (wrapped, the message copied) and as a listener logs a message.
      const wrapped = logged('listener failed:', new UnknownError(err));
      expect(wrapped).toContain('UnknownError [slack_bolt_unknown_error]');
      expect(wrapped).toContain('caused by PrismaClientValidationError');
      expect(wrapped).not.toContain('MY-SECRET');
      expect(logged('report failed:', err.message)).not.toContain('MY-SECRET');
    });

    if (kind === 'postgres')
      test('a value out of range (P2020): the value the database quotes is masked', async () => {
        const err = await failure(() =>
          db.client.participant.create({ data: { id: 'd', slackUserId: 'U0D', ...profile, seniorityLevel: 3_000_000_123 } }),
        );
        expect(err.message).toContain('3000000123');
        const out = logged('listener failed:', err);
        expect(out).toContain('PrismaClientKnownRequestError [P2020]');
        expect(out).toContain('out of range');
        expect(out).not.toContain('3000000123');
        expect(out).not.toContain('MY-SECRET');
      });
  });
});
