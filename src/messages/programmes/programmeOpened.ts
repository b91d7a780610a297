import type { ProgrammeDraft } from '../../domain/programmes.js';
import type { OutgoingMessage } from '../outgoing.js';
import { slackDay } from '../common/dates.js';
import { context, escapeText, section } from '../common/text.js';

/** Written with the new programme: a DM to the coordinator and, if chosen, the channel announcement. */
export function programmeOpenedMessages(
  p: ProgrammeDraft & { id: string; coordinatorId: string; timezone: string },
): OutgoingMessage[] {
  const name = escapeText(p.name);
  // Days of the programme's calendar (its zone): each reader sees them in their own locale.
  const when = `Signup is open until ${slackDay(p.signupDeadline, p.timezone)}; the programme starts on ${slackDay(p.startDate, p.timezone)} and runs ${p.durationMonths} months, with a check-in every ${p.cadenceDays / 7} weeks.`;
  const coordinatorText = `*${name}* is open for signup. ${when} Share \`/rm-join\` with your colleagues; \`/rm-admin match\` previews the matching once signups are in.`;
  const messages: OutgoingMessage[] = [
    {
      idempotencyKey: `programme-opened:${p.id}:${p.coordinatorId}`,
      kind: 'programme.opened',
      to: { users: [p.coordinatorId] },
      text: `${name} is open for signup.`,
      blocks: [section(coordinatorText), ...(p.objectives ? [context(`Objectives: ${escapeText(p.objectives)}`)] : [])],
    },
  ];
  if (p.announcementChannel) {
    messages.push({
      idempotencyKey: `programme-announced:${p.id}`,
      kind: 'programme.announcement',
      to: { channel: p.announcementChannel },
      text: `Reverse mentoring: ${name} is open for signup.`,
      blocks: [
        section(
          `:sparkles: *${name}: reverse mentoring is back!*\nJunior colleagues teach senior leaders about digital, social media, new technology and workplace culture, and learn leadership and strategy in return. ${when}`,
        ),
        section('Type `/rm-join` to sign up as a mentor (you teach) or a mentee (you learn).'),
      ],
    });
  }
  return messages;
}
