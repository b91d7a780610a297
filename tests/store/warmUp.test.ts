// The request path's warm-up on both databases: signed requests go through a receiver of its own and the inbox's
// records in transactions rolled back; nothing is kept, nothing is dispatched, and a bot starts warmed.
import type { Db } from '../../src/store/database.js';
import * as inbox from '../../src/store/inbox.js';
import { inboxRecords } from '../../src/flows/inbox.js';
import { DurableInbox } from '../../src/requests/inbox.js';
import { warmUpRequestPath } from '../../src/requests/warmUp.js';
import { createLogger } from '../../src/logger.js';
import { testDatabaseKinds } from '../support/databases.js';
import { useScratchDatabase } from '../support/storeDatabase.js';
import { startHarness } from '../support/harness.js';

const T0 = new Date('2026-04-06T09:00:00Z');
const lease = { owner: 'warm-up-test', until: new Date(T0.getTime() + 60_000) };
const req = (key: string) => ({ requestKey: key, kind: 'block_actions', bodyJson: JSON.stringify({ trigger_id: key }) });
const SECRET = 'warm-up-test-secret';

describe.each(testDatabaseKinds())('the request path warm-up on %s', (kind) => {
  let c: Db;
  useScratchDatabase(kind, async (db) => {
    c = db.client;
  });

  test('rehearsed records answer as new records do, and none is kept', async () => {
    await inbox.recordRequests(c, [req('kept')], lease, T0);
    const rehearsed = await inbox.rehearseRecords(c, [req('a'), req('kept'), req('b'), req('a')], lease, T0);
    expect(rehearsed.map((e) => e?.requestKey ?? null)).toEqual(['a', null, 'b', null]);
    // rolled back: the same keys are new again, and only the real record is in the table
    const again = await inbox.rehearseRecords(c, [req('a'), req('b')], lease, T0);
    expect(again.map((e) => e?.requestKey)).toEqual(['a', 'b']);
    expect((await c.inboxRequest.findMany({ select: { requestKey: true } })).map((r) => r.requestKey)).toEqual(['kept']);
  });

  test('every warm-up request is answered 200 and rehearsed in the inbox; no record is kept, nothing dispatched', async () => {
    const records = inboxRecords(c);
    const rehearsed: string[] = [];
    let kept = 0;
    const store = {
      ...records,
      recordRequests: async (...args: Parameters<typeof records.recordRequests>) => {
        kept += args[0].length;
        return records.recordRequests(...args);
      },
      rehearseRecords: async (...args: Parameters<typeof records.rehearseRecords>) => {
        rehearsed.push(...args[0].map((r) => r.requestKey));
        return records.rehearseRecords(...args);
      },
    };
    const redelivered: unknown[] = [];
    const logLines: string[] = [];
    const durable = new DurableInbox({
      store,
      logger: createLogger('debug', 'test', (l) => logLines.push(l)),
      redeliver: async (body) => void redelivered.push(body),
      giveUp: async () => undefined,
    });
    const warmed = await warmUpRequestPath({
      signingSecret: SECRET,
      logger: createLogger('debug', 'test', (l) => logLines.push(l)),
      inbox: durable,
      requests: 60,
      concurrency: 12,
    });
    expect(warmed).toMatchObject({ requests: 60, refused: 0 });
    expect(new Set(rehearsed).size).toBe(60); // clicks and commands by trigger id, events by event id
    expect(kept).toBe(0);
    expect(redelivered).toEqual([]);
    expect(await c.inboxRequest.count({ where: { requestKey: { not: 'kept' } } })).toBe(0);
    expect(logLines.filter((l) => /error|warn/i.test(l))).toEqual([]);
  });

  test('a bot warms up before it listens: its log says so, and no request, record or Slack call remains', async () => {
    const h = await startHarness(kind, { env: { WARM_UP_REQUESTS: '40', LOG_LEVEL: 'info' } });
    try {
      expect(h.logLines.some((l) => l.includes('warmed up: 40 requests through the request path'))).toBe(true);
      expect(await h.bot.db.client.inboxRequest.count()).toBe(0);
      expect(h.emulator.calls.map((call) => call.method).filter((m) => m !== 'auth.test')).toEqual([]);
      const metrics = await (await fetch(`http://127.0.0.1:${h.bot.port}/metrics`)).text();
      expect(metrics).not.toMatch(/^rm_slack_requests_total\{.*\} [1-9]/m);
    } finally {
      await h.stop();
    }
  });
});
