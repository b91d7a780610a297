import { MAX_MODAL_BLOCKS, previewModal, type DraftPreview } from '../../../../src/messages/matching/preview.js';

const person = (i: number, role: 'mentor' | 'mentee') => ({
  participantId: `p-${role}-${i}`,
  slackUserId: `U${role === 'mentor' ? 'A' : 'B'}${String(i).padStart(4, '0')}`,
  displayName: `${role} ${i}`,
  role,
});

function bigDraft(pairs: number, waiting: number): DraftPreview {
  return {
    runId: 'run-1',
    status: 'draft',
    programme: { id: 'prog-1', name: 'Big programme' },
    totalScore: pairs * 70,
    pairs: Array.from({ length: pairs }, (_, i) => ({
      id: `pair-${i}`,
      mentor: person(i, 'mentor'),
      mentee: person(i, 'mentee'),
      score: 70,
      reasons: ['a reason', 'another reason'],
      pinned: i % 7 === 0,
    })),
    unmatched: Array.from({ length: waiting }, (_, i) => ({
      participantId: `w-${i}`,
      role: 'mentee' as const,
      reason: 'capacity' as const,
      detail: 'no mentor left',
      slackUserId: `UW${String(i).padStart(4, '0')}`,
      displayName: `w${i}`,
    })),
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
      for (const m of text.matchAll(/• (w\d+) \(mentee\)/g)) seen.add(m[1]!);
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

  test('each Pin and Remove button tells a screen reader which pair it acts on, within 75 characters', () => {
    const draft = bigDraft(3, 0);
    draft.pairs[1]!.mentor.displayName = 'Ana Lima';
    draft.pairs[1]!.mentee.displayName = 'Ben Ode';
    draft.pairs[2]!.mentor.displayName = `Maximiliana ${'Wolfeschlegelsteinhausen'.repeat(3)}`;
    draft.pairs[2]!.mentee.displayName = 'Bo <!channel> & Co';
    const view = previewModal(draft, 0);
    const buttons = view.blocks
      .filter((b) => b.type === 'actions' && String(b.block_id).startsWith('pair_actions:'))
      .flatMap((b) => (b as { elements: Array<{ text: { text: string }; accessibility_label?: string }> }).elements);
    expect(buttons.map((b) => [b.text.text, b.accessibility_label])).toEqual([
      ['Unpin', 'Unpin the pair mentor 0 and mentee 0'],
      ['Remove', 'Remove the pair mentor 0 and mentee 0'],
      ['Pin', 'Pin the pair Ana Lima and Ben Ode'],
      ['Remove', 'Remove the pair Ana Lima and Ben Ode'],
      ['Pin', expect.stringMatching(/^Pin the pair Maximiliana Wolfe\S*… and Bo <!channel> & Co$/)],
      ['Remove', expect.stringMatching(/^Remove the pair Maximiliana Wolfe\S*… and Bo <!channel> & Co$/)],
    ]);
    // plain text for screen readers: the other name kept whole, nothing escaped, Slack's limit kept
    for (const b of buttons) expect(b.accessibility_label!.length).toBeLessThanOrEqual(75);
  });

  test('pairs and the waitlist show people by name, escaped for mrkdwn, never as mentions', () => {
    const draft = bigDraft(1, 1);
    draft.pairs[0]!.mentor.displayName = 'Bo <!channel> & Co';
    draft.unmatched[0]!.displayName = 'Zoë <@U0EMU0001>';
    const mrkdwn = previewModal(draft, 0)
      .blocks.flatMap((b) => (b.type === 'section' ? [(b as { text?: { text: string } }).text?.text ?? ''] : []))
      .join('\n');
    expect(mrkdwn).toContain('*Bo &lt;!channel&gt; &amp; Co* (mentor) with *mentee 0* (mentee)');
    expect(mrkdwn).toContain('• Zoë &lt;@U0EMU0001&gt; (mentee)');
    expect(mrkdwn).not.toMatch(/<@|<!channel>/);
  });
});
