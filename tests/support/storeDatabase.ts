import { openDatabase, type Database, type OpenOptions } from '../../src/store/database.js';
import type { DatabaseKind } from '../../src/store/databaseUrl.js';
import type { NewProgramme } from '../../src/store/programmes.js';
import { createScratchDatabase, type ScratchDatabase } from './databases.js';

/** The scratch database of one describe block, open from its beforeAll to its afterAll. */
export interface ScratchStore {
  /** The open, migrated database. */
  readonly db: Database;
  /** Its URL, to open it again. */
  readonly url: string;
  /** Opens the same database a second time (another pool, as another replica would have); closed before `db`. */
  openAnother(options?: OpenOptions): Promise<Database>;
}

/**
 * Registers, in the calling describe block, a beforeAll that creates an empty database of this kind, opens it
 * (migrated) and runs `seed` on it, and an afterAll that closes every open of it and drops it.
 */
export function useScratchDatabase(kind: DatabaseKind, seed?: (db: Database) => Promise<void>): ScratchStore {
  let scratch: ScratchDatabase | undefined;
  let db: Database | undefined;
  const others: Database[] = [];
  const opened = () => {
    if (!scratch || !db) throw new Error('the scratch database is opened in beforeAll: use it inside a hook or a test');
    return { scratch, db };
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(kind);
    db = await openDatabase(scratch.url);
    await seed?.(db);
  });
  afterAll(async () => {
    for (const other of others.reverse()) await other.close();
    await db?.close();
    await scratch?.drop();
  });

  return {
    get db() {
      return opened().db;
    },
    get url() {
      return opened().scratch.url;
    },
    async openAnother(options) {
      const other = await openDatabase(opened().scratch.url, options);
      others.push(other);
      return other;
    },
  };
}

/**
 * A programme as the store tests create it: "Spring", 30 March to 30 September 2026 (UTC), signup until 16 March,
 * a check-in every 14 days, no announcement channel. `overrides` replaces any field.
 */
export function aProgramme(overrides: Partial<NewProgramme> = {}): NewProgramme {
  return {
    id: 'prog-1',
    name: 'Spring',
    startDate: new Date('2026-03-30T00:00:00Z'),
    endDate: new Date('2026-09-30T00:00:00Z'),
    durationMonths: 6,
    cadenceDays: 14,
    minSeniorityGap: 1,
    objectives: '',
    signupDeadline: new Date('2026-03-16T00:00:00Z'),
    announcementChannel: null,
    timezone: 'UTC',
    createdBySlackId: 'U0COORD',
    ...overrides,
  };
}
