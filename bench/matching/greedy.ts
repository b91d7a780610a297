import type { WeightedPairs } from '../../src/domain/matching/index.js';

/** The baseline the requirements warn about: best remaining pair first. */
export function greedyAssignment(pairs: WeightedPairs, capacity: Int32Array): Int32Array {
  const mentees = pairs.start.length - 1;
  const total = pairs.mentor.length;
  const span = 2 ** 26;
  if (total >= span) throw new RangeError('too many pairs for the greedy baseline');
  const keys = new Float64Array(total);
  const owner = new Int32Array(total);
  for (let e = 0; e < mentees; e++) {
    for (let k = pairs.start[e] as number; k < (pairs.start[e + 1] as number); k++) {
      keys[k] = (pairs.weight[k] as number) * span + (span - 1 - k);
      owner[k] = e;
    }
  }
  keys.sort();
  const room = Int32Array.from(capacity);
  const mentorForMentee = new Int32Array(mentees).fill(-1);
  for (let i = total - 1; i >= 0; i--) {
    const k = span - 1 - ((keys[i] as number) % span);
    const e = owner[k] as number;
    const m = pairs.mentor[k] as number;
    if (mentorForMentee[e] !== -1 || (room[m] as number) === 0) continue;
    mentorForMentee[e] = m;
    room[m] = (room[m] as number) - 1;
  }
  return mentorForMentee;
}
