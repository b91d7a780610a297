import { slotLayout, unmatchedCost } from './assignment.js';
import type { Cohort } from './cohort.js';
import { makeRowScorer } from './rowScorer.js';
import { WEIGHT_SCALE } from './score.js';

/**
 * Checks a linear-programming optimality certificate over the WHOLE cohort, not only the candidate graph:
 * with cost = WEIGHT_SCALE - weight per feasible pair and the "unmatched" cost per mentee, duals u (mentees)
 * and p (mentors) prove the assignment optimal for "most pairs, then the highest total" when
 *  - every feasible pair has a reduced cost cost - u[e] - p[m] >= 0, and a chosen pair exactly 0;
 *  - p[m] <= 0, and p[m] = 0 for a mentor with capacity left;
 *  - a paired mentee has u[e] <= the unmatched cost, an unpaired one u[e] >= it.
 * Scores every pair (mentees x mentors): for tests and audits. Returns the first violation, or null.
 */
export function findCertificateViolation(
  c: Cohort,
  capacity: Int32Array,
  mentorForMentee: Int32Array,
  duals: { mentee: Float64Array; mentor: Float64Array },
): string | null {
  const nE = c.mentees.length;
  const nM = c.mentors.length;
  const slots = slotLayout(capacity).slotMentor.length;
  const big = unmatchedCost(nE, slots);
  const used = new Int32Array(nM);
  for (let e = 0; e < nE; e++) {
    const m = mentorForMentee[e] as number;
    const u = duals.mentee[e] as number;
    if (m < 0 ? u < big : u > big) return `mentee ${e}: potential ${u} against the unmatched cost ${big}`;
    if (m >= 0) used[m] = (used[m] as number) + 1;
  }
  for (let m = 0; m < nM; m++) {
    const p = duals.mentor[m] as number;
    if ((used[m] as number) > (capacity[m] as number)) return `mentor ${m}: over capacity`;
    if (p > 0 || ((used[m] as number) < (capacity[m] as number) && p !== 0)) return `mentor ${m}: potential ${p}`;
  }
  const scorer = makeRowScorer(c);
  const mentorAt = scorer.order;
  for (let e = 0; e < nE; e++) {
    const { weights, length } = scorer.row(e);
    const u = duals.mentee[e] as number;
    const assigned = mentorForMentee[e] as number;
    let assignedFeasible = assigned < 0;
    for (let t = 0; t < length; t++) {
      const w = weights[t] as number;
      if (w < 0) continue;
      const m = mentorAt[t] as number;
      const reduced = WEIGHT_SCALE - w - u - (duals.mentor[m] as number);
      if (reduced < 0) return `pair ${e}-${m}: reduced cost ${reduced} < 0 (it would improve the result)`;
      if (m === assigned) {
        if (reduced !== 0) return `pair ${e}-${m}: chosen but reduced cost ${reduced}`;
        assignedFeasible = true;
      }
    }
    if (!assignedFeasible) return `pair ${e}-${assigned}: chosen but not feasible`;
  }
  return null;
}
