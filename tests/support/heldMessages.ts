import { eventually } from './eventually.js';
import type { Harness } from './harness.js';

/**
 * Notices wait for their receivers' working hours (docs/delivery-times.md). For a test about something else: moves
 * the clock to when the last message held with a key starting with `prefix` may go, and waits until it is sent.
 * Returns that time (undefined when nothing was held).
 */
export async function deliverHeld(h: Harness, prefix: string): Promise<Date | undefined> {
  const db = h.bot.db.client;
  const held = await eventually(
    async () => {
      const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: prefix } } });
      return rows.length > 0 ? rows : undefined;
    },
    5000,
    `a message ${prefix}…`,
  );
  const last = Math.max(...held.map((r) => r.nextAttemptAt.getTime()));
  if (last <= h.clock.now().getTime()) return undefined;
  h.clock.set(new Date(last));
  await eventually(
    async () =>
      (await db.outboxMessage.count({
        where: { idempotencyKey: { startsWith: prefix }, status: { in: ['pending', 'sending'] } },
      })) === 0,
    5000,
    `${prefix}… sent`,
  );
  return new Date(last);
}
