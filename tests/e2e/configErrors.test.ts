import { runEntry } from '../support/processes.js';

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
});
