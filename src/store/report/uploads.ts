import type { Db } from '../database.js';
import { isUniqueViolation } from '../errors.js';

/**
 * Claims one upload (a report's CSV export or chart, for one person): false when it was already claimed,
 * by a double click or a second press on the same report. A failed upload releases its claim.
 */
export async function claimReportUpload(db: Db, key: string, at: Date): Promise<boolean> {
  try {
    await db.processedEvent.create({ data: { eventId: key, type: 'report.upload', receivedAt: at } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export async function releaseReportUpload(db: Db, key: string): Promise<void> {
  await db.processedEvent.deleteMany({ where: { eventId: key } });
}
