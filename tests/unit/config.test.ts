import { describeConfigProblems, loadConfig } from '../../src/config.js';

const valid = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret' };

describe('loadConfig', () => {
  test('applies the documented defaults', () => {
    const result = loadConfig(valid);
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        slackApiUrl: 'https://slack.com/api/',
        databaseUrl: 'file:./data/rm.db',
        port: 3000,
        coordinators: [],
        timezone: 'UTC',
        mode: 'http',
        tickCron: '*/5 * * * *',
        logLevel: 'info',
      }),
    });
  });

  test('reads every variable', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      DATABASE_URL: 'postgresql://u:p@db:5432/rm',
      PORT: '8080',
      RM_COORDINATORS: 'U01ABC, U02DEF ,',
      RM_TIMEZONE: 'Pacific/Auckland',
      RM_TICK_CRON: '*/2 * * * *',
      LOG_LEVEL: 'debug',
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.config).toMatchObject({
      mode: 'socket',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
      databaseUrl: 'postgresql://u:p@db:5432/rm',
      port: 8080,
      coordinators: ['U01ABC', 'U02DEF'],
      timezone: 'Pacific/Auckland',
      logLevel: 'debug',
    });
  });

  test('blank values count as unset', () => {
    const result = loadConfig({ ...valid, PORT: '', DATABASE_URL: ' ', SLACK_APP_TOKEN: '' });
    expect(result.ok && result.config.port === 3000 && result.config.mode === 'http').toBe(true);
  });

  test('lists every problem at once', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'not-a-token',
      PORT: '70000',
      DATABASE_URL: 'mysql://x',
      RM_COORDINATORS: 'alice',
      RM_TIMEZONE: 'Mars/Olympus',
      SLACK_API_URL: 'ftp://x',
      RM_TICK_CRON: 'every minute',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const vars = result.problems.map((p) => p.split(' ')[0]);
    expect(vars.sort()).toEqual(
      [
        'DATABASE_URL',
        'LOG_LEVEL',
        'PORT',
        'RM_COORDINATORS',
        'RM_TICK_CRON',
        'RM_TIMEZONE',
        'SLACK_API_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ].sort(),
    );
  });

  test('with no Slack tokens, says what to set and how to try the emulator', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const message = describeConfigProblems(result.problems);
    expect(message).toContain('SLACK_BOT_TOKEN is not set');
    expect(message).toContain('SLACK_SIGNING_SECRET is not set');
    expect(message).toContain('SLACK_APP_TOKEN');
    expect(message).toContain('npm run local');
    expect(message).toContain('.env.example');
  });
});
