// The weekly digest a coordinator gets about a programme (docs/coordinators.md, "The weekly digest"): what is new
// since the last one, each with buttons that act. Data in, an outbox message out; it keeps to Slack's limits.
import type { types } from '@slack/bolt';
import { slackDay } from './common/dates.js';
import type { OutgoingMessage } from './outgoing.js';
import { button, clipPlain, context, escapeText, header, labelled, plain, section, type Block } from './common/text.js';

export const DIGEST_ACTIONS = {
  nudge: 'digest_nudge',
  pause: 'digest_pause',
  rematch: 'digest_rematch',
  secondRematch: 'digest_rematch_2',
  profile: 'digest_profile',
  /** Slack wants action_ids unique within a block: a second profile button beside the first has its own. */
  secondProfile: 'digest_profile_2',
} as const;

/** Slack: 50 blocks a message. Two blocks an item, the rest for headings: at most this many items are shown. */
export const MAX_ITEMS_SHOWN = 18;
const BUTTON_TEXT_MAX = 75;

export interface DigestPerson {
  participantId: string;
  slackUserId: string;
  /** as Slack shows them (plain text: button labels) */
  displayName: string;
  /** mentor | mentee: named instead when the display name is unknown */
  role?: string;
}

export interface DigestContent {
  programmeId: string;
  programmeName: string;
  coordinator: string;
  /** the coordinator's zone: the days below are on their calendar */
  zone: string;
  /** YYYY-MM-DD, the Monday of the week */
  weekOf: string;
  notBefore: Date;
  /** YYYY-MM-DD in the coordinator's zone, for each item */
  atRisk: { pairingId: string; flaggedAt: number; flaggedOn: string; mentor: DigestPerson; mentee: DigestPerson }[];
  departures: { person: DigestPerson; role: string; reason: 'withdrawn' | 'departed'; leftOn: string }[];
  /** pairs that started waiting for a rematch since the last digest; `waiting`: the people still in the programme */
  waiting: { pairingId: string; asked: boolean; gone: string[]; waiting: DigestPerson[] }[];
  /** how many pairs in all wait for a rematch (new and older) */
  waitingInAll: number;
  failures: { kind: string; failedOn: string; users: string[]; participants: DigestPerson[] }[];
}

export const digestItemCount = (c: Pick<DigestContent, 'atRisk' | 'departures' | 'waiting' | 'failures'>): number =>
  c.atRisk.length + c.departures.length + c.waiting.length + c.failures.length;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const who = (id: string) => `<@${id}>`;

function confirmOf(title: string, text: string, confirm: string): types.ConfirmationDialog {
  return { title: plain(title), text: plain(clipPlain(text, 300)), confirm: plain(confirm), deny: plain('Cancel') };
}

const value = (v: Record<string, string | number>) => JSON.stringify(v);
const name = (p: DigestPerson) => p.displayName || `the ${p.role ?? 'participant'}`;
const fit = (text: string) => clipPlain(text, BUTTON_TEXT_MAX);

function profileButton(p: DigestPerson, second = false): types.Button {
  const actionId = second ? DIGEST_ACTIONS.secondProfile : DIGEST_ACTIONS.profile;
  return labelled(
    button(fit(`Profile: ${name(p)}`), actionId, value({ r: p.participantId })),
    (n) => `Open the profile of ${n}`,
    name(p),
  );
}

function item(blockId: string, text: string, buttons: types.Button[]): Block[] {
  return buttons.length > 0 ? [section(text), { type: 'actions', block_id: blockId, elements: buttons }] : [section(text)];
}

function atRiskItem(a: DigestContent['atRisk'][number], zone: string): Block[] {
  const pair = `${who(a.mentor.slackUserId)} and ${who(a.mentee.slackUserId)}`;
  return item(
    `digest:atrisk:${a.pairingId}`,
    `${pair}: no check-in logged for two cadences (flagged ${slackDay(a.flaggedOn, zone)}).`,
    [
      button(
        'Nudge them again',
        DIGEST_ACTIONS.nudge,
        value({ p: a.pairingId, f: a.flaggedAt }),
        'primary',
        confirmOf('Nudge this pair again?', 'They get one more check-in reminder, in their working hours.', 'Nudge them'),
      ),
      button(
        'Pause the pair',
        DIGEST_ACTIONS.pause,
        value({ p: a.pairingId }),
        'danger',
        confirmOf(
          'Pause this pair?',
          'Their check-ins pause: no nudges until one of them resumes. They are told, in their working hours.',
          'Pause them',
        ),
      ),
      profileButton(a.mentor),
      profileButton(a.mentee, true),
    ],
  );
}

