import { isCoordinator } from '../../../store/coordinators.js';
import { adminHelpReply, coordinatorOnlyReply, notYetAvailableReply, unknownAdminSubcommandReply } from '../../views/commandReplies.js';
import type { CommandHandler } from './index.js';

const SUBCOMMANDS = ['open', 'match', 'announce', 'close', 'help'] as const;

export const handleAdmin: CommandHandler = async (command, deps) => {
  if (!(await isCoordinator(deps.db, deps.config.coordinators, command.user_id))) return coordinatorOnlyReply(command.command);
  const sub = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (sub === '' || sub === 'help') return adminHelpReply();
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) return unknownAdminSubcommandReply(sub);
  return notYetAvailableReply(`/rm-admin ${sub}`);
};
