import { previewModal, type DraftPreview } from '../../../src/messages/matching/preview.js';
import { BODY_LIMIT_BYTES } from '../../../src/requests/bodyReader.js';

/** Names and reasons at their longest, in letters that URL encoding makes longest (two UTF-8 bytes each, 3 × 2). */
const LONG = 'Žofia Ñúñez-Østergård Łódź '.repeat(6);

function worstDraft(): DraftPreview {
  const person = (i: number, role: 'mentor' | 'mentee') => ({
    participantId: `p-${role}-${i}`,
    slackUserId: `U${role === 'mentor' ? 'A' : 'B'}${String(i).padStart(9, '0')}`,
    displayName: LONG,
    role,
  });
  return {
    runId: 'run-1',
    status: 'draft',
    programme: { id: 'prog-1', name: LONG },
    totalScore: 0,
    pairs: Array.from({ length: 200 }, (_, i) => ({
      id: `pair-${i}-${'x'.repeat(30)}`,
      mentor: person(i, 'mentor'),
      mentee: person(i, 'mentee'),
      score: 99.9,
      reasons: Array.from({ length: 6 }, () => LONG.repeat(3)),
      pinned: false,
    })),
    unmatched: [],
    keptPairs: 0,
  };
}

test('the largest request Slack sends us (a click in our largest modal, which Slack echoes) fits the body limit', () => {
  const view = previewModal(worstDraft(), 0);
  // What Slack sends for a click in the modal: the view it holds (with ids and state), the click, who and where.
  const payload = {
    type: 'block_actions',
    user: { id: 'U0123456789', username: 'someone', name: 'someone', team_id: 'T0123456789' },
    api_app_id: 'A0123456789',
    token: 'x'.repeat(24),
    container: { type: 'view', view_id: 'V0123456789' },
    trigger_id: '1234567890123.1234567890123.0123456789abcdef0123456789abcdef',
    team: { id: 'T0123456789', domain: 'example' },
    view: { ...view, id: 'V0123456789', team_id: 'T0123456789', state: { values: {} }, hash: '1234567890.abcdefgh' },
    actions: [{ type: 'button', action_id: 'match_pair_remove', block_id: 'pair_actions:pair-0', value: 'run-1|pair-0' }],
  };
  const viewJson = Buffer.byteLength(JSON.stringify(payload.view));
  const body = Buffer.byteLength(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  // Slack refuses views over 250 kB; ours stays under that (about 190 kB here), and the form-encoded click
  // (about 390 kB here) well under the limit.
  expect(viewJson).toBeLessThan(250 * 1024);
  expect(body).toBeLessThan(BODY_LIMIT_BYTES);
});
