import {
  addCoordinator,
  coordinatorAccess,
  coordinatorList,
  removeCoordinator,
  type NamedScope,
} from '../../flows/coordinators.js';
import { programmeMeant } from '../../flows/programmes.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';
import type { CommandOutcome } from './kit/commands.js';
import { programmeNotSettledReply } from './kit/programmeChoice.js';
import { mentionedIn, type SlashCommand } from '../payloads.js';
import { ephemeral } from '../../messages/common/commandReplies.js';
import { programmeChoiceReply } from '../../messages/programmes/programmeChoice.js';
import {
  coordinatorAddedText,
  coordinatorListReply,
  coordinatorRemovedText,
  coordinatorUsageReply,
} from '../../messages/coordinators.js';

/**
 * The scope an add or remove means: `all` (every programme), a programme named, or, with none named, the only
 * programme the caller coordinates; otherwise the caller chooses (an admin of all may also choose every programme,
 * which is all there is before any programme is open).
 */
async function scopeMeant(
  command: SlashCommand,
  words: string[],
  rest: string[],
  deps: ListenerDeps,
): Promise<{ scope: NamedScope } | { outcome: CommandOutcome }> {
  if (rest.length === 1 && rest[0]!.toLowerCase() === 'all') return { scope: { kind: 'all' } };
  const adminOfAll = (await coordinatorAccess(deps, command.user_id)).kind === 'all';
  const meant = await programmeMeant(deps, command.user_id, rest, words.join(' '));
  if (meant.ok) {
    // An admin of all who names no programme, with one open, could mean it or every programme: they choose.
    if (rest.length === 0 && adminOfAll) return { outcome: { reply: programmeChoiceReply(words, [meant.value], true) } };
    return { scope: { kind: 'programme', programme: meant.value } };
  }
  if (rest.length === 0 && adminOfAll && meant.reason === 'no_programmes') return { scope: { kind: 'all' } };
  return { outcome: { reply: programmeNotSettledReply(meant, words, adminOfAll) } };
}

/** /rm-admin coordinator add|remove @person [programme|all], and list: coordinators share the work with colleagues. */
async function handleCoordinatorCommand(command: SlashCommand, args: string[], deps: ListenerDeps): Promise<CommandOutcome> {
  const [verb, target, ...rest] = args;
  if (verb === 'list' || verb === undefined) {
    if (args.length > 1) return { reply: coordinatorUsageReply() };
    return { reply: coordinatorListReply(await coordinatorList(deps, command.user_id)) };
  }
  const userId = mentionedIn(target ?? '');
  // A mention Slack made, not one typed as text (which Slack sends escaped).
  if ((verb !== 'add' && verb !== 'remove') || !userId || !command.mentionedUserIds.includes(userId))
    return { reply: coordinatorUsageReply() };
  const meant = await scopeMeant(command, ['coordinator', verb, `<@${userId}>`], rest, deps);
  if ('outcome' in meant) return meant.outcome;
  const { scope } = meant;
  if (verb === 'add') {
    const added = await addCoordinator(deps, scope, userId, command.user_id);
    return { reply: ephemeral(added.ok ? coordinatorAddedText(userId, scope) : added.message) };
  }
  const removed = await removeCoordinator(deps, scope, userId, command.user_id);
  return { reply: ephemeral(removed.ok ? coordinatorRemovedText(userId, scope) : removed.message) };
}

/** Coordinators: `/rm-admin coordinator add|remove|list` (also spelled `coordinators`). */
export function register({ commands, deps }: Listeners): void {
  for (const verb of ['coordinator', 'coordinators'])
    commands.admin(verb, (command, args) => handleCoordinatorCommand(command, args, deps));
}
