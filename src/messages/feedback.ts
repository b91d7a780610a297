// Feedback prompts, survey DMs, their modals, the concern notice and the thanks. Data in, Block Kit and
// outbox messages out: no I/O. Every prompt goes to one person's own DM, never to the pair's group DM.
import type { types } from '@slack/bolt';
import { OBJECTIVES_LIMIT, TEXT_LIMIT, type FeedbackKind, type Role } from '../domain/feedback.js';
import type { Topic } from '../domain/topics.js';
import type { OutboxTarget, OutgoingMessage } from './outgoing.js';
import { modal, multiSelectInput, selectInput, textInput, type Choice } from './common/inputs.js';
import { context, escapeText, plain, section, type Block, button } from './common/text.js';

export const FEEDBACK_ACTIONS = { open: 'feedback_open', survey: 'survey_open', objectives: 'objectives_edit' } as const;
export const FEEDBACK_MODAL = 'feedback_checkin';
export const SURVEY_MODALS = { midpoint: 'survey_midpoint', final: 'survey_final' } as const;
export const OBJECTIVES_MODAL = 'pair_objectives';
export const CONSENT_VALUE = 'share';

const PRIVATE_NOTE =
  'Private: your partner never sees your answers. Coordinators see ratings and text only in totals over at least three people.';

export const objectivesButton = (pairingId: string): types.Button =>
  button('Our objectives', FEEDBACK_ACTIONS.objectives, pairingId);

export interface PromptInput {
  requestKey: string;
  participantId: string;
  slackUserId: string;
  partnerSlackId: string;
  programmeName: string;
  notBefore?: Date;
}

function dm(
  p: PromptInput,
  idempotencyKey: string,
  kind: string,
  text: string,
  actionId: string,
  label: string,
): OutgoingMessage {
  return {
    idempotencyKey,
    kind,
    to: { users: [p.slackUserId] },
    text,
    blocks: [
      section(text),
      { type: 'actions', block_id: `feedback:${p.requestKey}`, elements: [button(label, actionId, p.requestKey, 'primary')] },
      context(PRIVATE_NOTE),
    ],
    ...(p.notBefore ? { notBefore: p.notBefore, metadata: { planned_at: p.notBefore.toISOString() } } : {}),
  };
}

/** After "We met": to each of the two, in their own DM. */
export function feedbackPrompt(p: PromptInput & { checkInId: string; sequence: number }): OutgoingMessage {
  const text = `Thanks for meeting <@${p.partnerSlackId}>! How was check-in ${p.sequence} of ${escapeText(p.programmeName)}? Two minutes: a rating, what you learned or taught, the topics you covered.`;
  return dm(
    p,
    `feedback-prompt:${p.checkInId}:${p.participantId}`,
    'feedback.prompt',
    text,
    FEEDBACK_ACTIONS.open,
    'Give feedback',
  );
}

const SURVEY_NAMES: Record<Exclude<FeedbackKind, 'checkin'>, string> = { midpoint: 'halfway', final: 'final' };

export function surveyPrompt(p: PromptInput & { kind: 'midpoint' | 'final'; pairingId: string }): OutgoingMessage {
  const text =
    p.kind === 'midpoint'
      ? `You are halfway through ${escapeText(p.programmeName)} with <@${p.partnerSlackId}>. How is it going? A short survey: progress on your objectives, what changed in how you work.`
      : `${escapeText(p.programmeName)} has come to an end. Thank you for taking part with <@${p.partnerSlackId}>! One last short survey: how far you got, what changed, and whether you would recommend the programme.`;
  return dm(
    p,
    `survey-prompt:${p.kind}:${p.pairingId}:${p.participantId}`,
    `survey.${p.kind}`,
    text,
    FEEDBACK_ACTIONS.survey,
    `Take the ${SURVEY_NAMES[p.kind]} survey`,
  );
}

/** The one gentle reminder. */
export function feedbackReminder(p: PromptInput & { kind: FeedbackKind }): OutgoingMessage {
  const text =
    p.kind === 'checkin'
      ? `A gentle reminder: your feedback on your last check-in with <@${p.partnerSlackId}> helps ${escapeText(p.programmeName)} work. Only if you have two minutes; this is the only reminder.`
      : `A gentle reminder: the ${SURVEY_NAMES[p.kind]} survey of ${escapeText(p.programmeName)} is still open for you. This is the only reminder.`;
  const actionId = p.kind === 'checkin' ? FEEDBACK_ACTIONS.open : FEEDBACK_ACTIONS.survey;
  return dm(
    p,
    `feedback-reminder:${p.requestKey}`,
    'feedback.reminder',
    text,
    actionId,
    p.kind === 'checkin' ? 'Give feedback' : 'Open the survey',
  );
}

export interface ConcernInput {
  coordinators: string[];
  requestKey: string;
  participantId: string;
  /** Identifies this submission: Slack's retry of it has the same view id. */
  viewId: string;
  slackUserId: string;
  role: string;
  partnerSlackId: string;
  programmeName: string;
  concern: string;
}

