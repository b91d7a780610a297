import { isCoordinator } from '../../../store/coordinators.js';
import { coordinatorOnlyReply, noProgrammesReply, notYetAvailableReply } from '../../views/commandReplies.js';
import type { CommandHandler } from './index.js';

export const handleReport: CommandHandler = async (command, deps) => {
  if (!(await isCoordinator(deps.db, deps.config.coordinators, command.user_id))) return { reply: coordinatorOnlyReply(command.command) };
  if ((await deps.db.programme.count()) === 0) return { reply: noProgrammesReply() };
  return { reply: notYetAvailableReply(command.command) };
};
