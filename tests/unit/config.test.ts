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

  test('the history scopes are an opt-in: off unless SLACK_HISTORY_SCOPES is true', () => {
    const history = (value?: string) => {
      const result = loadConfig(value === undefined ? valid : { ...valid, SLACK_HISTORY_SCOPES: value });
      return result.ok ? result.config.historyScopes : result.problems;
    };
    expect(history()).toBe(false);
    expect(history('')).toBe(false);
    expect(history('false')).toBe(false);
    expect(history(' TRUE ')).toBe(true);
    expect(history('yes')).toEqual([expect.stringMatching(/^SLACK_HISTORY_SCOPES must be true .* or false$/)]);
  });

  test('SLACK_TIMEOUT_MS bounds every Slack call: 10 s unless set, 1 s to 2 minutes', () => {
    const timeout = (value?: string) => {
      const result = loadConfig(value === undefined ? valid : { ...valid, SLACK_TIMEOUT_MS: value });
      return result.ok ? result.config.slackTimeoutMs : result.problems;
    };
    expect(timeout()).toBe(10_000);
    expect(timeout(' ')).toBe(10_000);
    expect(timeout('2500')).toBe(2500);
    expect(timeout('500')).toEqual(['SLACK_TIMEOUT_MS must be between 1000 and 120000 (milliseconds)']);
    expect(timeout('ten')).toEqual(['SLACK_TIMEOUT_MS must be a number of milliseconds']);
  });

  test("SLACK_PACING_RESERVE_MS is each pacing bucket's reserve: 100 ms unless set, 0 to 10 s", () => {
    const reserve = (value?: string) => {
      const result = loadConfig(value === undefined ? valid : { ...valid, SLACK_PACING_RESERVE_MS: value });
      return result.ok ? result.config.pacing?.jitterMs : result.problems;
    };
    expect(reserve()).toBe(100);
    expect(reserve('0')).toBe(0);
    expect(reserve('250')).toBe(250);
    expect(reserve('-1')).toEqual(['SLACK_PACING_RESERVE_MS must be between 0 and 10000 (milliseconds)']);
    expect(reserve('fast')).toEqual(['SLACK_PACING_RESERVE_MS must be a number of milliseconds']);
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

  test('LOG_FORMAT is json, pretty or unset', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    const pretty = loadConfig({ ...base, LOG_FORMAT: 'pretty' });
    expect(pretty.ok && pretty.config.logFormat).toBe('pretty');
    const unset = loadConfig(base);
    expect(unset.ok && unset.config.logFormat).toBeUndefined();
    const wrong = loadConfig({ ...base, LOG_FORMAT: 'xml' });
    expect(wrong.ok ? [] : wrong.problems).toEqual([
      'LOG_FORMAT must be json or pretty (unset: pretty on a terminal, json otherwise)',
    ]);
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

describe('loadConfig: the coordinator dashboard', () => {
  test('PUBLIC_URL without its trailing slash; unset by default; not a URL is a problem', () => {
    const set = loadConfig({ ...valid, PUBLIC_URL: 'https://rm-bot.example.com/' });
    expect(set.ok && set.config.publicUrl).toBe('https://rm-bot.example.com');
    const unset = loadConfig(valid);
    expect(unset.ok && unset.config.publicUrl).toBeUndefined();
    const wrong = loadConfig({ ...valid, PUBLIC_URL: 'rm-bot.example.com' });
    expect(wrong.ok ? [] : wrong.problems).toEqual([expect.stringMatching(/^PUBLIC_URL must be the http\(s\) address/)]);
  });

  test('Sign in with Slack only when both the client id and secret are set', () => {
    const both = loadConfig({ ...valid, SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 's' });
    expect(both.ok && both.config.openId).toEqual({ clientId: '1.2', clientSecret: 's', baseUrl: 'https://slack.com' });
    const one = loadConfig({ ...valid, SLACK_CLIENT_ID: '1.2' });
    expect(one.ok && one.config.openId).toBeUndefined();
  });
});
