// What the app process and the load-generator process tell each other over the fork's IPC channel.
import type { JsonObject } from '../../src/devtools/emulator/json.js';

export interface Pair {
  checkInId: string;
  /** The pair's group DM, where the nudge was posted */
  channelId: string;
  /** The nudge as the emulator holds it (sent back in block_actions' `message`) */
  message: JsonObject;
  mentor: string;
  mentee: string;
}

export interface Setup {
  type: 'setup';
  /** one per replica of the bot: requests go to them in turn, as from a round-robin load balancer */
  appUrls: string[];
  signingSecret: string;
  verificationToken: string;
  team: { id: string; domain: string; appId: string; botUserId: string };
  /** user id -> the `user` object Slack puts in payloads */
  users: Record<string, JsonObject>;
  /** user id -> their DM with the bot (slash commands are typed there; app_home_opened names it) */
  dms: Record<string, string>;
  coordinators: string[];
  /** people not in a pair: they type /rm-join */
  joiners: string[];
  pairs: Pair[];
  requests: number;
  concurrency: number;
  /**
   * Requests a second, open loop: the i-th planned action starts at i / rate seconds whether or not the earlier
   * ones were answered (as people act, not waiting for each other), `concurrency` at most in flight. Absent: a
   * closed-loop burst, each of `concurrency` workers sending its next request as soon as the last was answered.
   */
  rate?: number;
  seed: number;
  /** The app's "today" (its clock) for picking days in the datetimepicker */
  today: string;
}

/** The generator asks Slack (the emulator, in the app's process) for what Slack attaches to a user action. */
export interface IssueRequest {
  type: 'issue';
  seq: number;
  userId: string;
  channelId: string;
  messageTs?: string;
  kind: Kind;
}

export interface Issued {
  type: 'issued';
  seq: number;
  triggerId: string;
  responseUrl: string;
}

export type Kind =
  '/rm-join' | '/rm-admin help' | '/rm-report' | 'app_home_opened' | 'checkin_met' | 'checkin_skip' | 'checkin_scheduled';

export interface Sample {
  kind: Kind;
  /** a double click's second request */
  repeat: boolean;
  status: number;
  ms: number;
  /** when it was sent, from the start of the load (ms) */
  at: number;
  /** bytes in the app's answer (0: an empty ack) */
  answerBytes: number;
  /** sent on a connection opened for it (not a kept-alive one) */
  newConnection: boolean;
  /** from its sending to the request handed to the OS whole (ms): the generator's own delay */
  writtenMs?: number;
  /** who acted, and when the request was sent (ms since the epoch): the start of its time to effect */
  userId: string;
  sentAt: number;
  /** what Slack attached to the action (not to app_home_opened) */
  triggerId?: string;
  responseUrl?: string;
}

export interface Results {
  type: 'results';
  startedAt: number;
  wallMs: number;
  samples: Sample[];
  /** requests that failed below HTTP (connection reset, timeout) */
  transportErrors: string[];
  /** CPU time the generator used during the load (building, signing, sending; not its start-up) */
  cpuMs: number;
}

/** What run.ts asks of the bot's own process (app.ts). */
export type AppRequest =
  | { type: 'start'; env: Record<string, string>; coordinators: string[]; start: string }
  | { type: 'measure' }
  | { type: 'report' }
  | { type: 'stop' };

export interface AppReport {
  type: 'report';
  /** per request, from its parsed headers to its answer sent (ms) */
  inside: number[];
  /** per request, from the generator's send to this process reading it (ms) */
  waited: number[];
  /** event-loop delay while measuring (ms) */
  loop: { p50: number; p99: number; max: number };
  cpuMs: number;
  /** database statements the app sent while measuring */
  statements: StatementCounts;
  rssBefore: number;
  peakRss: number;
  /** per request (LOAD_TIMELINE only): [sent at, read at, answered at] (ms since the epoch) */
  timeline?: Array<[number, number, number]>;
  /** LOAD_TIMELINE only: [when, the process's CPU ms so far], every 50 ms */
  cpuTimeline?: Array<[number, number]>;
}

/** Database statements sent by the app (bench/load/statements.ts). */
export interface StatementCounts {
  all: number;
  /** those that name the InboxRequest table */
  inbox: number;
  /** of those, the writes (INSERT, UPDATE, DELETE) */
  inboxWrites: number;
  /** BEGIN / COMMIT / ROLLBACK */
  transactions: number;
}
