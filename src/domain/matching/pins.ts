import { findViolation, isPrivateConstraint, makeConstraintRules, PAIR_CANNOT_BE_MADE } from './constraints.js';
import { mentorCapacity } from './score.js';
import type { MatchCandidate, MatchInput, PairRef, PinError } from './types.js';

type PinInput = Pick<MatchInput, 'mentors' | 'mentees' | 'minSeniorityGap' | 'pastPairs'>;

/** Whether one pin can stand on its own: both people exist, and the pair breaks no hard constraint. */
export function checkPin(pin: PairRef, input: PinInput): PinError | null {
  const mentor = input.mentors.find((p) => p.participantId === pin.mentorId);
  const mentee = input.mentees.find((p) => p.participantId === pin.menteeId);
  if (!mentor || !mentee) {
    const missing = [!mentor ? `mentor ${pin.mentorId}` : null, !mentee ? `mentee ${pin.menteeId}` : null].filter(Boolean);
    return { ...pin, problem: 'unknown_participant', message: `pinned pair refers to an unknown ${missing.join(' and ')}` };
  }
  const violation = findViolation(mentor, mentee, makeConstraintRules(input.minSeniorityGap, input.pastPairs));
  if (violation) {
    return {
      ...pin,
      problem: 'constraint',
      message: isPrivateConstraint(violation.constraint)
        ? `pin ${mentor.displayName} - ${mentee.displayName}: ${PAIR_CANNOT_BE_MADE}`
        : `pin ${mentor.displayName} - ${mentee.displayName} breaks a hard constraint (${violation.constraint}): ${violation.message}`,
    };
  }
  return null;
}

/** All pins together: each on its own, plus duplicates, mentees pinned twice or paired elsewhere, capacity. */
export function checkPins(input: PinInput & Pick<MatchInput, 'pins' | 'pairedElsewhere'>): PinError[] {
  const errors: PinError[] = [];
  const seenMentee = new Map<string, PairRef>();
  const used = new Map<string, number>();
  const elsewhereMentees = new Set((input.pairedElsewhere ?? []).map((p) => p.menteeId));
  for (const p of input.pairedElsewhere ?? []) used.set(p.mentorId, (used.get(p.mentorId) ?? 0) + 1);
  // Built only for pins: a match without any (the usual one) skips a pass over the mentors.
  const mentorsById = new Map(input.pins.length > 0 ? input.mentors.map((m) => [m.participantId, m] as const) : []);
  for (const pin of input.pins) {
    const single = checkPin(pin, input);
    if (single) {
      errors.push(single);
      continue;
    }
    const earlier = seenMentee.get(pin.menteeId);
    if (earlier) {
      errors.push({
        ...pin,
        problem: 'duplicate',
        message:
          earlier.mentorId === pin.mentorId
            ? `the pair ${pin.mentorId} - ${pin.menteeId} is pinned twice`
            : `mentee ${pin.menteeId} is pinned to both ${earlier.mentorId} and ${pin.mentorId}`,
      });
      continue;
    }
    if (elsewhereMentees.has(pin.menteeId)) {
      errors.push({ ...pin, problem: 'duplicate', message: `mentee ${pin.menteeId} is already paired outside this run` });
      continue;
    }
    seenMentee.set(pin.menteeId, pin);
    const mentor = mentorsById.get(pin.mentorId) as MatchCandidate;
    const count = (used.get(pin.mentorId) ?? 0) + 1;
    used.set(pin.mentorId, count);
    const capacity = mentorCapacity(mentor);
    if (count > capacity) {
      errors.push({
        ...pin,
        problem: 'capacity',
        message: `${mentor.displayName} can take ${capacity} mentee${capacity === 1 ? '' : 's'}; this pin would be number ${count}`,
      });
    }
  }
  return errors;
}
