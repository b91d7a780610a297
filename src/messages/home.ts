import type { types } from '@slack/bolt';
import { NOT_ENOUGH_RESPONSES } from '../domain/feedback.js';
import { meetingPreferenceLabel, seniorityLabel } from '../domain/people.js';
import { acceptsParticipantChanges, type ProgrammePhase } from '../domain/programmes.js';
import { PHASE_LABELS } from './programmes/phase.js';
import { changeLine, type RecordedChange } from './programmes/programmeChanges.js';
import { slackDay } from './common/dates.js';
import {
  clipPlain,
  context,
  divider,
  escapeText,
  fitText,
  header,
  labelled,
  plain,
  section,
  type Block,
  button,
} from './common/text.js';
import { DASHBOARD_ACTIONS } from './dashboard.js';

export const HOME_ACTIONS = {
  join: 'home_join',
  edit: 'home_edit_profile',
  pause: 'home_pause',
  resume: 'home_resume',
  leave: 'home_leave',
  exportData: 'home_export',
  erase: 'home_erase',
  openProgramme: 'home_open_programme',
  previewMatching: 'home_preview_matching',
  editProgramme: 'home_edit_programme',
} as const;

export interface HomeParticipation {
  participantId: string;
  programmeId: string;
  programmeName: string;
  role: string;
  status: string;
  /** the programme's phase: once it has ended, there is nothing left to change but one's data */
  phase: ProgrammePhase;
  /** the person's zone in this programme: the days below are on their calendar */
  timezone: string;
  /** the day the pause ends, on the person's calendar */
  pausedUntil?: string;
  seniorityLevel: number;
  department: string;
  teaches: string[];
  learns: string[];
  meetingPreference: string;
  partnerSlackIds: string[];
  nextCheckIn?: string;
  /** The person's own answers, newest first: nobody else's are ever shown here. */
  feedback: OwnFeedback[];
}

export interface OwnFeedback {
  kind: string;
  /** local date of the last change */
  on: string;
  rating: number | null;
  progress: number | null;
  recommendScore: number | null;
  text: string;
  topics: string[];
}

export interface HomeProgrammeSummary {
  id: string;
  name: string;
  phase: ProgrammePhase;
  startDate: string;
  signupDeadline: string;
  /** the reader's zone (the directory's, else the programme's): where Slack's date tokens are anchored */
  readerZone: string;
  mentors: number;
  mentees: number;
  paused: number;
  left: number;
  pairs: number;
  /** check-in ratings as coordinators may see them: only over at least three people */
  ratings: { shown: false; responses: number } | { shown: true; responses: number; average: number };
  /** the latest settings changes (/rm-admin edit), newest first */
  recentChanges: RecordedChange[];
}

export interface HomeModel {
  isCoordinator: boolean;
  openProgrammes: number;
  participations: HomeParticipation[];
  programmes: HomeProgrammeSummary[];
}

/** Slack's limit on a confirm dialog's text. */
const CONFIRM_TEXT_MAX = 300;

const confirmDialog = (title: string, text: string, confirm: string): types.ConfirmationDialog => ({
  title: plain(title),
  text: { type: 'mrkdwn', text: fitText(text, CONFIRM_TEXT_MAX) },
  confirm: plain(confirm),
  deny: plain('Cancel'),
  style: 'danger',
});

const STATUS_TEXT: Record<string, string> = {
  active: ':large_green_circle: Active',
  paused: ':double_vertical_bar: Paused',
  withdrawn: ':wave: You left this programme',
  departed: ':wave: Left the company',
};

