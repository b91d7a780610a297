import { z } from 'zod';
import { listCoordinators } from '../../store/coordinators.js';
import { addCoordinator, removeCoordinator } from '../../store/coordinatorAdmin.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';
import type { SlashCommand } from '../payloads.js';
import { ephemeral } from '../../messages/common/commandReplies.js';

// With should_escape on, Slack sends a mention as <@U123ABC> or <@U123ABC|name>.
const mention = z.string().regex(/^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/);
const USAGE = 'Usage: `/rm-admin coordinator add @person`, `/rm-admin coordinator remove @person` or `/rm-admin coordinator list`.';

/** /rm-admin coordinator add|remove|list: coordinators share the work with colleagues. */
async function handleCoordinatorCommand(command: SlashCommand, args: string[], deps: ListenerDeps) {
  const [verb, target] = args;
  if (verb === 'list' || verb === undefined) {
    const all = await listCoordinators(deps.db, deps.config.coordinators);
    return ephemeral(`Coordinators: ${all.map((id) => `<@${id}>`).join(', ') || 'none'}.`);
  }
  const parsed = mention.safeParse(target ?? '');
  if ((verb !== 'add' && verb !== 'remove') || !parsed.success || args.length !== 2) return ephemeral(USAGE);
  const userId = /^<@([UW][A-Z0-9]+)/.exec(parsed.data)![1]!;
  if (verb === 'add') {
    const added = await addCoordinator(deps.db, userId, command.user_id);
    return ephemeral(added ? `<@${userId}> is now a coordinator.` : `<@${userId}> is already a coordinator.`);
  }
  if (deps.config.coordinators.includes(userId)) return ephemeral(`<@${userId}> is a coordinator through the bot's settings (RM_COORDINATORS); ask whoever runs the bot.`);
  const removed = await removeCoordinator(deps.db, userId);
  return ephemeral(removed ? `<@${userId}> is no longer a coordinator.` : `<@${userId}> was not a coordinator.`);
}

/** Coordinators: `/rm-admin coordinator add|remove|list`. */
export function register({ commands, deps }: Listeners): void {
  commands.admin('coordinator', async (command, args) => ({ reply: await handleCoordinatorCommand(command, args, deps) }));
}
