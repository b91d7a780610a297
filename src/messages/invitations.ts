// "Scheduled for...": the calendar invitation both members get in their group DM, as an .ics file (an update when
// they reschedule, a cancellation when they skip). Data in, outbox messages out: no I/O.
import { icsFile, type CalendarEvent } from '../domain/calendar/ics.js';
import { slackTime } from './common/dates.js';
import { escapeText } from './common/text.js';
import { pairTarget, type PairPeople } from './checkIns.js';
import type { OutgoingMessage } from './outgoing.js';

export interface InvitationInput {
  pair: PairPeople;
  zones: { mentor: string; mentee: string };
  checkInId: string;
  /** the check-in's number in the pair's series */
  sequence: number;
  start: Date;
  end: Date;
  /** the invitation's SEQUENCE (RFC 5545): 0, then one more for each reschedule and for the cancellation */
  invitationSequence: number;
  /** who clicked */
  by: string;
  /** when (DTSTAMP) */
  now: Date;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** "Tue 10 Mar 2026, 15:00" on the clock of `zone`. */
export function localDateTime(at: Date, zone: string): string {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    });
    formats.set(zone, f);
  }
  const parts = f.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/** Both members' local times: "Tue 10 Mar 2026, 15:00 for <@mentee> (Europe/London) and ... for <@mentor> (...)". */
/** Each reader's own time first (Slack's date formatting), then both members' local times, as the invitation says. */
function bothTimes(i: InvitationInput): string {
  const one = (user: string, zone: string) => `${localDateTime(i.start, zone)} for <@${user}> (${zone})`;
  const yours = slackTime(i.start, `${localDateTime(i.start, i.zones.mentee)} (${i.zones.mentee})`);
  return `${yours} your time: ${one(i.pair.mentee.slackUserId, i.zones.mentee)} and ${one(i.pair.mentor.slackUserId, i.zones.mentor)}`;
}

function event(i: InvitationInput, method: CalendarEvent['method']): CalendarEvent {
  const programme = i.pair.programmeName;
  return {
    uid: `checkin-${i.checkInId}@reverse-mentoring-bot`,
    sequence: i.invitationSequence,
    method,
    start: i.start,
    end: i.end,
    stamp: i.now,
    summary: `Reverse mentoring: check-in ${i.sequence} of ${programme}`,
    description: `Check-in ${i.sequence} of ${programme}, planned in Slack. Afterwards, press "We met" on the bot's message there.`,
  };
}

function fileMessage(
  i: InvitationInput,
  key: string,
  kind: string,
  text: string,
  method: CalendarEvent['method'],
): OutgoingMessage[] {
  const to = pairTarget(i.pair);
  if (!to) return [];
  const name = method === 'CANCEL' ? 'cancelled' : 'invitation';
  return [
    {
      idempotencyKey: key,
      kind,
      to,
      text,
      file: {
        filename: `check-in-${i.sequence}-${name}.ics`,
        title: `Check-in ${i.sequence}: ${method === 'CANCEL' ? 'cancelled' : 'calendar invitation'}`,
        content: icsFile(event(i, method)),
      },
    },
  ];
}

/** The invitation (SEQUENCE 0) or its update after a reschedule; key `checkin:<id>:invitation:<sequence>`. */
export function invitationMessage(i: InvitationInput): OutgoingMessage[] {
  const programme = escapeText(i.pair.programmeName);
  const verb = i.invitationSequence === 0 ? 'scheduled' : 'moved';
  const text =
    `<@${i.by}> ${verb} check-in ${i.sequence} of ${programme} ${i.invitationSequence === 0 ? 'for' : 'to'} ${bothTimes(i)}. ` +
    `Open the attached invitation to ${i.invitationSequence === 0 ? 'add it to' : 'update'} your calendar; no reminder before then.`;
  return fileMessage(i, `checkin:${i.checkInId}:invitation:${i.invitationSequence}`, 'checkin.invitation', text, 'REQUEST');
}

/** "Not this time" on a scheduled check-in: the cancellation (METHOD:CANCEL, a higher SEQUENCE). */
export function cancellationMessage(i: InvitationInput): OutgoingMessage[] {
  const text = `Check-in ${i.sequence} of ${escapeText(i.pair.programmeName)} (${bothTimes(i)}) is off. Open the attached file to remove it from your calendar.`;
  return fileMessage(
    i,
    `checkin:${i.checkInId}:invitation:${i.invitationSequence}`,
    'checkin.invitation_cancelled',
    text,
    'CANCEL',
  );
}
