import { readdirSync, readlinkSync } from 'node:fs';
import { openDatabase } from '../../src/store/database.js';
import { createScratchDatabase } from '../support/databases.js';

/** File descriptors this process holds on the database file (not its -wal / -shm companions). */
function openHandles(dbFile: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === dbFile;
    } catch {
      return false;
    }
  }).length;
}

test('SQLite: transactions reuse the client connection instead of leaking one each (libsql-client-ts#350)', async () => {
  const scratch = await createScratchDatabase('sqlite');
  const db = await openDatabase(scratch.url);
  const file = scratch.url.slice('file:'.length);
  try {
    const before = openHandles(file);
    for (let i = 0; i < 300; i++) {
      await db.client.$transaction(async (tx) => {
        await tx.coordinator.create({ data: { slackUserId: `U${i}` } });
        await tx.coordinator.count();
      });
    }
    // A failing transaction rolls back and leaves the connection usable.
    await expect(
      db.client.$transaction(async (tx) => {
        await tx.coordinator.create({ data: { slackUserId: 'UROLLBACK' } });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.client.coordinator.count()).toBe(300);
    expect(await db.client.coordinator.findUnique({ where: { slackUserId: 'UROLLBACK' } })).toBeNull();
    expect(openHandles(file) - before).toBeLessThanOrEqual(1);
  } finally {
    await db.close();
    await scratch.drop();
  }
});
