import { escapeText, section, type Block } from './text.js';

export const KNOWN_COMMANDS = ['/rm-join', '/rm-report', '/rm-admin'] as const;

export interface EphemeralReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: Block[];
}

export const ephemeral = (text: string): EphemeralReply => ({ response_type: 'ephemeral', text, blocks: [section(text)] });

export const unknownCommandReply = (command: string) =>
  ephemeral(
    `I don't know \`${escapeText(command)}\`. I answer to ${KNOWN_COMMANDS.map((c) => `\`${c}\``).join(', ')}; \`/rm-admin help\` lists what coordinators can do.`,
  );

export const coordinatorOnlyReply = (command: string) =>
  ephemeral(
    `Sorry, \`${escapeText(command)}\` is for programme coordinators. If you think you should be one, ask your HR or L&D team to add you.`,
  );

export const unknownAdminSubcommandReply = (sub: string) =>
  ephemeral(`\`/rm-admin ${escapeText(sub)}\` is not something I can do. Try \`/rm-admin help\`.`);

export const adminHelpReply = (): EphemeralReply => {
  const lines = [
    '*What coordinators can do*',
    '• `/rm-admin open`: open a reverse-mentoring programme (name, dates, cadence, seniority gap, objectives, signup deadline); you become its coordinator',
    '• `/rm-admin match [programme]`: preview the draft matching for a programme; swap, pin or remove pairs; approve',
    '• `/rm-admin announce [programme]`: introduce the approved pairs in group DMs and tell the waitlist',
    "• `/rm-admin edit [programme]`: change a programme's dates, cadence, objectives, topics, signup deadline or channel (every change is recorded)",
    '• `/rm-admin close [programme]`: close a programme (asks first): pairs end, nudges and surveys stop',
    '• `/rm-admin coordinator add|remove @person [programme|all]`: share the coordinator role for one programme, or (admins of all) for every programme',
    '• `/rm-admin coordinator list`: who coordinates your programmes',
    '• `/rm-report [programme]`: programme health, CSV export and a chart',
    '• `/rm-admin dashboard`: a personal link (once, 10 minutes) to the web dashboard: roster, matching review, health, exports',
    '• `/rm-admin help`: this list',
    'Without a programme name, a command uses your only open programme, or asks which one you mean.',
  ];
  return { response_type: 'ephemeral', text: lines.join('\n'), blocks: [section(lines.join('\n'))] };
};

export const noOpenProgrammeReply = () =>
  ephemeral(
    'No reverse-mentoring programme is open for signup right now. Your HR or L&D team will announce the next one; a coordinator opens it with `/rm-admin open`.',
  );

export const NO_PROGRAMMES_TEXT = 'There are no programmes yet. Open one with `/rm-admin open`.';

export const noProgrammesReply = () => ephemeral(NO_PROGRAMMES_TEXT);

export const malformedCommandReply = () => ephemeral('Sorry, Slack sent me a command I could not read. Please try again.');

/**
 * A command whose form could not open: Slack's rate limit refused the modal, or the command waited longer than the
 * 3 seconds its trigger lives. Typing it again brings a fresh trigger.
 */
export const slackBusyReply = (typed: string) =>
  ephemeral(
    `Slack is busy right now, so the form for \`${escapeText(typed)}\` could not open. Please run \`${escapeText(typed)}\` again in a minute.`,
  );
