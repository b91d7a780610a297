// Coordinators see feedback only through releases: batches of answers of one kind, published at once when
// the batch holds at least MIN_AGGREGATE_RESPONSES answers from as many different people. Published figures
// are never recomputed backwards, so no two views of them differ by one person's answer (docs/feedback.md).
import { meetsThreshold, MIN_AGGREGATE_RESPONSES } from './report/threshold.js';

export const RELEASED_KINDS = ['checkin', 'midpoint', 'final'] as const;

/** Whether the answers waiting for release (one entry per answer, by its author) may be published together. */
export function isCompleteBatch(pendingAuthors: readonly string[]): boolean {
  return meetsThreshold(pendingAuthors.length, new Set(pendingAuthors).size);
}

/** The stand-in for a person who deleted their data: one per person, so counts of different people do not move. */
export const erasedPersonKey = (randomId: string): string => `erased:${randomId}`;

export interface ReleaseCommenters {
  releaseId: string;
  releasedAt: Date;
  /** the people (stand-ins) whose released copies in this release hold words */
  commenters: readonly string[];
}

/**
 * The releases whose comments go when someone deletes their data: theirs, and as many of the nearest other
 * releases of the same kind as it takes for the comments withdrawn to be those of at least
 * MIN_AGGREGATE_RESPONSES people (an edit released later can leave fewer in a release). So a comment that
 * vanishes from an export points at no single person.
 */
export function releasesToWithdraw(releases: readonly ReleaseCommenters[], own: readonly string[]): string[] {
  const chosen = new Set(own);
  const people = () => new Set(releases.filter((r) => chosen.has(r.releaseId)).flatMap((r) => r.commenters)).size;
  const ownTimes = releases.filter((r) => chosen.has(r.releaseId)).map((r) => r.releasedAt.getTime());
  const distance = (r: ReleaseCommenters) => Math.min(...ownTimes.map((t) => Math.abs(r.releasedAt.getTime() - t)));
  const others = releases
    .filter((r) => !chosen.has(r.releaseId) && r.commenters.length > 0)
    .sort((a, b) => distance(a) - distance(b) || a.releaseId.localeCompare(b.releaseId));
  for (const r of others) {
    if (people() >= MIN_AGGREGATE_RESPONSES) break;
    chosen.add(r.releaseId);
  }
  return [...chosen];
}
