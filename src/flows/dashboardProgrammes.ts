// The dashboard's first page (docs/dashboard.md, "Programmes"): every programme with its phase and head counts,
// read in three queries whatever the number of programmes.
import { isoDateOf, localDate } from '../core/localDate.js';
import { programmePhase, type ProgrammePhase } from '../domain/programmes.js';
import type { Db } from '../store/database.js';
import { visibleProgrammes } from '../domain/access.js';
import { coordinatorAccess, type CoordinatorDeps } from './coordinators.js';
import { allProgrammes, programmeHeadCounts } from '../store/dashboard.js';
import { findProgramme } from '../store/programmes.js';

export interface ProgrammeSummary {
  id: string;
  name: string;
  status: string;
  phase: ProgrammePhase;
  startDate: string;
  endDate: string;
  signupDeadline: string;
  mentors: number;
  mentees: number;
  paused: number;
  left: number;
  activePairs: number;
  pausedPairs: number;
  /** a draft matching waits for approval */
  draftWaiting: boolean;
  /** a matching was approved */
  matched: boolean;
}

/** The programmes this coordinator coordinates (an admin of all: every one), with their figures. */
export async function programmeSummaries(deps: CoordinatorDeps, viewer: string, now: Date): Promise<ProgrammeSummary[]> {
  const [all, counts, access] = await Promise.all([
    allProgrammes(deps.db),
    programmeHeadCounts(deps.db),
    coordinatorAccess(deps, viewer),
  ]);
  const programmes = visibleProgrammes(access, all);
  const people = (id: string, match: (role: string, status: string) => boolean) =>
    counts.people.filter((c) => c.programmeId === id && match(c.role, c.status)).reduce((n, c) => n + c.count, 0);
  const pairs = (id: string, status: string) => counts.pairs.find((c) => c.programmeId === id && c.status === status)?.count ?? 0;
  const current = (status: string) => status === 'active' || status === 'paused';
  return programmes.map((p) => {
    const runs = counts.runs.filter((r) => r.programmeId === p.id);
    return {
      id: p.id,
      name: p.name,
      status: p.status,
      phase: programmePhase(p, localDate(now, p.timezone)),
      startDate: isoDateOf(p.startDate),
      endDate: isoDateOf(p.endDate),
      signupDeadline: isoDateOf(p.signupDeadline),
      mentors: people(p.id, (role, status) => role === 'mentor' && current(status)),
      mentees: people(p.id, (role, status) => role === 'mentee' && current(status)),
      paused: people(p.id, (_role, status) => status === 'paused'),
      left: people(p.id, (_role, status) => status === 'withdrawn' || status === 'departed'),
      activePairs: pairs(p.id, 'active'),
      pausedPairs: pairs(p.id, 'paused'),
      draftWaiting: runs.some((r) => r.status === 'draft'),
      matched: runs.some((r) => r.status === 'approved'),
    };
  });
}

/** A programme's name and status, or null: every programme page checks the programme exists first. */
export async function programmeHeading(deps: { db: Db }, programmeId: string) {
  const p = await findProgramme(deps.db, programmeId);
  return p ? { id: p.id, name: p.name, status: p.status } : null;
}
