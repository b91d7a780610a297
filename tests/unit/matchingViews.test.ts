import { approvalMessages, introMessage, localTime } from '../../src/messages/matching/messages.js';
import { MAX_MODAL_BLOCKS, previewModal, type DraftPreview } from '../../src/messages/matching/preview.js';

const person = (i: number, role: 'mentor' | 'mentee') => ({ participantId: `p-${role}-${i}`, slackUserId: `U${role === 'mentor' ? 'A' : 'B'}${String(i).padStart(4, '0')}`, displayName: `${role} ${i}`, role });

function bigDraft(pairs: number, waiting: number): DraftPreview {
  return {
    runId: 'run-1',
    status: 'draft',
    programme: { id: 'prog-1', name: 'Big programme' },
    totalScore: pairs * 70,
    pairs: Array.from({ length: pairs }, (_, i) => ({ id: `pair-${i}`, mentor: person(i, 'mentor'), mentee: person(i, 'mentee'), score: 70, reasons: ['a reason', 'another reason'], pinned: i % 7 === 0 })),
    unmatched: Array.from({ length: waiting }, (_, i) => ({ participantId: `w-${i}`, role: 'mentee' as const, reason: 'capacity' as const, detail: 'no mentor left', slackUserId: `UW${String(i).padStart(4, '0')}`, displayName: `w${i}` })),
    keptPairs: 0,
  };
}

describe('matching preview', () => {
  test('a large draft is split into pages that fit a modal; Next/Previous walk through every pair and the whole waitlist', () => {
    const draft = bigDraft(130, 45);
    const seen = new Set<string>();
    let page = 0;
    let pages = 0;
    for (;;) {
      const view = previewModal(draft, page);
      expect(view.blocks.length).toBeLessThanOrEqual(MAX_MODAL_BLOCKS);
      const text = JSON.stringify(view.blocks);
      for (const m of text.matchAll(/pair:(pair-\d+)/g)) seen.add(m[1]!);
      for (const m of text.matchAll(/<@(UW\d+)>/g)) seen.add(m[1]!);
      expect(JSON.parse(view.private_metadata!)).toEqual({ runId: 'run-1', page });
      pages += 1;
      const next = text.includes('match_page_next');
      if (page > 0) expect(text).toContain('match_page_previous');
      if (!next) break;
      page += 1;
    }
    expect(pages).toBeGreaterThan(3);
    expect(seen.size).toBe(130 + 45);
    expect(JSON.stringify(previewModal(draft, 0).blocks)).toContain('*130* pairs, *45* on the waitlist, total score *9100.0*');
  });

  test('an approved draft has no buttons that change it; a small one has no page buttons', () => {
    const text = JSON.stringify(previewModal({ ...bigDraft(2, 1), status: 'approved' }, 0).blocks);
    expect(text).not.toContain('match_approve');
    expect(text).not.toContain('match_pair_remove');
    expect(text).not.toContain('match_page_next');
  });
});

describe('introduction', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  const pair = {
    pairingId: 'pair-9',
    mentor: { slackUserId: 'U1', displayName: 'zoe', title: 'Marketing Associate', department: 'Marketing', timezone: 'Europe/London', teaches: ['social-media'], learns: ['leadership'] },
    mentee: { slackUserId: 'U2', displayName: 'priya', title: 'Head of Finance', department: 'Finance', timezone: 'Asia/Kolkata', teaches: ['leadership'], learns: ['social-media', 'ai-new-tech'] },
    cadenceDays: 21,
    firstCheckInDue: new Date('2026-03-09T09:00:00Z'),
  };
  const labels = { 'social-media': 'Social media and personal brand', 'ai-new-tech': 'AI and new technology', leadership: 'Leadership' };

  test('both local times, the overlap, suggested topics, tips, cadence and the button, to both people, once', () => {
    const m = introMessage(pair, 'Spring', labels, at);
    expect(m).toMatchObject({ idempotencyKey: 'match-intro:pair-9', to: { users: ['U1', 'U2'] } });
    const text = JSON.stringify(m.blocks);
    expect(localTime('Europe/London', at)).toBe('09:00 in Europe/London (UTC+0)');
    expect(text).toContain('09:00 in Europe/London (UTC+0)');
    expect(text).toContain('14:30 in Asia/Kolkata (UTC+5:30)');
    expect(text).toContain('overlap by *2 h 30 min*');
    expect(text).toContain('Suggested first topics:* Social media and personal brand; Leadership');
    expect(text).toContain('every 3 weeks');
    expect(text).toContain('Mon 9 Mar 2026');
    expect(text).toContain('pair_not_working');
  });

  test('the waitlist DM is keyed per programme and person; the celebration only on the first approval with a channel', () => {
    const base = { programme: { id: 'prog-1', name: 'Spring', announcementChannel: 'C1' }, runId: 'run-1', pairs: [pair], waitlisted: [{ participantId: 'p-w', slackUserId: 'U3', role: 'mentee' as const, reason: 'capacity' as const }], topicLabels: labels };
    const first = approvalMessages(at)({ ...base, first: true });
    expect(first.map((m) => m.idempotencyKey)).toEqual(['match-intro:pair-9', 'match-waitlist:prog-1:p-w', 'match-celebration:run-1']);
    expect(first[1]!.text).toContain('You are on the waitlist');
    expect(approvalMessages(at)({ ...base, first: false }).map((m) => m.kind)).not.toContain('programme.celebration');
  });
});
