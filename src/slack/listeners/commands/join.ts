import { countOpenProgrammes } from '../../../store/coordinators.js';
import { noOpenProgrammeReply, notYetAvailableReply } from '../../views/commandReplies.js';
import type { CommandHandler } from './index.js';

export const handleJoin: CommandHandler = async (command, deps) => {
  if ((await countOpenProgrammes(deps.db)) === 0) return noOpenProgrammeReply();
  return notYetAvailableReply(command.command);
};
