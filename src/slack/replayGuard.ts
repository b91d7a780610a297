import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Clock } from '../core/clock.js';
import type { Db } from '../store/database.js';
import { isFirstDelivery, replayKeyOf } from '../flows/replays.js';

/**
 * Global middleware: a replayed command, click or submission (same trigger id) is acknowledged and goes no
 * further, so it changes nothing (docs/request-lifecycle.md, "Replays"). It writes no log line: a flood of
 * replays cannot fill the log.
 */
export function replayGuard(deps: { db: Db; clock: Clock }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    // Commands are checked by the command dispatcher, within its ack budget (kit/commands.ts).
    const replay = isCommand(args.body) ? undefined : replayKeyOf(args.body);
    if (replay && !(await isFirstDelivery(deps.db, replay.key, replay.type, deps.clock.now()))) {
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}

const isCommand = (body: unknown): boolean => typeof (body as { command?: unknown } | null)?.command === 'string';
