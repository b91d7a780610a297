import type { types } from '@slack/bolt';
import { context, divider, escapeText, fitText, header, labelled, plain, section, type Block, button } from '../common/text.js';

export const MATCH_PREVIEW = 'match_preview';
export const MATCH_ACTIONS = {
  approve: 'match_approve',
  rerun: 'match_rerun',
  swap: 'match_swap_open',
  pin: 'match_pin_open',
  next: 'match_page_next',
  previous: 'match_page_previous',
  pinPair: 'match_pair_pin',
  removePair: 'match_pair_remove',
  notWorking: 'pair_not_working',
} as const;

/** Slack allows 100 blocks in a modal; the fixed part of a page uses at most 12. */
export const MAX_MODAL_BLOCKS = 100;
const PAGE_BUDGET = 80;

export const UNMATCHED_REASON: Record<string, string> = {
  no_feasible_partner: 'no feasible partner',
  capacity: 'no mentor capacity left',
  inactive: 'paused',
  removed: 'removed by a coordinator',
};

export interface PreviewPerson {
  participantId: string;
  slackUserId: string;
  displayName: string;
  role: 'mentor' | 'mentee';
}

export interface PreviewPair {
  id: string;
  mentor: PreviewPerson;
  mentee: PreviewPerson;
  score: number;
  reasons: string[];
  pinned: boolean;
}

export interface PreviewWaitlisted {
  participantId: string;
  slackUserId: string;
  displayName: string;
  role: 'mentor' | 'mentee';
  reason: string;
  detail: string;
}

/** A matching run as a coordinator reviews it. */
export interface DraftPreview {
  runId: string;
  status: string;
  programme: { id: string; name: string };
  totalScore: number;
  pairs: PreviewPair[];
  unmatched: PreviewWaitlisted[];
  /** People already paired (a rematch leaves them as they are). */
  keptPairs: number;
}

type Item = Block[];

/** A list shows people by name (escaped: it is theirs), not as mentions. */
const nameOf = (p: { slackUserId: string; displayName: string }): string => escapeText(p.displayName || p.slackUserId);

/** A screen reader hears which pair a Pin or Remove button acts on (every pair has both). */
const pairLabel =
  (verb: string) =>
  (mentor: string, mentee: string): string =>
    `${verb} the pair ${mentor} and ${mentee}`;

function pairItem(p: PreviewPair, runId: string, editable: boolean): Item {
  const reasons = p.reasons
    .slice(0, 6)
    .map((r) => `• ${escapeText(r)}`)
    .join('\n');
  const text = fitText(
    `*${nameOf(p.mentor)}* (mentor) with *${nameOf(p.mentee)}* (mentee): *${p.score.toFixed(1)}*/100${p.pinned ? ' :pushpin: pinned' : ''}\n${reasons}`,
  );
  const blocks: Block[] = [{ type: 'section', block_id: `pair:${p.id}`, text: { type: 'mrkdwn', text } }];
  if (editable) {
    const names = [p.mentor.displayName || p.mentor.slackUserId, p.mentee.displayName || p.mentee.slackUserId];
    blocks.push({
      type: 'actions',
      block_id: `pair_actions:${p.id}`,
      elements: [
        labelled(
          button(p.pinned ? 'Unpin' : 'Pin', MATCH_ACTIONS.pinPair, `${runId}|${p.id}`),
          pairLabel(p.pinned ? 'Unpin' : 'Pin'),
          ...names,
        ),
        labelled(button('Remove', MATCH_ACTIONS.removePair, `${runId}|${p.id}`, 'danger'), pairLabel('Remove'), ...names),
      ],
    });
  }
  return blocks;
}

function unmatchedItems(preview: DraftPreview): Item[] {
  const lines = preview.unmatched.map(
    (u) => `• ${nameOf(u)} (${u.role}): ${UNMATCHED_REASON[u.reason] ?? u.reason}${u.detail ? `: ${escapeText(u.detail)}` : ''}`,
  );
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i += 10) {
    const head = i === 0 ? `*Waitlist (${lines.length})*\n` : '';
    items.push([section(`${head}${lines.slice(i, i + 10).join('\n')}`)]);
  }
  return items;
}

