import { UnknownError } from '@slack/bolt';
import { createLogger, redact } from '../../src/logger.js';
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
    expect(lines[0]).toMatch(/INFO \[test\] calling with \{"token":"\[redacted\]"\}/);
  });
});

describe('errors are logged with their class, code and stack, never with the values they carry', () => {
  test("an Error's stack is kept", () => {
    const lines: string[] = [];
    createLogger('info', 'test', (l) => lines.push(l)).error('listener failed:', new TypeError('boom'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ERROR \[test\] listener failed: TypeError: boom\n\s+at .*logger\.test\.ts/);
  });

  test('an object is never dumped with its free text: ids, codes and counts only', () => {
    const lines: string[] = [];
    createLogger('info', 'test', (l) => lines.push(l)).info('payload', {
      user: 'U0A1B2C3',
      sent: 3,
      view: { state: { goals: 'I want to learn MY SECRET GOAL', department: 'Secret Department' } },
    });
    expect(lines[0]).toContain('"user":"U0A1B2C3"');
    expect(lines[0]).toContain('"sent":3');
    expect(lines[0]).not.toMatch(/SECRET|Secret/);
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

    function logged(...parts: unknown[]): string {
      const lines: string[] = [];
      createLogger('info', 'test', (l) => lines.push(l)).error(...parts);
      return lines.join('\n');
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
