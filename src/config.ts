import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_PACING, pacingForReplica, type PacingConfig } from './domain/pacing.js';

export const DEFAULT_DATABASE_URL = 'file:./data/rm.db';
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blankAsUndefined, z.string().trim().optional());

const rate = (unit: string, fallback: number) =>
  z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: `must be a number of ${unit}` })
      .positive({ error: `must be more than 0 ${unit}` })
      .max(10_000, { error: `must be at most 10000 ${unit}` })
      .default(fallback),
  );
const burst = (fallback: number) =>
  z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be a number of messages' })
      .int({ error: 'must be a whole number of messages' })
      .min(1, { error: 'must be between 1 and 10000 (messages)' })
      .max(10_000, { error: 'must be between 1 and 10000 (messages)' })
      .default(fallback),
  );

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess(
    blankAsUndefined,
    z
      .string({ error: 'is not set: the bot token (xoxb-...) from OAuth & Permissions' })
      .trim()
      .startsWith('xoxb-', { error: 'must be a bot token starting with xoxb-' }),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.preprocess(
    blankAsUndefined,
    z.string().trim().startsWith('xapp-', { error: 'must be an app-level token starting with xapp-' }).optional(),
  ),
  SLACK_HISTORY_SCOPES: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z
      .enum(['true', 'false'], { error: 'must be true (the app was installed with im:history and mpim:history) or false' })
      .default('false'),
  ),
  SLACK_API_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' })
      .default(DEFAULT_SLACK_API_URL),
  ),
  SLACK_TIMEOUT_MS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be a whole number of milliseconds' })
      .min(1000, { error: 'must be between 1000 and 120000 (milliseconds)' })
      .max(120_000, { error: 'must be between 1000 and 120000 (milliseconds)' })
      .default(10_000),
  ),
  SLACK_PACING: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['on', 'off'], { error: 'must be on (pace Slack calls within the documented limits) or off' }).default('on'),
  ),
  SLACK_POST_WORKSPACE_PER_SEC: rate('messages per second', DEFAULT_PACING.postPerWorkspace.perSec),
  SLACK_POST_WORKSPACE_BURST: burst(DEFAULT_PACING.postPerWorkspace.burst),
  SLACK_POST_CHANNEL_PER_SEC: rate('messages per second', DEFAULT_PACING.postPerChannel.perSec),
  SLACK_POST_CHANNEL_BURST: burst(DEFAULT_PACING.postPerChannel.burst),
  SLACK_PACING_RESERVE_MS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be a whole number of milliseconds' })
      .min(0, { error: 'must be between 0 and 10000 (milliseconds)' })
      .max(10_000, { error: 'must be between 0 and 10000 (milliseconds)' })
      .default(DEFAULT_PACING.jitterMs),
  ),
  SLACK_REPLICAS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be the number of replicas sharing the workspace' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be between 1 and 1000' })
      .max(1000, { error: 'must be between 1 and 1000' })
      .default(1),
  ),
  INBOX_LEASE_MS: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be a whole number of milliseconds' })
      .min(1000, { error: 'must be between 1000 and 600000 (milliseconds)' })
      .max(600_000, { error: 'must be between 1000 and 600000 (milliseconds)' })
      .default(60_000),
  ),
  DATABASE_URL: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .trim()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, { error: 'must be file:<path> (SQLite) or postgresql://... (PostgreSQL)' })
      .default(DEFAULT_DATABASE_URL),
  ),
  PORT: z.preprocess(
    blankAsUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be between 1 and 65535' })
      .max(65535, { error: 'must be between 1 and 65535' })
      .default(3000),
  ),
  RM_COORDINATORS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, { error: 'must list Slack user IDs such as U012AB3CD, separated by commas' })),
  ),
  RM_TIMEZONE: z.preprocess(
    blankAsUndefined,
    z.string().trim().refine(isIanaZone, { error: 'must be an IANA time zone such as Europe/London' }).default('UTC'),
  ),
  RM_TICK_CRON: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .trim()
      .refine((v) => cron.validate(v), { error: 'must be a cron expression such as */5 * * * *' })
      .default('*/5 * * * *'),
  ),
  LOG_LEVEL: z.preprocess(
    blankAsUndefined,
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' }).default('info'),
  ),
  LOG_FORMAT: z.preprocess(
    blankAsUndefined,
    z.enum(['json', 'pretty'], { error: 'must be json or pretty (unset: pretty on a terminal, json otherwise)' }).optional(),
  ),
  // The coordinator dashboard (docs/dashboard.md).
  PUBLIC_URL: z.preprocess(
    blankAsUndefined,
    z
      .url({
        protocol: /^https?$/,
        error: 'must be the http(s) address browsers reach the bot at, such as https://rm-bot.example.com',
      })
      .optional(),
  ),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_OPENID_URL: z.preprocess(
    blankAsUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com' }).default('https://slack.com'),
  ),
});