/** Straight to each coordinator's DM, sent because the person ticked the consent box; never to the partner. */
export function concernNotices(c: ConcernInput): OutgoingMessage[] {
  const text = `Private concern from <@${c.slackUserId}> (${c.role} in ${escapeText(c.programmeName)}, paired with <@${c.partnerSlackId}>), shared with you with their consent:\n>${escapeText(c.concern).replace(/\n/g, '\n>')}\nTheir partner has not been told.`;
  return c.coordinators.map((coordinator) => ({
    idempotencyKey: `concern:${c.participantId}:${c.requestKey}:${c.viewId}:${coordinator}`,
    kind: 'feedback.concern',
    to: { users: [coordinator] },
    text,
    blocks: [section(text)],
  }));
}

export function surveyThanks(
  slackUserId: string,
  requestKey: string,
  kind: 'midpoint' | 'final',
  programmeName: string,
): OutgoingMessage {
  const text =
    kind === 'final'
      ? `Thank you for your answers, and for everything you gave to ${escapeText(programmeName)}. Your pairing is now closed; keep in touch and keep learning!`
      : `Thank you for your answers: on to the second half of ${escapeText(programmeName)}!`;
  return {
    idempotencyKey: `survey-thanks:${requestKey}`,
    kind: 'survey.thanks',
    to: { users: [slackUserId] },
    text,
    blocks: [section(text)],
  };
}

/** Once both answered the final survey: a short closing word in the pair's group DM. */
export function closingThanks(
  pairingId: string,
  to: OutboxTarget,
  programmeName: string,
  mentor: string,
  mentee: string,
): OutgoingMessage {
  const text = `<@${mentor}> and <@${mentee}>: you both completed the final survey of ${escapeText(programmeName)}. Thank you for learning from each other; this pairing is now closed.`;
  return { idempotencyKey: `survey-closing:${pairingId}`, kind: 'survey.closing', to, text, blocks: [section(text)] };
}

export function objectivesNote(
  pairingId: string,
  to: OutboxTarget,
  by: string,
  objectives: string,
  viewId: string,
): OutgoingMessage {
  const text =
    objectives === ''
      ? `<@${by}> cleared your pair's objectives.`
      : `<@${by}> updated your pair's objectives:\n>${escapeText(objectives).replace(/\n/g, '\n>')}`;
  return { idempotencyKey: `objectives:${pairingId}:${viewId}`, kind: 'pairing.objectives', to, text, blocks: [section(text)] };
}

// ---- refusals and thanks: what the person reads after a click or a submission ----

export type FeedbackRefusal = 'not_yours' | 'not_logged' | 'closed' | 'left' | 'not_in_pair' | 'pair_over';

/** Why a form did not open or an answer was not saved; `programmeName` names the programme that is closed or over. */
export function feedbackRefusalText(reason: FeedbackRefusal, programmeName = 'This programme'): string {
  switch (reason) {
    case 'not_yours':
      return 'This form is not yours: only the person it was sent to can answer it. Nothing was saved.';
    case 'not_logged':
      return 'That check-in is not logged as met yet, so there is no feedback to give on it. Nothing was saved.';
    case 'closed':
      return `${escapeText(programmeName)} is closed: it no longer takes feedback or survey answers. Nothing was saved.`;
    case 'left':
      return 'You are no longer taking part in this programme, so this form is closed. Nothing was saved.';
    case 'not_in_pair':
      return 'Only the two people of this pair can set its objectives.';
    case 'pair_over':
      return `${escapeText(programmeName)} is over for this pair: its objectives can no longer change.`;
  }
}

const concernSentNote = (concernSent: boolean) => (concernSent ? ' Your concern went to the coordinators.' : '');

export function feedbackSavedText(edited: boolean, concernSent: boolean): string {
  return `${edited ? 'Your feedback is updated.' : 'Your feedback is saved.'}${concernSentNote(concernSent)} Your partner never sees it. You can change it with the same button.`;
}

export function surveySavedText(concernSent: boolean): string {
  return `Thank you: your answers are saved.${concernSentNote(concernSent)} Your partner never sees them.`;
}

// ---- modals ----

const RATINGS: Choice[] = [
  { value: '1', label: '1: not useful' },
  { value: '2', label: '2: a little useful' },
  { value: '3', label: '3: useful' },
  { value: '4', label: '4: very useful' },
  { value: '5', label: '5: excellent' },
];
const PROGRESS: Choice[] = [
  { value: '1', label: '1: not started' },
  { value: '2', label: '2: a first step' },
  { value: '3', label: '3: halfway' },
  { value: '4', label: '4: nearly there' },
  { value: '5', label: '5: achieved' },
];
const RECOMMEND: Choice[] = Array.from({ length: 11 }, (_, n) => ({
  value: String(n),
  label: n === 0 ? '0: not at all likely' : n === 10 ? '10: extremely likely' : String(n),
}));

