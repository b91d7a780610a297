// /rm-admin coordinator add|remove|list, and refusals about someone else's programme: what the coordinator reads.
import { ephemeral, type EphemeralReply } from './common/commandReplies.js';
import { escapeText } from './common/text.js';

export const coordinatorUsageReply = (): EphemeralReply =>
  ephemeral(
    'Usage: `/rm-admin coordinator add @person [programme|all]`, `/rm-admin coordinator remove @person [programme|all]` or `/rm-admin coordinator list`. `all` means every programme.',
  );

export interface CoordinatorList {
  adminsOfAll: string[];
  /** the open programmes the reader coordinates, each with its own coordinators */
  programmes: Array<{ name: string; coordinators: string[] }>;
}

const mentions = (ids: string[]) => ids.map((id) => `<@${id}>`).join(', ') || 'none';

export function coordinatorListReply(list: CoordinatorList): EphemeralReply {
  const lines = [
    `Coordinators of every programme: ${mentions(list.adminsOfAll)}.`,
    ...list.programmes.map((p) => `*${escapeText(p.name)}*: ${mentions(p.coordinators)}.`),
  ];
  return ephemeral(lines.join('\n'));
}

/** The scope an answer is about: every programme, or one by name. */
export type ScopeWords = { kind: 'all' } | { kind: 'programme'; programme: { name: string } };

const ofScope = (s: ScopeWords) => (s.kind === 'all' ? 'every programme' : `*${escapeText(s.programme.name)}*`);

export type CoordinatorRefusal = 'already_coordinator' | 'configured_coordinator' | 'not_coordinator' | 'not_allowed';

export const coordinatorAddedText = (userId: string, s: ScopeWords) => `<@${userId}> is now a coordinator of ${ofScope(s)}.`;
export const coordinatorRemovedText = (userId: string, s: ScopeWords) =>
  `<@${userId}> is no longer a coordinator of ${ofScope(s)}.`;

export function coordinatorRefusalText(userId: string, reason: CoordinatorRefusal, s: ScopeWords): string {
  switch (reason) {
    case 'already_coordinator':
      return `<@${userId}> is already a coordinator of ${ofScope(s)}.`;
    case 'configured_coordinator':
      return `<@${userId}> is a coordinator through the bot's settings (RM_COORDINATORS); ask whoever runs the bot.`;
    case 'not_coordinator':
      return `<@${userId}> was not a coordinator of ${ofScope(s)}.`;
    case 'not_allowed':
      return s.kind === 'all'
        ? 'Only a coordinator of every programme can change who coordinates every programme.'
        : `Only coordinators of ${ofScope(s)} can change who coordinates it.`;
  }
}

/** A coordinator of other programmes pressed a button of this one's matching. */
export const notYourMatchingText = (): string =>
  'Sorry, this matching belongs to a programme you do not coordinate, so I changed nothing.';

/** A coordinator of other programmes tried this one. */
export function notYourProgrammeText(programmeName: string, own: string[]): string {
  const yours = own.length > 0 ? ` You coordinate ${own.map((n) => `*${escapeText(n)}*`).join(', ')}.` : '';
  return `Sorry, *${escapeText(programmeName)}* is not one of your programmes, so I changed nothing.${yours} One of its coordinators can add you with \`/rm-admin coordinator add @you ${escapeText(programmeName)}\`.`;
}