function departureItem(d: DigestContent['departures'][number], zone: string): Block[] {
  const how = d.reason === 'departed' ? 'left the company' : 'left the programme';
  return item(
    `digest:left:${d.person.participantId}`,
    `${who(d.person.slackUserId)} (${d.role}) ${how} on ${slackDay(d.leftOn, zone)}.`,
    [profileButton(d.person)],
  );
}

function waitingItem(w: DigestContent['waiting'][number]): Block[] {
  const why = w.asked ? 'asked for a rematch' : `lost their partner (${w.gone.map(who).join(', ')} left)`;
  const people = w.waiting.map((p) => who(p.slackUserId)).join(' and ') || 'Nobody';
  return item(
    `digest:waiting:${w.pairingId}`,
    `${people} ${w.waiting.length === 1 ? 'waits' : 'wait'} for a new partner: the pair ${why}.`,
    w.waiting.map((p, i) =>
      labelled(
        button(
          fit(`Offer a rematch: ${name(p)}`),
          i === 0 ? DIGEST_ACTIONS.rematch : DIGEST_ACTIONS.secondRematch,
          value({ r: p.participantId, p: w.pairingId }),
          'primary',
          confirmOf(
            'Rematch now?',
            `${name(p).replace(/^the /, 'The ')} is matched at once with the best partner available, and both are introduced.`,
            'Rematch',
          ),
        ),
        (n) => `Offer a rematch to ${n}`,
        name(p),
      ),
    ),
  );
}

function failureItem(f: DigestContent['failures'][number], i: number, zone: string): Block[] {
  const to = f.users.length > 0 ? ` to ${f.users.map(who).join(', ')}` : '';
  return item(
    `digest:failed:${i}`,
    `A message (${escapeText(f.kind)})${to} could not be delivered on ${slackDay(f.failedOn, zone)}.`,
    f.participants.slice(0, 2).map((p, i) => profileButton(p, i > 0)),
  );
}

interface Section {
  title: string;
  blocks: Block[][];
  note?: string;
}

/** The digest, or null when there is nothing new to say. Above MAX_ITEMS_SHOWN, each section says how many more. */
export function digestMessage(c: DigestContent): OutgoingMessage | null {
  const total = digestItemCount(c);
  if (total === 0) return null;
  const olderWaiting = c.waitingInAll - c.waiting.length;
  const sections: Section[] = [
    { title: `*New pairs at risk* (${c.atRisk.length})`, blocks: c.atRisk.map((a) => atRiskItem(a, c.zone)) },
    { title: `*People who left* (${c.departures.length})`, blocks: c.departures.map((d) => departureItem(d, c.zone)) },
    {
      title: `*Pairs now waiting for a rematch* (${c.waiting.length})`,
      blocks: c.waiting.map(waitingItem),
      ...(olderWaiting > 0 ? { note: `${plural(olderWaiting, 'pair')} from earlier weeks still wait too.` } : {}),
    },
    {
      title: `*Messages that could not be delivered* (${c.failures.length})`,
      blocks: c.failures.map((f, i) => failureItem(f, i, c.zone)),
    },
  ];
  const programme = escapeText(c.programmeName);
  const blocks: Block[] = [
    header(`Weekly digest: ${c.programmeName}`.slice(0, 150)),
    context(`Week of ${slackDay(c.weekOf, c.zone)}. What is new in *${programme}* since your last digest.`),
  ];
  let room = MAX_ITEMS_SHOWN;
  for (const s of sections) {
    if (s.blocks.length === 0) continue;
    blocks.push(section(s.title));
    const shown = s.blocks.slice(0, room);
    room -= shown.length;
    for (const b of shown) blocks.push(...b);
    const more = s.blocks.length - shown.length;
    const notes = [
      ...(more > 0 ? [`And ${more} more: open the dashboard (\`/rm-admin dashboard\`).`] : []),
      ...(s.note ? [s.note] : []),
    ];
    if (notes.length > 0) blocks.push(context(notes.join(' ')));
  }
  const text = `Weekly digest for ${programme}: ${plural(total, 'new thing')} to look at.`;
  return {
    idempotencyKey: `digest:${c.programmeId}:${c.coordinator}:${c.weekOf}`,
    kind: 'coordinator.digest',
    to: { users: [c.coordinator] },
    text,
    blocks,
    notBefore: c.notBefore,
    metadata: { programme_id: c.programmeId, week_of: c.weekOf, planned_at: c.notBefore.toISOString() },
  };
}