function concernBlocks(initial: string | null): Block[] {
  return [
    textInput('concern', 'A private concern for the coordinators (optional)', {
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMIT,
      initial: initial ?? '',
      hint: 'Only the coordinators read this, with your name, so they can help. Leave it empty if all is well.',
    }),
    {
      type: 'input',
      block_id: 'concern_consent',
      optional: true,
      label: plain('Consent'),
      element: {
        type: 'checkboxes',
        action_id: 'value',
        options: [
          { text: plain('Send my concern to the coordinators with my name. My partner is not told.'), value: CONSENT_VALUE },
        ],
        ...(initial
          ? {
              initial_options: [
                {
                  text: plain('Send my concern to the coordinators with my name. My partner is not told.'),
                  value: CONSENT_VALUE,
                },
              ],
            }
          : {}),
      },
    },
  ];
}

export interface FeedbackModalInput {
  requestKey: string;
  programmeName: string;
  partnerSlackId: string;
  sequence: number;
  role: Role;
  topics: readonly Topic[];
  answer?: { rating: number | null; learned: string; topics: string[]; concern: string | null };
}

export function feedbackModal(i: FeedbackModalInput): types.ModalView {
  const a = i.answer;
  const blocks: Block[] = [
    section(
      `Check-in ${i.sequence} of *${escapeText(i.programmeName)}* with <@${i.partnerSlackId}>.${a ? ' You answered before: change what you like and save.' : ''}`,
    ),
    selectInput('rating', 'How useful was it?', RATINGS, a?.rating ? { initial: String(a.rating) } : {}),
    textInput('learned', i.role === 'mentor' ? 'What I taught or learned' : 'What I learned or taught', {
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMIT,
      initial: a?.learned ?? '',
    }),
  ];
  if (i.topics.length > 0) {
    blocks.push(
      multiSelectInput(
        'topics',
        'Topics we covered',
        i.topics.map((t) => ({ value: t.key, label: t.label })),
        { optional: true, initial: a?.topics ?? [] },
      ),
    );
  }
  blocks.push(...concernBlocks(a?.concern ?? null), context(PRIVATE_NOTE));
  return modal(FEEDBACK_MODAL, 'Check-in feedback', blocks, {
    submit: 'Save',
    privateMetadata: JSON.stringify({ key: i.requestKey }),
  });
}

export interface SurveyModalInput {
  requestKey: string;
  kind: 'midpoint' | 'final';
  programmeName: string;
  programmeObjectives: string;
  pairObjectives: string;
  role: Role;
  answer?: {
    progress: number | null;
    recommendScore: number | null;
    changed: string;
    commitment: string;
    concern: string | null;
  };
}

export function surveyModal(i: SurveyModalInput): types.ModalView {
  const a = i.answer;
  const objectives = [
    `*Programme objectives:* ${escapeText(i.programmeObjectives) || 'none set'}`,
    `*Your pair's objectives:* ${escapeText(i.pairObjectives) || 'none set yet (the "Our objectives" button in your group DM sets them)'}`,
  ].join('\n');
  const blocks: Block[] = [
    section(
      `${i.kind === 'midpoint' ? 'Halfway' : 'Final'} survey of *${escapeText(i.programmeName)}*.${a ? ' You answered before: change what you like and save.' : ''}\n${objectives}`,
    ),
    selectInput('progress', 'Progress against your objectives', PROGRESS, a?.progress ? { initial: String(a.progress) } : {}),
    selectInput(
      'recommend',
      'Would you recommend the programme to a colleague? (0 to 10)',
      RECOMMEND,
      a?.recommendScore !== null && a?.recommendScore !== undefined ? { initial: String(a.recommendScore) } : {},
    ),
    textInput('changed', 'What changed in how you work?', {
      optional: true,
      multiline: true,
      maxLength: TEXT_LIMIT,
      initial: a?.changed ?? '',
    }),
  ];
  if (i.role === 'mentee')
    blocks.push(
      textInput('commitment', 'One thing I commit to change', {
        multiline: true,
        maxLength: TEXT_LIMIT,
        initial: a?.commitment ?? '',
      }),
    );
  blocks.push(...concernBlocks(a?.concern ?? null), context(PRIVATE_NOTE));
  return modal(SURVEY_MODALS[i.kind], i.kind === 'midpoint' ? 'Halfway survey' : 'Final survey', blocks, {
    submit: 'Send',
    privateMetadata: JSON.stringify({ key: i.requestKey }),
  });
}

export function objectivesModal(
  pairingId: string,
  programmeName: string,
  programmeObjectives: string,
  current: string,
): types.ModalView {
  return modal(
    OBJECTIVES_MODAL,
    'Our objectives',
    [
      section(
        `What do you two want to achieve in *${escapeText(programmeName)}*? Both of you see these; the surveys ask how far you got.\n*Programme objectives:* ${escapeText(programmeObjectives) || 'none set'}`,
      ),
      textInput('objectives', 'Our objectives', {
        optional: true,
        multiline: true,
        maxLength: OBJECTIVES_LIMIT,
        initial: current,
        placeholder: 'e.g. By June, post on LinkedIn twice a month',
      }),
    ],
    { submit: 'Save', privateMetadata: JSON.stringify({ pairingId }) },
  );
}
