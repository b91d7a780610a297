// recordNudges on PostgreSQL as ONE statement, sent to node-postgres directly (pgPool.ts): the compare-and-set
// UPDATE of the check-ins as read and the INSERT of the messages of those it claimed, in data-modifying CTEs. One
// statement is one transaction, so the claims and their messages commit together or not at all, as in the
// interactive transaction it replaces, in one round trip instead of four. The rows go in as two json parameters,
// taken apart by the server (on the other core) instead of thousands of parameters converted in JavaScript,
// each sent as bytes (pgJsonParameter.ts).
import type pg from 'pg';
import { newRow, outboxJsonRow, OUTBOX_JSON_COLUMNS } from './outbox.js';
import { jsonArrayParameter } from './pgJsonParameter.js';
import type { NudgeStep } from './checkIns.js';

// The UPDATE re-checks its WHERE on a row another replica changed meanwhile (READ COMMITTED), as Prisma's did: of
// two passes that read the same row, one claims it. A key already in the outbox is skipped (ON CONFLICT), as
// enqueueMessagesInBulk skips it. Instants go in as ISO strings: a timestamp without time zone ignores the "Z",
// so they are stored in UTC, as Prisma stores them.
const RECORD_NUDGES = `
WITH claimed AS (
  UPDATE "CheckIn" c
  SET "remindersSent" = s.sent, "nextNudgeAt" = s.next::timestamp(3), "updatedAt" = $3::timestamp(3)
  FROM json_to_recordset($1::json) AS s(id text, status text, reminders int, seen text, sent int, next text)
  WHERE c.id = s.id AND c.status = s.status AND c."remindersSent" = s.reminders
    AND c."nextNudgeAt" IS NOT DISTINCT FROM s.seen::timestamp(3)
  RETURNING c.id
), written AS (
  INSERT INTO "OutboxMessage"
    ("id", "idempotencyKey", "kind", "payloadJson", "status", "attempts", "nextAttemptAt", "channelId", "createdAt", "updatedAt")
  SELECT x.i, x.k, x.t, COALESCE(x.p::text, x.q), 'pending', 0, x.n::timestamp(3), x.c, $3::timestamp(3), $3::timestamp(3)
  FROM json_to_recordset($2::json) AS x(r text, ${OUTBOX_JSON_COLUMNS})
  WHERE x.r IN (SELECT id FROM claimed)
  ON CONFLICT ("idempotencyKey") DO NOTHING
  RETURNING 1
)
SELECT id FROM claimed`;

const instant = (d: Date | null) => (d === null ? 'null' : `"${d.toISOString()}"`);

export async function recordNudgesOnPostgres(pool: pg.Pool, steps: readonly NudgeStep[]): Promise<Set<string>> {
  const str = JSON.stringify;
  const claims = steps.map(
    ({ row, sent, next }) =>
      `{"id":${str(row.id)},"status":${str(row.status)},"reminders":${row.remindersSent},"seen":${instant(row.nextNudgeAt)},"sent":${sent},"next":${instant(next)}}`,
  );
  const messages = steps.flatMap((s) => {
    // The same key twice is written once, the first (keys name their check-in, so two steps never share one).
    const keys = new Set<string>();
    return s.messages
      .filter((m) => !keys.has(m.idempotencyKey) && keys.add(m.idempotencyKey))
      .map((m) => outboxJsonRow(newRow(m), s.row.id));
  });
  const { rows } = await pool.query<{ id: string }>(RECORD_NUDGES, [
    jsonArrayParameter(claims),
    jsonArrayParameter(messages),
    new Date().toISOString(),
  ]);
  return new Set(rows.map((r) => r.id));
}
