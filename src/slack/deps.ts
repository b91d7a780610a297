import type { Config } from '../config.js';
import type { Clock } from '../jobs/clock.js';
import type { AppLogger } from '../logger.js';
import type { Db } from '../store/database.js';

/** What every listener may use: no listener reaches anything else. */
export interface ListenerDeps {
  db: Db;
  config: Config;
  logger: AppLogger;
  clock: Clock;
  /** Whether the event loop is saturated (default: this process's `loopPressure`); tests pass their own. */
  pressure?: { readonly busy: boolean };
}
