import { SlackEmulator } from '../../src/devtools/emulator/index.js';
import { createScratchDatabase, testDatabaseKinds } from '../support/databases.js';
import { finished, freePort, runEntry, spawnEntry, waitForOutput, withSecrets } from '../support/processes.js';

describe('starting with a bad configuration', () => {
  test('with no Slack tokens: one message saying what to set and how to try the emulator, exit 2, no stack trace', async () => {
    const { code, stdout, stderr } = await runEntry('src/main.ts', [], {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('cannot start');
    expect(stderr).toContain('SLACK_BOT_TOKEN is not set');
    expect(stderr).toContain('SLACK_SIGNING_SECRET is not set');
    expect(stderr).toContain('npm run local');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('every malformed value is listed at once and nothing secret is echoed', async () => {
    const { code, stderr } = await runEntry('src/main.ts', [], {
      SLACK_BOT_TOKEN: 'xoxp-user-token-not-a-bot-one',
      SLACK_SIGNING_SECRET: 'shh',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/rm',
      RM_TIMEZONE: 'Europe/Atlantis',
    });
    expect(code).toBe(2);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'DATABASE_URL', 'RM_TIMEZONE']) expect(stderr).toContain(`- ${name} `);
    expect(stderr).not.toContain('xoxp-user-token');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('a malformed DATABASE_URL or SLACK_API_URL is not echoed with its password', async () => {
    const { code, stderr } = await runEntry('src/main.ts', [], {
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      SLACK_SIGNING_SECRET: 'shh',
      DATABASE_URL: 'mysql://rm:hunter2@db/rm?password=hunter2',
      SLACK_API_URL: 'ftp://bot:hunter2@slack.example.com/api/?token=hunter2',
    });
    expect(code).toBe(2);
    for (const name of ['DATABASE_URL', 'SLACK_API_URL']) expect(stderr).toContain(`- ${name} `);
    expect(stderr).not.toContain('hunter2');
  });
});

describe.each(testDatabaseKinds())('starting on %s with credentials in the URLs', (kind) => {
  test('no password is printed: not in "database ready", not in the error when Slack refuses', async () => {
    const emulator = await SlackEmulator.start();
    const scratch = await createScratchDatabase(kind);
    // SQLite takes no query parameters in its file: URL (the file would not open), so there only the Slack URL has them.
    const { url: databaseUrl, secret } =
      kind === 'postgres' ? withSecrets(scratch.url, { sslmode: 'disable' }) : { url: scratch.url, secret: 'hunter2' };
    // user:password in the Slack URL: the Web API client sends it as Basic auth instead of the bot token, so
    // the emulator refuses auth.test and the bot stops with an error naming the URL.
    const slackApiUrl = `${emulator.apiUrl.replace('://', `://bot:${secret}@`)}?token=${secret}`;
    const child = spawnEntry('src/main.ts', [], {
      SLACK_BOT_TOKEN: emulator.botToken,
      SLACK_SIGNING_SECRET: 'start-test-secret',
      SLACK_API_URL: slackApiUrl,
      DATABASE_URL: databaseUrl,
      PORT: String(await freePort()),
    });
    const exited = finished(child);
    try {
      await waitForOutput(child, (out) => out.includes('database ready'));
      const { code, stdout, stderr } = await exited;
      const out = stdout + stderr;
      expect(code).toBe(1);
      expect(out).toMatch(
        kind === 'postgres' ? /database ready \(postgres: postgresql:\/\/\w+:\*\*\*@.*password=\*\*\*/ : /database ready/,
      );
      expect(out).toContain('Slack rejected the bot token or is unreachable at http://bot:***@127.0.0.1:');
      expect(out).toContain('token=***');
      expect(out).not.toContain(secret);
    } finally {
      child.kill('SIGKILL');
      await emulator.stop();
      await scratch.drop();
    }
  });
});
