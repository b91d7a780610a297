// The web dashboard (docs/dashboard.md): what Slack says about it, what the people a coordinator acted on
// from it are told, and the refusals its use cases give.
import { slackDay } from './common/dates.js';
import { escapeText, section } from './common/text.js';
import type { OutgoingMessage } from './outgoing.js';

export const DASHBOARD_ACTIONS = { open: 'home_dashboard_link' } as const;

/** The private answer to `/rm-admin dashboard` (and the App Home button): a personal link, once, 10 minutes. */
export function dashboardLinkText(url: string, minutes: number): string {
  return `Here is your personal link to the coordinator dashboard: <${url}|open the dashboard>. It works once, in the next ${minutes} minutes, and only for you; the session it starts lasts 8 hours. Do not share it.`;
}

export const dashboardCoordinatorsOnlyText = (): string =>
  'The dashboard is for programme coordinators. If you think you should be one, ask your HR or L&D team to add you.';

// ---- Refusals of the sign-in (plain text: the dashboard shows them as they are) ----

export type SignInRefusal = 'invalid_link' | 'not_coordinator' | 'signed_out' | 'sign_in_failed' | 'wrong_workspace';

export function signInRefusalText(reason: SignInRefusal): string {
  switch (reason) {
    case 'invalid_link':
      return 'This sign-in link cannot be used: it has already been used, has expired (links last 10 minutes) or was never issued. Type /rm-admin dashboard in Slack for a new one.';
    case 'not_coordinator':
      return 'The dashboard is for programme coordinators only.';
    case 'signed_out':
      return 'You are signed out. Type /rm-admin dashboard in Slack for a sign-in link.';
    case 'sign_in_failed':
      return 'Signing in with Slack did not work. Try again, or type /rm-admin dashboard in Slack for a sign-in link.';
    case 'wrong_workspace':
      return 'You signed in to a different Slack workspace than the one this bot serves.';
  }
}

// ---- The roster's actions ----

export type RosterRefusal =
  'missing' | 'not_coordinator' | 'not_active' | 'no_date' | 'not_after_today' | 'after_programme_end' | 'programme_over';

export function rosterRefusalText(reason: RosterRefusal, programmeEnd?: string): string {
  switch (reason) {
    case 'missing':
      return 'This person is no longer in this programme.';
    case 'not_coordinator':
      return 'Only programme coordinators can change a participation.';
    case 'not_active':
      return 'This person has already left the programme: there is nothing to change.';
    case 'no_date':
      return 'Choose the day they will be back.';
    case 'not_after_today':
      return 'Choose a day after today (in their time zone).';
    case 'after_programme_end':
      return `The programme ends on ${programmeEnd ?? 'an earlier day'}: choose an earlier day, or withdraw them instead.`;
    case 'programme_over':
      return 'This programme has ended: participations no longer change.';
  }
}

/** The person a coordinator paused from the dashboard is told, once per end date. */
export function pausedByCoordinatorNotice(p: {
  participantId: string;
  slackUserId: string;
  programmeName: string;
  until: string;
  coordinatorSlackId: string;
  /** The person's zone: the day shows in their own locale (messages/common/dates.ts). */
  timezone: string;
}): OutgoingMessage {
  const text = `<@${p.coordinatorSlackId}> has paused your place in ${escapeText(p.programmeName)} until ${slackDay(p.until, p.timezone)}: no check-ins or nudges until then, and you resume by yourself on that day. You can resume earlier from the bot's Home tab.`;
  return {
    idempotencyKey: `dashboard-paused:${p.participantId}:${p.until}`,
    kind: 'participant.paused_by_coordinator',
    to: { users: [p.slackUserId] },
    text,
    blocks: [section(text)],
  };
}

/** The person a coordinator withdrew from the dashboard is told, once. */
export function withdrawnByCoordinatorNotice(p: {
  participantId: string;
  slackUserId: string;
  programmeName: string;
  coordinatorSlackId: string;
}): OutgoingMessage {
  const text = `<@${p.coordinatorSlackId}> has taken you out of ${escapeText(p.programmeName)}: you will get no more check-ins for it. Your past check-ins still count in the programme's anonymous figures. Ask your coordinator if this is a mistake; you can join a future programme with /rm-join.`;
  return {
    idempotencyKey: `dashboard-withdrawn:${p.participantId}`,
    kind: 'participant.withdrawn_by_coordinator',
    to: { users: [p.slackUserId] },
    text,
    blocks: [section(text)],
  };
}
