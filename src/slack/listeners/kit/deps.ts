import type { Config } from '../../../config.js';
import type { Clock } from '../../../core/clock.js';
import type { AppLogger } from '../../../logger.js';
import type { AfterAckQueue } from '../../../requests/afterAck.js';
import type { Db } from '../../../store/database.js';
import type { HomeQueue } from '../../homeQueue.js';
import type { SlackPace } from '../../pace.js';

/** What every listener may use: no listener reaches anything else. */
export interface ListenerDeps {
  db: Db;
  config: Config;
  logger: AppLogger;
  clock: Clock;
  /** Where work after an ack takes its turn (one per process). */
  afterAck: Pick<AfterAckQueue, 'run'>;
  /** Slack's rate limits as last heard (Retry-After per method). */
  pace: SlackPace;
  /** App Home publishes: shared by a person's opens while queued (`soon`), or waiting for Slack's rate limit (`later`). */
  home: Pick<HomeQueue, 'later' | 'soon'>;
  /** Whether the event loop is saturated. */
  pressure: { readonly busy: boolean };
  /** Where browsers reach the bot (the coordinator dashboard's links; src/runtime.ts). */
  publicUrl?: () => string;
}
