import { z } from 'zod';
import { addCoordinator, listCoordinators, removeCoordinator } from '../../flows/coordinators.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';
import type { SlashCommand } from '../payloads.js';
import { ephemeral } from '../../messages/common/commandReplies.js';
import {
  coordinatorAddedText,
  coordinatorListReply,
  coordinatorRemovedText,
  coordinatorUsageReply,
} from '../../messages/coordinators.js';

// With should_escape on, Slack sends a mention as <@U123ABC> or <@U123ABC|name>.
const mention = z.string().regex(/^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/);

/** /rm-admin coordinator add|remove|list: coordinators share the work with colleagues. */
async function handleCoordinatorCommand(command: SlashCommand, args: string[], deps: ListenerDeps) {
  const [verb, target] = args;
  if (verb === 'list' || verb === undefined) return coordinatorListReply(await listCoordinators(deps));
  const parsed = mention.safeParse(target ?? '');
  if ((verb !== 'add' && verb !== 'remove') || !parsed.success || args.length !== 2) return coordinatorUsageReply();
  const userId = /^<@([UW][A-Z0-9]+)/.exec(parsed.data)![1]!;
  if (verb === 'add') {
    const added = await addCoordinator(deps, userId, command.user_id);
    return ephemeral(added.ok ? coordinatorAddedText(userId) : added.message);
  }
  const removed = await removeCoordinator(deps, userId);
  return ephemeral(removed.ok ? coordinatorRemovedText(userId) : removed.message);
}

/** Coordinators: `/rm-admin coordinator add|remove|list`. */
export function register({ commands, deps }: Listeners): void {
  commands.admin('coordinator', async (command, args) => ({ reply: await handleCoordinatorCommand(command, args, deps) }));
}
