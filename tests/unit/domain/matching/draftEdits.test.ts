import {
  draftInput,
  draftUnmatched,
  exclusionsOf,
  isEditRefusal,
  pinRequest,
  pinsThatHold,
  planSwap,
  rerunPlan,
  swapPair,
  unmatchedAfterRemoval,
  type UnmatchedEntry,
} from '../../../../src/domain/matching/index.js';
import { input, person } from './support.js';

const ola = person('mentor', { participantId: 'ola', displayName: 'Ola', capacity: 1 });
const sam = person('mentor', { participantId: 'sam', displayName: 'Sam', seniorityLevel: 5 });
const kim = person('mentee', { participantId: 'kim', displayName: 'Kim' });
const lou = person('mentee', { participantId: 'lou', displayName: 'Lou' });
const removed = (participantId: string, role: 'mentor' | 'mentee', removedWith: string): UnmatchedEntry => ({
  participantId,
  role,
  reason: 'removed',
  detail: 'removed from a pair by a coordinator',
  removedWith,
});

describe("a coordinator's draft", () => {
  test('pairs removed by a coordinator are kept apart on a re-run', () => {
    const cohort = input([ola, sam], [kim, lou]);
    const apart = [removed('ola', 'mentor', 'kim'), removed('kim', 'mentee', 'ola')];
    expect(exclusionsOf(apart, cohort)).toEqual([{ mentorSlackUserId: ola.slackUserId, menteeSlackUserId: kim.slackUserId }]);
    expect(draftInput(cohort, [], apart).pastPairs).toEqual([
      { mentorSlackUserId: ola.slackUserId, menteeSlackUserId: kim.slackUserId },
    ]);
  });

  test("a re-run keeps the pins that still hold; a new pin replaces the mentee's earlier one and brings removed people back", () => {
    const cohort = input([ola, sam], [kim, lou]);
    expect(
      pinsThatHold(cohort, [
        { mentorId: 'ola', menteeId: 'kim' },
        { mentorId: 'sam', menteeId: 'lou' },
      ]),
    ).toEqual([{ mentorId: 'ola', menteeId: 'kim' }]);
    const apart = [
      removed('ola', 'mentor', 'kim'),
      removed('kim', 'mentee', 'ola'),
      { participantId: 'lou', role: 'mentee' as const, reason: 'capacity' as const, detail: '' },
    ];
    expect(rerunPlan(cohort, [], apart)).toEqual({ pins: [], keepApart: apart.slice(0, 2) });
    expect(rerunPlan(cohort, [{ mentorId: 'sam', menteeId: 'kim' }], apart, { mentorId: 'ola', menteeId: 'kim' })).toEqual({
      pins: [{ mentorId: 'ola', menteeId: 'kim' }],
      keepApart: [],
    });
  });

  test('the new waitlist keeps "removed" for someone still unmatched, once per person', () => {
    const result = {
      ok: true as const,
      pairs: [],
      unmatched: [{ participantId: 'kim', role: 'mentee' as const, reason: 'no_feasible_partner' as const, detail: 'x' }],
      totalScore: 0,
      stats: { solver: 'none' as const, exact: true, mentees: 1, mentorSlots: 0, candidatePairs: 0, certificationRounds: 0 },
    };
    expect(draftUnmatched(result, [removed('kim', 'mentee', 'ola')])).toEqual([removed('kim', 'mentee', 'ola')]);
    expect(draftUnmatched(result, [])).toEqual([
      { participantId: 'kim', role: 'mentee', reason: 'no_feasible_partner', detail: 'x' },
    ]);
  });

  test('removing a pair puts both on the waitlist (the mentor only when no other mentee is left)', () => {
    expect(unmatchedAfterRemoval([], { mentorId: 'ola', menteeId: 'kim' }, false)).toEqual([
      removed('ola', 'mentor', 'kim'),
      removed('kim', 'mentee', 'ola'),
    ]);
    expect(unmatchedAfterRemoval([removed('kim', 'mentee', 'sam')], { mentorId: 'ola', menteeId: 'kim' }, true)).toEqual([
      removed('kim', 'mentee', 'ola'),
    ]);
  });

  test('a pin needs an active mentor and mentee of the programme, the mentee not already paired', () => {
    const cohort = input([ola], [kim, lou], { pairedElsewhere: [{ mentorId: 'ola', menteeId: 'lou' }] });
    expect(pinRequest(cohort, ola.slackUserId, kim.slackUserId)).toEqual({ mentorId: 'ola', menteeId: 'kim' });
    expect(pinRequest(cohort, kim.slackUserId, kim.slackUserId)).toEqual({
      reason: 'not_a_mentor',
      slackUserId: kim.slackUserId,
    });
    expect(pinRequest(cohort, ola.slackUserId, 'UNOBODY')).toEqual({ reason: 'not_a_mentee', slackUserId: 'UNOBODY' });
    expect(pinRequest(cohort, ola.slackUserId, lou.slackUserId)).toEqual({
      reason: 'already_paired',
      slackUserId: lou.slackUserId,
    });
  });

  test('a swap needs two different people of one role, both in the programme', () => {
    const cohort = input([ola, sam], [kim, lou]);
    expect(swapPair(cohort, kim.slackUserId, kim.slackUserId)).toEqual({ reason: 'same_person' });
    expect(swapPair(cohort, kim.slackUserId, 'UNOBODY')).toEqual({ reason: 'not_in_draft', slackUserId: 'UNOBODY' });
    expect(swapPair(cohort, ola.slackUserId, kim.slackUserId)).toMatchObject({
      reason: 'different_roles',
      a: { role: 'mentor' },
      b: { role: 'mentee' },
    });
    expect(isEditRefusal(swapPair(cohort, kim.slackUserId, lou.slackUserId) as object)).toBe(false);
  });

  test("a swap exchanges partners (the waitlisted one takes the other's place) or is refused with every problem", () => {
    const cohort = input([ola, sam], [kim, lou]);
    const swapped = planSwap(
      cohort,
      kim,
      lou,
      [{ id: 'p1', mentorId: 'ola', menteeId: 'kim' }],
      [{ participantId: 'lou', role: 'mentee', reason: 'capacity', detail: '' }],
    );
    if (isEditRefusal(swapped)) throw new Error(swapped.reason);
    expect(swapped.pairs).toMatchObject([{ id: 'p1', mentorId: 'ola', menteeId: 'lou' }]);
    expect(swapped.unmatched).toEqual([
      { participantId: 'kim', role: 'mentee', reason: 'removed', detail: 'swapped out by a coordinator' },
    ]);

    expect(planSwap(cohort, kim, lou, [], [])).toEqual({ reason: 'no_partners' });
    const refused = planSwap(
      cohort,
      ola,
      sam,
      [
        { id: 'p1', mentorId: 'ola', menteeId: 'kim' },
        { id: 'p2', mentorId: 'ola', menteeId: 'lou' },
      ],
      [],
    );
    expect(refused).toMatchObject({ reason: 'swap_breaks_rules' });
    const kinds = isEditRefusal(refused) && refused.reason === 'swap_breaks_rules' ? refused.problems.map((p) => p.kind) : [];
    expect(kinds).toEqual(['constraint', 'constraint', 'capacity']);
  });
});
