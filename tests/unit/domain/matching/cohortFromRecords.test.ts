import {
  cohortFromRecords,
  managementChain,
  type CohortRecords,
  type ParticipantRecord,
  type PairingRecord,
} from '../../../../src/domain/matching/index.js';

const NOW = new Date('2026-03-02T09:00:00Z');

function participant(id: string, role: 'mentor' | 'mentee', overrides: Partial<ParticipantRecord> = {}): ParticipantRecord {
  return {
    id,
    slackUserId: `U${id.toUpperCase()}`,
    role,
    displayName: id,
    seniorityLevel: role === 'mentor' ? 2 : 7,
    department: 'Sales',
    managerSlackId: null,
    timezone: 'Europe/London',
    meetingPreference: 'video',
    capacity: 2,
    status: 'active',
    topics: [{ topicKey: 'ai', kind: role === 'mentor' ? 'teach' : 'learn' }],
    avoid: [],
    ...overrides,
  };
}

function pairing(id: string, mentor: string, mentee: string, overrides: Partial<PairingRecord> = {}): PairingRecord {
  return {
    id,
    status: 'active',
    endReason: null,
    mentorId: mentor,
    menteeId: mentee,
    mentor: { slackUserId: `U${mentor.toUpperCase()}`, status: 'active' },
    mentee: { slackUserId: `U${mentee.toUpperCase()}`, status: 'active' },
    ...overrides,
  };
}

function records(overrides: Partial<CohortRecords> = {}): CohortRecords {
  return {
    programme: {
      id: 'prog',
      name: 'Spring',
      cadenceDays: 14,
      announcementChannel: null,
      timezone: 'UTC',
      minSeniorityGap: 1,
      topics: [{ key: 'ai', label: 'AI' }],
    },
    participants: [
      participant('m1', 'mentor'),
      participant('e2', 'mentee'),
      participant('e1', 'mentee', { status: 'paused', meetingPreference: 'phone' }),
    ],
    pairings: [],
    managers: [],
    earlierPairs: [],
    ...overrides,
  };
}

describe('cohort from records', () => {
  test('candidates in id order, with their topics, the programme rules and labels', () => {
    const cohort = cohortFromRecords(records(), NOW);
    expect(cohort.input.mentors.map((c) => c.participantId)).toEqual(['m1']);
    expect(cohort.input.mentees.map((c) => c.participantId)).toEqual(['e1', 'e2']);
    expect(cohort.input.mentees[0]).toMatchObject({
      status: 'paused',
      meetingPreference: 'either',
      capacity: 1,
      learns: ['ai'],
      teaches: [],
    });
    expect(cohort.input).toMatchObject({ minSeniorityGap: 1, pins: [], referenceDate: NOW, topicLabels: { ai: 'AI' } });
    expect(cohort.programme).toEqual({ id: 'prog', name: 'Spring', cadenceDays: 14, announcementChannel: null, timezone: 'UTC' });
  });

  test('an intact pairing is kept; a broken one is re-matched, never with the same partner', () => {
    const cohort = cohortFromRecords(
      records({
        pairings: [
          pairing('kept', 'm1', 'e2'),
          pairing('asked', 'm1', 'e1', { status: 'paused', endReason: 'rematch_requested' }),
          pairing('left', 'm3', 'e4', {
            mentor: { slackUserId: 'UM3', status: 'departed' },
            mentee: { slackUserId: 'UE4', status: 'active' },
          }),
          pairing('over', 'm5', 'e6', { status: 'ended' }),
        ],
        earlierPairs: [{ mentorSlackUserId: 'UX', menteeSlackUserId: 'UY' }],
      }),
      NOW,
    );
    expect(cohort.input.pairedElsewhere).toEqual([{ mentorId: 'm1', menteeId: 'e2' }]);
    expect(cohort.brokenPairingIds).toEqual(['asked', 'left']);
    expect(cohort.input.pastPairs.map((p) => `${p.mentorSlackUserId}:${p.menteeSlackUserId}`)).toEqual([
      'UM1:UE1',
      'UM3:UE4',
      'UM5:UE6',
      'UX:UY',
    ]);
  });

  test("the management chain prefers this programme's answers and stops at a cycle", () => {
    const managers = [
      { slackUserId: 'UE2', managerSlackId: 'UBOSS-OTHER', programmeId: 'other' },
      { slackUserId: 'UE2', managerSlackId: 'UBOSS', programmeId: 'prog' },
      { slackUserId: 'UBOSS', managerSlackId: 'UCEO', programmeId: 'other' },
      { slackUserId: 'UCEO', managerSlackId: 'UBOSS', programmeId: 'other' },
    ];
    const cohort = cohortFromRecords(records({ managers }), NOW);
    expect(cohort.input.mentees.find((c) => c.participantId === 'e2')?.managementChain).toEqual(['UBOSS', 'UCEO']);
    expect(managementChain(undefined, new Map())).toEqual([]);
  });

  test('the fingerprint changes with what the matcher reads, not with the order records come in', () => {
    const base = cohortFromRecords(records(), NOW).fingerprint;
    expect(cohortFromRecords(records({ participants: [...records().participants].reverse() }), NOW).fingerprint).toBe(base);
    expect(
      cohortFromRecords(
        records({ participants: [participant('m1', 'mentor', { seniorityLevel: 3 }), participant('e2', 'mentee')] }),
        NOW,
      ).fingerprint,
    ).not.toBe(base);
  });
});