function participationBlocks(p: HomeParticipation): Block[] {
  const running = acceptsParticipantChanges(p.phase);
  const taking = running && (p.status === 'active' || p.status === 'paused');
  const status = !running
    ? `:checkered_flag: The programme has ${p.phase === 'closed' ? 'closed' : 'ended'}: thank you for taking part`
    : p.status === 'paused' && p.pausedUntil
      ? `${STATUS_TEXT.paused} until ${slackDay(p.pausedUntil, p.timezone)}`
      : (STATUS_TEXT[p.status] ?? p.status);
  const partner =
    p.partnerSlackIds.length > 0
      ? p.partnerSlackIds.map((id) => `<@${id}>`).join(', ')
      : p.phase === 'signup_open'
        ? 'not matched yet: you will hear from me after signup closes'
        : 'none right now: the coordinators pair people as partners become available';
  const name = escapeText(p.programmeName);
  const lines = [
    `*${name}*: ${p.role === 'mentor' ? 'mentor (you teach)' : 'mentee (you learn)'}`,
    `Status: ${status}`,
    `${p.partnerSlackIds.length > 1 ? 'Partners' : 'Partner'}: ${partner}`,
    `Next check-in: ${p.nextCheckIn ? slackDay(p.nextCheckIn, p.timezone) : 'none scheduled yet'}`,
  ];
  const profile = `${seniorityLabel(p.seniorityLevel)}, ${escapeText(p.department) || 'no department'}; meets by ${meetingPreferenceLabel(p.meetingPreference).toLowerCase()}\nTeaches: ${escapeText(p.teaches.join(', ')) || 'nothing yet'}\nLearns: ${escapeText(p.learns.join(', ')) || 'nothing yet'}`;
  const buttons: types.Button[] = [];
  // Each participation has the same buttons: a screen reader names the programme each acts on.
  const about = (b: types.Button, say: (programme: string) => string) => labelled(b, say, p.programmeName);
  if (taking) buttons.push(about(button('Edit profile', HOME_ACTIONS.edit, p.programmeId), (n) => `Edit your profile in ${n}`));
  if (taking && p.status === 'active')
    buttons.push(about(button('Pause until...', HOME_ACTIONS.pause, p.participantId), (n) => `Pause ${n} until a date`));
  if (taking && p.status === 'paused')
    buttons.push(about(button('Resume', HOME_ACTIONS.resume, p.participantId, 'primary'), (n) => `Resume ${n}`));
  if (taking) {
    buttons.push(
      about(
        button(
          'Leave the programme',
          HOME_ACTIONS.leave,
          p.participantId,
          'danger',
          confirmDialog(
            'Leave the programme?',
            `You will stop receiving check-ins for *${name}*${p.partnerSlackIds.length > 0 ? ' and your coordinator will find your partner someone new' : ''}. Your past check-ins stay in the programme's anonymous figures.`,
            'Leave',
          ),
        ),
        (n) => `Leave ${n}`,
      ),
    );
  }
  buttons.push(about(button('Export my data', HOME_ACTIONS.exportData, p.participantId), (n) => `Export your data from ${n}`));
  buttons.push(
    about(
      button(
        'Delete my data',
        HOME_ACTIONS.erase,
        p.participantId,
        'danger',
        confirmDialog(
          'Delete your data?',
          'Your profile, topics, goals, private lists and feedback for this programme are erased for good. Only anonymous counts remain.',
          'Delete',
        ),
      ),
      (n) => `Delete your data from ${n}`,
    ),
  );
  return [
    section(lines.join('\n')),
    context(profile),
    ...ownFeedbackBlocks(p.feedback, p.timezone),
    { type: 'actions', block_id: `participation:${p.participantId}`, elements: buttons },
  ];
}

const KIND_LABELS: Record<string, string> = { checkin: 'Check-in', midpoint: 'Halfway survey', final: 'Final survey' };
const excerpt = (text: string) => clipPlain(text, 140);

function ownFeedbackBlocks(feedback: OwnFeedback[], zone: string): Block[] {
  if (feedback.length === 0) return [];
  const lines = feedback.map((f) => {
    const scores = [
      f.rating !== null ? `rated ${f.rating}/5` : '',
      f.progress !== null ? `progress ${f.progress}/5` : '',
      f.recommendScore !== null ? `would recommend ${f.recommendScore}/10` : '',
    ]
      .filter(Boolean)
      .join(', ');
    const topics = f.topics.length > 0 ? ` Topics: ${escapeText(f.topics.join(', '))}.` : '';
    return `• ${KIND_LABELS[f.kind] ?? f.kind}, ${slackDay(f.on, zone)}: ${scores}.${f.text ? ` "${escapeText(excerpt(f.text))}"` : ''}${topics}`;
  });
  return [section(`*Your feedback* (only you see this):\n${lines.join('\n')}`)];
}

/** Why the figures move in steps (docs/feedback.md, "Releases"). */
const RELEASE_RULE = 'answers are added in groups of at least 3 people';