export interface Config {
  slackBotToken: string;
  slackSigningSecret: string | undefined;
  slackAppToken: string | undefined;
  slackApiUrl: string;
  /** Every Web API call and response_url POST gives up after this many milliseconds (the outbox's calls too). */
  slackTimeoutMs: number;
  /** The app has im:history and mpim:history (an opt-in): the outbox may read DMs to deliver exactly once. */
  historyScopes: boolean;
  /** The outbox's pace for this replica (its share of the workspace's); undefined: SLACK_PACING=off (docs/outbox.md, "Pacing"). */
  pacing: PacingConfig | undefined;
  /** How long a replica holds an inbox request before another may take it over (after a crash). */
  inboxLeaseMs: number;
  databaseUrl: string;
  port: number;
  coordinators: string[];
  timezone: string;
  tickCron: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** JSON lines or the pretty form; undefined: pretty on a terminal, JSON otherwise (src/logger.ts) */
  logFormat: 'json' | 'pretty' | undefined;
  mode: 'http' | 'socket';
  /** The coordinator dashboard (docs/dashboard.md): where browsers reach the bot (no trailing slash);
   *  undefined: http://localhost:<the port it listens on> */
  publicUrl: string | undefined;
  /** "Sign in with Slack" on the dashboard: set when both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are */
  openId: { clientId: string; clientSecret: string; baseUrl: string } | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Checked beside the schema so that it is reported together with every other problem. */
function modeProblems(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  if (set('SLACK_APP_TOKEN') || set('SLACK_SIGNING_SECRET')) return [];
  return [
    'SLACK_SIGNING_SECRET is not set: HTTP mode needs the signing secret from Basic Information (or set SLACK_APP_TOKEN for Socket Mode)',
  ];
}

export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`)),
    ...modeProblems(env),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  const e = parsed.data;
  return {
    ok: true,
    config: {
      slackBotToken: e.SLACK_BOT_TOKEN,
      slackSigningSecret: e.SLACK_SIGNING_SECRET,
      slackAppToken: e.SLACK_APP_TOKEN,
      slackApiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      slackTimeoutMs: e.SLACK_TIMEOUT_MS,
      historyScopes: e.SLACK_HISTORY_SCOPES === 'true',
      pacing:
        e.SLACK_PACING === 'off'
          ? undefined
          : pacingForReplica(
              {
                ...DEFAULT_PACING,
                postPerWorkspace: { perSec: e.SLACK_POST_WORKSPACE_PER_SEC, burst: e.SLACK_POST_WORKSPACE_BURST },
                postPerChannel: { perSec: e.SLACK_POST_CHANNEL_PER_SEC, burst: e.SLACK_POST_CHANNEL_BURST },
                jitterMs: e.SLACK_PACING_RESERVE_MS,
              },
              e.SLACK_REPLICAS,
            ),
      inboxLeaseMs: e.INBOX_LEASE_MS,
      databaseUrl: e.DATABASE_URL,
      port: e.PORT,
      coordinators: e.RM_COORDINATORS,
      timezone: e.RM_TIMEZONE,
      tickCron: e.RM_TICK_CRON,
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT,
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      openId:
        e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET
          ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, baseUrl: e.SLACK_OPENID_URL.replace(/\/+$/, '') }
          : undefined,
    },
  };
}

/** The one message printed when the configuration is unusable. */
export function describeConfigProblems(problems: string[]): string {
  return [
    'Reverse Mentoring Bot cannot start: the configuration has problems.',
    ...problems.map((p) => `  - ${p}`),
    '',
    'Set these in the environment or in a .env file (see .env.example for every variable).',
    'No Slack workspace at hand? `npm run local` runs the bot against the built-in Slack emulator.',
  ].join('\n');
}
