// Where a pair's introduction went (docs/delivery-times.md): one `match-intro:<pairingId>` in the pair's group DM,
// or, for a pair with no working hour in common, one `match-intro:<pairingId>:dm:<member>` in each member's own DM.
import type { Harness } from './harness.js';

/** The conversations the introduction of this pair was written for, after checking it is one of the two shapes. */
export async function introChannels(h: Harness, pairingId: string, mentor: string, mentee: string): Promise<string[]> {
  const rows = await h.bot.db.client.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: `match-intro:${pairingId}` } },
    orderBy: { idempotencyKey: 'asc' },
  });
  const shape = rows.map((r) => [r.idempotencyKey, (JSON.parse(r.payloadJson) as { to: unknown }).to]);
  if (rows.length === 1) {
    expect(shape).toEqual([[`match-intro:${pairingId}`, { users: [mentor, mentee] }]]);
    return [h.emulator.channelFor([mentor, mentee])];
  }
  const own = [mentor, mentee].sort().map((u) => [`match-intro:${pairingId}:dm:${u}`, { users: [u] }]);
  expect(shape).toEqual(own.sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  return [h.emulator.channelFor([mentor]), h.emulator.channelFor([mentee])];
}
