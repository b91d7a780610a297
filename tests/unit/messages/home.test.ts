import type { types } from '@slack/bolt';
import { validateBlocks } from '../../../src/devtools/emulator/blockKit.js';
import { HOME_MAX_BLOCKS, homeView, type HomeProgrammeSummary } from '../../../src/messages/home.js';
import { homeParticipation } from './homeParticipation.js';

const participation = (i: number) =>
  homeParticipation({
    participantId: `p${i}`,
    programmeId: `prog-${i}`,
    programmeName: `Cohort ${i}`,
    role: i % 2 === 0 ? 'mentor' : 'mentee',
    nextCheckIn: '2026-04-20',
    feedback: [{ kind: 'checkin', on: '2026-04-06', rating: 4, progress: null, recommendScore: null, text: 'Good', topics: [] }],
  });

const programme = (i: number): HomeProgrammeSummary => ({
  id: `prog-${i}`,
  name: `Programme ${i}`,
  phase: 'running',
  startDate: '2026-03-30',
  signupDeadline: '2026-03-16',
  readerZone: 'Europe/London',
  mentors: 10,
  mentees: 10,
  paused: 0,
  left: 0,
  pairs: 10,
  ratings: { shown: false, responses: 1 },
  recentChanges: [
    {
      field: 'name',
      before: 'Old',
      after: `Programme ${i}`,
      changedBySlackId: 'U1',
      changedAt: new Date('2026-03-01T10:00:00Z'),
    },
  ],
});

const blockIds = (blocks: readonly types.KnownBlock[]) => blocks.map((b) => b.block_id);
const texts = (blocks: readonly types.KnownBlock[]) =>
  blocks.map((b) => (b.type === 'context' ? b.elements.map((e) => ('text' in e ? e.text : '')).join(' ') : ''));

describe('App Home within Slack limits', () => {
  test('a coordinator in ten programmes who runs twenty keeps the buttons, the help line and a note on the rest', () => {
    const view = homeView({
      isCoordinator: true,
      openProgrammes: 1,
      participations: Array.from({ length: 10 }, (_, i) => participation(i)),
      programmes: Array.from({ length: 20 }, (_, i) => programme(i)),
    });
    const blocks = view.blocks as types.KnownBlock[];
    expect(validateBlocks(blocks, '/blocks', HOME_MAX_BLOCKS)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(HOME_MAX_BLOCKS);
    expect(blockIds(blocks)).toContain('coordinator');
    expect(texts(blocks).some((t) => t.includes('/rm-admin help'))).toBe(true);
    const shown = blockIds(blocks).filter((id) => id?.startsWith('programme:')).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    expect(texts(blocks).some((t) => t.includes(`${20 - shown} more programmes: the dashboard lists every one.`))).toBe(true);
  });

  test('with room for every programme, all are shown and no note is added', () => {
    const view = homeView({
      isCoordinator: true,
      openProgrammes: 0,
      participations: [],
      programmes: [programme(1), programme(2)],
    });
    const blocks = view.blocks as types.KnownBlock[];
    expect(blockIds(blocks).filter((id) => id?.startsWith('programme:'))).toEqual(['programme:prog-1', 'programme:prog-2']);
    expect(texts(blocks).some((t) => t.includes('more programme'))).toBe(false);
    expect(blockIds(blocks).at(-2)).toBe('coordinator');
  });
});