function ratingsLine(r: HomeProgrammeSummary['ratings']): string {
  if (r.responses === 0) return `Check-in ratings: none yet (${RELEASE_RULE})`;
  return r.shown
    ? `Check-in ratings: ${r.average} average over ${r.responses} answers (${RELEASE_RULE})`
    : `Check-in ratings: ${NOT_ENOUGH_RESPONSES}`;
}

function programmeBlocks(p: HomeProgrammeSummary): Block[] {
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeText(p.name)}* (${PHASE_LABELS[p.phase]}): starts ${slackDay(p.startDate, p.readerZone)}, signup until ${slackDay(p.signupDeadline, p.readerZone)}\n${p.mentors} mentors, ${p.mentees} mentees, ${p.pairs} pairs, ${p.paused} paused, ${p.left} left\n${ratingsLine(p.ratings)}`,
      },
      accessory: labelled(
        button('Preview matching', HOME_ACTIONS.previewMatching, p.id),
        (n) => `Preview the matching of ${n}`,
        p.name,
      ),
    },
    {
      type: 'actions',
      block_id: `programme:${p.id}`,
      elements: [labelled(button('Edit programme', HOME_ACTIONS.editProgramme, p.id), (n) => `Edit ${n}`, p.name)],
    },
    ...(p.recentChanges.length > 0
      ? [context(`*Recent changes*\n${p.recentChanges.map((c) => changeLine(c, p.readerZone)).join('\n')}`)]
      : []),
  ];
}

/** Slack's limit on a Home tab's blocks. */
export const HOME_MAX_BLOCKS = 100;
/** Participations and programmes shown at most (the dashboard lists every programme). */
const MAX_PARTICIPATIONS = 10;
const MAX_PROGRAMMES = 20;

/** The App Home tab: participants, coordinators and anyone else each see what is theirs (max 100 blocks). */
export function homeView(model: HomeModel): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [header('Reverse mentoring')];
  if (model.participations.length === 0) {
    blocks.push(
      section(
        'In reverse mentoring a junior colleague mentors a senior leader: digital fluency, social media, new technology, workplace culture and consumer insight flow upwards, while leadership and strategy flow back. Pairs meet every two to four weeks for six to twelve months.',
      ),
    );
  }
  for (const p of model.participations.slice(0, MAX_PARTICIPATIONS)) blocks.push(divider(), ...participationBlocks(p));
  blocks.push(divider());
  if (model.openProgrammes > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${model.openProgrammes === 1 ? 'A programme is' : `${model.openProgrammes} programmes are`} open for signup.`,
      },
      accessory: button('Join', HOME_ACTIONS.join, 'join', 'primary'),
    });
  } else {
    blocks.push(section('No programme is open for signup right now.'));
  }
  if (model.isCoordinator) blocks.push(...coordinatorBlocks(model.programmes, HOME_MAX_BLOCKS - blocks.length));
  return { type: 'home', blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}

/**
 * The coordinator's part in `room` blocks: its buttons and help line always, then as many programmes as fit, and
 * how many more there are (a person in ten programmes who coordinates twenty would otherwise lose the buttons).
 */
function coordinatorBlocks(programmes: readonly HomeProgrammeSummary[], room: number): Block[] {
  const head: Block[] = [divider(), header('Coordinator')];
  const tail: Block[] = [
    {
      type: 'actions',
      block_id: 'coordinator',
      elements: [
        button('Open a programme', HOME_ACTIONS.openProgramme, 'open', 'primary'),
        button('Open the dashboard', DASHBOARD_ACTIONS.open, 'open'),
      ],
    },
    context('You are a coordinator: `/rm-admin help` lists what you can do.'),
  ];
  // One block kept for the note on programmes left out.
  const forProgrammes = room - head.length - tail.length - 1;
  const listed: Block[] = [];
  let shown = 0;
  for (const p of programmes.slice(0, MAX_PROGRAMMES)) {
    const own = programmeBlocks(p);
    if (listed.length + own.length > forProgrammes) break;
    listed.push(...own);
    shown++;
  }
  const more = programmes.length - shown;
  if (programmes.length === 0) listed.push(section('No programmes yet.'));
  else if (more > 0)
    listed.push(context(`${more} more ${more === 1 ? 'programme' : 'programmes'}: the dashboard lists every one.`));
  return [...head, ...listed, ...tail];
}
