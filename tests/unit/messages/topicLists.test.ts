// A programme may have 100 topics of 75 characters (TOPIC_LIMITS) and a person may pick every one; free text is
// escaped, which can make it five times longer. Every message and view that lists them must still be one Slack
// accepts: a section's or context's text holds at most 3,000 characters (docs.slack.dev, composition objects:
// text), or chat.postMessage answers invalid_blocks and views.open / views.publish fail.
import type { types } from '@slack/bolt';
import { validateBlocks } from '../../../src/devtools/emulator/blockKit.js';
import { TOPIC_LIMITS } from '../../../src/domain/programmeEdits.js';
import type { Topic } from '../../../src/domain/topics.js';
import { profileModal } from '../../../src/messages/digestReplies.js';
import { feedbackModal, surveyModal } from '../../../src/messages/feedback.js';
import { homeView } from '../../../src/messages/home.js';
import { introMessage } from '../../../src/messages/matching/messages.js';
import { programmeOpenedMessages } from '../../../src/messages/programmes/programmeOpened.js';
import { signupConfirmation } from '../../../src/messages/signup/signupConfirmation.js';
import { homeParticipation } from './homeParticipation.js';

const TEXT_MAX = 3000;
const topics: Topic[] = Array.from({ length: TOPIC_LIMITS.count }, (_, i) => ({
  key: `topic-${i}`,
  label: `Topic ${i}: R&D, M&A & <things> `.padEnd(TOPIC_LIMITS.label, '&'),
  direction: i % 2 === 0 ? 'upward' : 'downward',
}));
const keys = topics.map((t) => t.key);
const labels = topics.map((t) => t.label);

/** Every text a section or context block holds, each within 3,000 characters; and nothing else Slack refuses. */
function expectWithinLimits(blocks: readonly (types.KnownBlock | types.Block)[], maxBlocks = 50) {
  expect(validateBlocks(blocks, '/blocks', maxBlocks)).toEqual([]);
  for (const b of blocks as types.KnownBlock[]) {
    const texts =
      b.type === 'section'
        ? [b.text?.text ?? '']
        : b.type === 'context'
          ? b.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : ''))
          : [];
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(TEXT_MAX);
  }
}

describe('messages listing every topic of a full catalogue stay within Slack limits', () => {
  test('the introduction of a pair who picked every topic', () => {
    const person = (slackUserId: string) => ({
      slackUserId,
      displayName: 'Someone',
      title: 'Head of R&D',
      department: 'R&D',
      timezone: 'Europe/London',
      teaches: keys,
      learns: keys,
    });
    const m = introMessage(
      {
        pairingId: 'pair-1',
        mentor: person('U1'),
        mentee: person('U2'),
        cadenceDays: 21,
        firstCheckInDue: new Date('2026-04-06T00:00:00Z'),
      },
      'Spring',
      Object.fromEntries(topics.map((t) => [t.key, t.label])),
      new Date('2026-03-30T09:00:00Z'),
    );
    expectWithinLimits(m.blocks!);
    // both people are introduced, however long the first one's lists
    const texts = (m.blocks as types.KnownBlock[]).map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''));
    expect(texts.some((t) => t.startsWith('*<@U1>* (Head of R&amp;D, R&amp;D), mentor: teaches Topic 0'))).toBe(true);
    expect(texts.some((t) => t.startsWith('*<@U2>* (Head of R&amp;D, R&amp;D), mentee: learns Topic 0'))).toBe(true);
  });

  test('the signup confirmation', () => {
    const m = signupConfirmation({
      created: true,
      programmeName: 'Spring',
      signupDeadline: '2026-03-16',
      startDate: '2026-03-30',
      role: 'mentor',
      seniorityLevel: 1,
      generation: 'gen-z',
      department: 'R&D',
      teaches: keys,
      learns: keys,
      meetingPreference: 'video',
      capacity: 1,
      avoidCount: 0,
      timezone: 'Europe/London',
      topics,
    });
    expectWithinLimits(m.blocks);
  });

  test("App Home: the profile and one's own feedback", () => {
    const view = homeView({
      isCoordinator: false,
      openProgrammes: 0,
      programmes: [],
      participations: [
        homeParticipation({
          teaches: labels,
          learns: labels,
          feedback: Array.from({ length: 5 }, () => ({
            kind: 'checkin',
            on: '2026-04-06',
            rating: 5,
            progress: null,
            recommendScore: null,
            text: '&'.repeat(1000),
            topics: labels,
          })),
        }),
      ],
    });
    expectWithinLimits(view.blocks, 100);
  });

  test("a coordinator's view of a profile", () => {
    const view = profileModal({
      slackUserId: 'U1',
      displayName: 'Someone',
      title: 'Head of R&D',
      programmeName: 'Spring',
      role: 'mentor',
      status: 'active',
      department: 'R&D',
      seniorityLevel: 1,
      careerStage: 'Early career',
      generation: 'Gen Z',
      meetingPreference: 'video',
      timezone: 'Europe/London',
      capacity: 1,
      teaches: labels,
      learns: labels,
      goals: '&'.repeat(1000),
    });
    expectWithinLimits(view.blocks as types.KnownBlock[], 100);
  });

  test("the coordinator's note that a programme opened, with objectives full of ampersands", () => {
    const [note] = programmeOpenedMessages({
      id: 'prog-1',
      coordinatorId: 'U1',
      timezone: 'Europe/London',
      name: 'Spring',
      objectives: 'R&D '.repeat(500),
      signupDeadline: '2026-03-16',
      startDate: '2026-03-30',
      durationMonths: 6,
      cadenceDays: 21,
      minSeniorityGap: 2,
    });
    expectWithinLimits(note!.blocks!);
  });

  test('the feedback and survey modals, with every topic and objectives full of ampersands', () => {
    const feedback = feedbackModal({
      requestKey: 'k1',
      programmeName: 'Spring',
      partnerSlackId: 'U2',
      sequence: 1,
      role: 'mentor',
      topics,
      answer: { rating: 5, learned: '&'.repeat(1000), topics: keys, concern: null },
    });
    expectWithinLimits(feedback.blocks, 100);
    const survey = surveyModal({
      requestKey: 'k2',
      kind: 'midpoint',
      programmeName: 'Spring',
      programmeObjectives: '&'.repeat(2000),
      pairObjectives: '<'.repeat(1000),
      role: 'mentee',
    });
    expectWithinLimits(survey.blocks, 100);
  });
});

test("App Home's confirm dialogs stay within Slack's 300 characters, whatever the programme's name", () => {
  const view = homeView({
    isCoordinator: false,
    openProgrammes: 0,
    programmes: [],
    participations: [homeParticipation({ programmeName: '&'.repeat(80) })],
  });
  expectWithinLimits(view.blocks, 100);
});
