// A programme's matching input, built from its stored records. Pure: the records and the date are arguments.
import type { MatchCandidate, MatchInput, PairRef, PastPair } from './types.js';

export interface ProgrammeRecord {
  id: string;
  name: string;
  cadenceDays: number;
  announcementChannel: string | null;
  timezone: string;
  minSeniorityGap: number;
  topics: { key: string; label: string }[];
}

export interface ParticipantRecord {
  id: string;
  slackUserId: string;
  role: string;
  displayName: string;
  seniorityLevel: number;
  department: string;
  managerSlackId: string | null;
  timezone: string;
  meetingPreference: string;
  capacity: number;
  status: string;
  topics: { topicKey: string; kind: string }[];
  avoid: { avoidSlackUserId: string }[];
}

export interface PairingRecord {
  id: string;
  status: string;
  endReason: string | null;
  mentorId: string;
  menteeId: string;
  mentor: { slackUserId: string; status: string };
  mentee: { slackUserId: string; status: string };
}

export interface ManagerRecord {
  slackUserId: string;
  managerSlackId: string | null;
  programmeId: string;
}

/** What the store reads for one programme's matching. */
export interface CohortRecords {
  programme: ProgrammeRecord;
  /** Active and paused participants of the programme. */
  participants: ParticipantRecord[];
  /** The programme's active, paused and ended pairings. */
  pairings: PairingRecord[];
  /** Everyone with a known manager, in any programme. */
  managers: ManagerRecord[];
  /** Pairs of other programmes (never the same two people again). */
  earlierPairs: PastPair[];
}

/** A matching input for one programme, with what approval needs to know besides the matcher's input. */
export interface LoadedCohort {
  programme: Omit<ProgrammeRecord, 'topics' | 'minSeniorityGap'>;
  /** Without pins: those belong to a draft. */
  input: MatchInput;
  /** Everything the matcher reads, as one string: a draft computed from another one is stale. */
  fingerprint: string;
  /** Pairings of this programme that a departure, a withdrawal or a rematch request broke. */
  brokenPairingIds: string[];
}

/** The end reason of a pairing whose member said "This isn't working". */
export const REMATCH_REQUESTED = 'rematch_requested';
const GONE = new Set(['withdrawn', 'departed']);
const MAX_CHAIN = 20;

function sortBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The topics someone teaches or learns, as sorted keys. */
export function topicKeys(topics: readonly { kind: string; topicKey: string }[], kind: 'teach' | 'learn'): string[] {
  return topics
    .filter((t) => t.kind === kind)
    .map((t) => t.topicKey)
    .sort();
}

/** Managers above `start`, nearest first (a cycle or a very long chain stops). */
export function managementChain(start: string | undefined, managerOf: ReadonlyMap<string, string>): string[] {
  const chain: string[] = [];
  let next = start ? managerOf.get(start) : undefined;
  while (next && !chain.includes(next) && chain.length < MAX_CHAIN) {
    chain.push(next);
    next = managerOf.get(next);
  }
  return chain;
}

/** Who manages whom; this programme's answers win over another programme's. */
export function managerMap(managers: ManagerRecord[], programmeId: string): Map<string, string> {
  const managerOf = new Map<string, string>();
  for (const m of sortBy(managers, (x) => (x.programmeId === programmeId ? '1' : '0')))
    if (m.managerSlackId) managerOf.set(m.slackUserId, m.managerSlackId);
  return managerOf;
}

/** A pairing to replace: ended, a member left, or one of them asked for a rematch. */
export function isBroken(p: PairingRecord): boolean {
  return p.status === 'ended' || GONE.has(p.mentor.status) || GONE.has(p.mentee.status) || p.endReason === REMATCH_REQUESTED;
}

export function candidateOf(p: ParticipantRecord, managerOf: ReadonlyMap<string, string>): MatchCandidate {
  return {
    participantId: p.id,
    slackUserId: p.slackUserId,
    role: p.role === 'mentor' ? 'mentor' : 'mentee',
    displayName: p.displayName || p.slackUserId,
    seniorityLevel: p.seniorityLevel,
    department: p.department,
    ...(p.managerSlackId ? { managerSlackId: p.managerSlackId } : {}),
    managementChain: managementChain(p.slackUserId, managerOf),
    teaches: topicKeys(p.topics, 'teach'),
    learns: topicKeys(p.topics, 'learn'),
    timezone: p.timezone,
    meetingPreference: p.meetingPreference === 'video' || p.meetingPreference === 'in_person' ? p.meetingPreference : 'either',
    capacity: p.role === 'mentor' ? p.capacity : 1,
    status: p.status === 'paused' ? 'paused' : 'active',
    avoidSlackUserIds: p.avoid.map((a) => a.avoidSlackUserId).sort(),
  };
}

/**
 * The people of a programme to (re-)match. People in an intact pairing keep it (pairedElsewhere); the
 * partners of a broken pairing and the waitlist are matched again.
 */
export function cohortFromRecords(records: CohortRecords, now: Date): LoadedCohort {
  const { programme } = records;
  const managerOf = managerMap(records.managers, programme.id);
  const pastPairs: PastPair[] = [...records.earlierPairs];
  const pairedElsewhere: PairRef[] = [];
  const brokenPairingIds: string[] = [];
  for (const p of records.pairings) {
    if (!isBroken(p)) {
      pairedElsewhere.push({ mentorId: p.mentorId, menteeId: p.menteeId });
      continue;
    }
    if (p.status !== 'ended') brokenPairingIds.push(p.id);
    // Never the same two people again.
    pastPairs.push({ mentorSlackUserId: p.mentor.slackUserId, menteeSlackUserId: p.mentee.slackUserId });
  }
  const candidates = sortBy(records.participants, (p) => p.id).map((p) => candidateOf(p, managerOf));
  const input: MatchInput = {
    mentors: candidates.filter((c) => c.role === 'mentor'),
    mentees: candidates.filter((c) => c.role === 'mentee'),
    minSeniorityGap: programme.minSeniorityGap,
    pins: [],
    pastPairs: sortBy(pastPairs, (p) => `${p.mentorSlackUserId}:${p.menteeSlackUserId}`),
    pairedElsewhere: sortBy(pairedElsewhere, (p) => `${p.mentorId}:${p.menteeId}`),
    referenceDate: now,
    topicLabels: Object.fromEntries(programme.topics.map((t) => [t.key, t.label])),
  };
  const fingerprint = JSON.stringify({
    // A new name (Slack's user_change) changes nobody's match: it does not make a draft stale.
    candidates: candidates.map(({ displayName: _name, ...matched }) => matched),
    gap: input.minSeniorityGap,
    past: input.pastPairs,
    elsewhere: input.pairedElsewhere,
    topics: input.topicLabels,
  });
  const { id, name, cadenceDays, announcementChannel, timezone } = programme;
  return { programme: { id, name, cadenceDays, announcementChannel, timezone }, input, fingerprint, brokenPairingIds };
}
