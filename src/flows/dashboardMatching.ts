// The dashboard's matching review (docs/dashboard.md, "Matching"): the programme's latest run as a table that
// sorts, filters and pages, and the waitlist with why. Every change goes through the same use cases as the
// Slack preview (src/flows/matching), so both show the same draft and an approval from either is seen by both.
import { findRun } from '../store/matching.js';
import { programmePeople } from '../store/dashboard.js';
import type { Db } from '../store/database.js';
import { draftPreview, latestRunOf } from './matching/index.js';

export const REVIEW_PAGE_SIZE = 100;
export const REVIEW_SORTS = ['score', 'mentor', 'mentee', 'department'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface ReviewQuery {
  q: string;
  /** '' (all), 'pinned' or 'unpinned' */
  pinned: '' | 'pinned' | 'unpinned';
  /** pairs scoring below this are hidden (0 = all) */
  minScore: number;
  sort: ReviewSort;
  dir: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_REVIEW_QUERY: ReviewQuery = { q: '', pinned: '', minScore: 0, sort: 'score', dir: 'desc', page: 1 };

export interface ReviewPerson {
  participantId: string;
  slackUserId: string;
  name: string;
  department: string;
}

export interface ReviewPair {
  id: string;
  mentor: ReviewPerson;
  mentee: ReviewPerson;
  score: number;
  reasons: string[];
  pinned: boolean;
}

export interface ReviewWaitlisted extends ReviewPerson {
  role: 'mentor' | 'mentee';
  reason: string;
  detail: string;
}

export interface MatchingReview {
  run: {
    id: string;
    status: string;
    totalScore: number;
    pairs: number;
    /** pairs already running that a rematch keeps */
    keptPairs: number;
  } | null;
  pairs: ReviewPair[];
  /** pairs the filters keep */
  matching: number;
  page: number;
  pages: number;
  waitlist: ReviewWaitlisted[];
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const SORT_KEYS: Record<ReviewSort, (p: ReviewPair) => string | number> = {
  score: (p) => p.score,
  mentor: (p) => p.mentor.name,
  mentee: (p) => p.mentee.name,
  department: (p) => `${p.mentor.department} ${p.mentee.department}`,
};

/** The pairs the query keeps, sorted (then by score, best first). Pure. */
export function filterPairs(pairs: ReviewPair[], q: ReviewQuery): ReviewPair[] {
  const words = folded(q.q).split(/\s+/).filter(Boolean);
  const kept = pairs.filter(
    (p) =>
      (q.pinned === '' || (q.pinned === 'pinned') === p.pinned) &&
      p.score >= q.minScore &&
      words.every((w) =>
        folded(`${p.mentor.name} ${p.mentee.name} ${p.mentor.department} ${p.mentee.department} ${p.reasons.join(' ')}`).includes(
          w,
        ),
      ),
  );
  const key = SORT_KEYS[q.sort];
  const sign = q.dir === 'desc' ? -1 : 1;
  return kept.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const by = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return sign * by || b.score - a.score || a.id.localeCompare(b.id);
  });
}

/** The latest run of a programme for review (null run: never matched), with one page of its pairs. */
export async function matchingReview(deps: { db: Db }, programmeId: string, query: ReviewQuery): Promise<MatchingReview> {
  const latest = await latestRunOf(deps.db, programmeId);
  const preview = latest ? await draftPreview(deps.db, latest.id) : null;
  if (!preview) return { run: null, pairs: [], matching: 0, page: 1, pages: 1, waitlist: [] };
  const people = new Map((await programmePeople(deps.db, programmeId)).map((p) => [p.id, p] as const));
  const person = (p: { participantId: string; slackUserId: string; displayName: string }): ReviewPerson => ({
    participantId: p.participantId,
    slackUserId: p.slackUserId,
    name: p.displayName || p.slackUserId,
    department: people.get(p.participantId)?.department ?? '',
  });
  const all = preview.pairs.map((p) => ({
    id: p.id,
    mentor: person(p.mentor),
    mentee: person(p.mentee),
    score: p.score,
    reasons: p.reasons,
    pinned: p.pinned,
  }));
  const kept = filterPairs(all, query);
  const pages = Math.max(1, Math.ceil(kept.length / REVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  return {
    run: {
      id: preview.runId,
      status: preview.status,
      totalScore: preview.totalScore,
      pairs: preview.pairs.length,
      keptPairs: preview.keptPairs,
    },
    pairs: kept.slice((page - 1) * REVIEW_PAGE_SIZE, page * REVIEW_PAGE_SIZE),
    matching: kept.length,
    page,
    pages,
    waitlist: preview.unmatched.map((u) => ({
      ...person(u),
      role: u.role,
      reason: u.reason,
      detail: u.detail,
    })),
  };
}

/** Whether a run is one of this programme's (a form names both: a run of another programme is refused). */
export async function isRunOf(deps: { db: Db }, runId: string, programmeId: string): Promise<boolean> {
  return (await findRun(deps.db, runId))?.programmeId === programmeId;
}

/** The active people of a programme by role, for the pin and swap forms, by name. */
export async function matchablePeople(deps: { db: Db }, programmeId: string) {
  const people = (await programmePeople(deps.db, programmeId))
    .filter((p) => p.status === 'active')
    .map((p) => ({ slackUserId: p.slackUserId, name: p.displayName || p.slackUserId, role: p.role, department: p.department }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return { mentors: people.filter((p) => p.role === 'mentor'), mentees: people.filter((p) => p.role === 'mentee') };
}

/** Names of a programme's people by Slack id (refusals name people by id; the dashboard shows their names). */
export async function namesBySlackId(deps: { db: Db }, programmeId: string): Promise<Map<string, string>> {
  return new Map((await programmePeople(deps.db, programmeId)).map((p) => [p.slackUserId, p.displayName || p.slackUserId]));
}