/** Items (a pair, a slice of the waitlist) split into pages that fit a modal. */
export function pagesOf(preview: DraftPreview, editable: boolean): Item[][] {
  const items = [...preview.pairs.map((p) => pairItem(p, preview.runId, editable)), ...unmatchedItems(preview)];
  const pages: Item[][] = [[]];
  let used = 0;
  for (const item of items) {
    if (used + item.length > PAGE_BUDGET && pages[pages.length - 1]!.length > 0) {
      pages.push([]);
      used = 0;
    }
    pages[pages.length - 1]!.push(item);
    used += item.length;
  }
  return pages;
}

/** Who approving messages: everyone in a new pair once (a mentor with two mentees too), and the waitlist (not the paused). */
export function approvalAudience(preview: DraftPreview): { people: number; pairs: number; waitlisted: number } {
  const paired = new Set(preview.pairs.flatMap((p) => [p.mentor.slackUserId, p.mentee.slackUserId]));
  const waitlisted = new Set(preview.unmatched.filter((u) => u.reason !== 'inactive').map((u) => u.slackUserId));
  for (const id of paired) waitlisted.delete(id);
  return { people: paired.size + waitlisted.size, pairs: preview.pairs.length, waitlisted: waitlisted.size };
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Slack's limits on a confirmation dialog: title 100 characters, text 300, buttons 30. */
function approveConfirm(preview: DraftPreview): types.ConfirmationDialog {
  const a = approvalAudience(preview);
  const waitlist = a.waitlisted > 0 ? ` and tell ${count(a.waitlisted, 'person', 'people')} on the waitlist` : '';
  const text =
    `This will message ${count(a.people, 'person', 'people')} (${count(a.pairs, 'pair')}): ` +
    `introduce each pair in a group DM${waitlist}. It cannot be undone.`;
  return {
    title: plain('Approve and announce?'),
    text: plain(text.slice(0, 300)),
    confirm: plain('Approve and announce'),
    deny: plain('Not yet'),
    style: 'primary',
  };
}

export interface PreviewState {
  runId: string;
  page: number;
}

/** The draft for coordinators only: totals, pairs with score and reasons, the waitlist; Next/Previous pages. */
export function previewModal(preview: DraftPreview, page: number, notice?: string): types.ModalView {
  const editable = preview.status === 'draft';
  const pages = pagesOf(preview, editable);
  const current = Math.min(Math.max(page, 0), pages.length - 1);
  const average = preview.pairs.length > 0 ? preview.totalScore / preview.pairs.length : 0;
  const blocks: Block[] = [
    header(`Draft matching: ${preview.programme.name}`.slice(0, 150)),
    section(
      `*${preview.pairs.length}* pair${preview.pairs.length === 1 ? '' : 's'}, *${preview.unmatched.length}* on the waitlist, total score *${preview.totalScore.toFixed(1)}* (average ${average.toFixed(1)}/100)` +
        (preview.keptPairs > 0
          ? `. ${preview.keptPairs} existing pair${preview.keptPairs === 1 ? '' : 's'} stay as they are (rematch).`
          : '.'),
    ),
    context(
      editable
        ? 'Only coordinators see this draft; nobody is told anything until you approve.'
        : `This draft is ${preview.status}.`,
    ),
  ];
  if (notice) blocks.push(section(`:warning: ${notice}`));
  if (editable) {
    blocks.push({
      type: 'actions',
      block_id: 'match_controls',
      elements: [
        button('Approve and announce', MATCH_ACTIONS.approve, preview.runId, 'primary', approveConfirm(preview)),
        button('Re-run', MATCH_ACTIONS.rerun, preview.runId),
        button('Swap two people', MATCH_ACTIONS.swap, preview.runId),
        button('Pin a pair', MATCH_ACTIONS.pin, preview.runId),
      ],
    });
  }
  blocks.push(divider());
  for (const item of pages[current] ?? []) blocks.push(...item);
  if (pages.length > 1) {
    const nav: types.Button[] = [];
    if (current > 0) nav.push(button('Previous', MATCH_ACTIONS.previous, String(current - 1)));
    if (current < pages.length - 1) nav.push(button('Next', MATCH_ACTIONS.next, String(current + 1)));
    blocks.push(context(`Page ${current + 1} of ${pages.length}`));
    blocks.push({ type: 'actions', block_id: 'match_pages', elements: nav });
  }
  if (preview.pairs.length === 0 && preview.unmatched.length === 0) blocks.push(section('Nobody is waiting to be matched.'));
  const state: PreviewState = { runId: preview.runId, page: current };
  return {
    type: 'modal',
    callback_id: MATCH_PREVIEW,
    title: plain('Matching preview'),
    close: plain('Close'),
    private_metadata: JSON.stringify(state),
    blocks,
  };
}
