import { addDays } from '../../../domain/calendar.js';
import { localDate } from '../../../domain/localDate.js';
import { isCoordinator } from '../../../store/coordinators.js';
import { adminHelpReply, coordinatorOnlyReply, unknownAdminSubcommandReply } from '../../views/commandReplies.js';
import { handleCloseCommand } from '../closing/index.js';
import { programmeModal } from '../../views/programmeModal.js';
import { handleAnnounceCommand, handleMatchCommand } from '../matching/index.js';
import { handleCoordinatorCommand } from './coordinators.js';
import type { CommandHandler } from './index.js';

const SUBCOMMANDS = ['open', 'match', 'announce', 'close', 'coordinator', 'help'] as const;

export const handleAdmin: CommandHandler = async (command, deps, client) => {
  if (!(await isCoordinator(deps.db, deps.config.coordinators, command.user_id))) return { reply: coordinatorOnlyReply(command.command) };
  const [first, ...args] = command.text.trim().split(/\s+/).filter(Boolean);
  const sub = first?.toLowerCase() ?? '';
  if (sub === '' || sub === 'help') return { reply: adminHelpReply() };
  if (!(SUBCOMMANDS as readonly string[]).includes(sub)) return { reply: unknownAdminSubcommandReply(sub) };
  if (sub === 'coordinator') return { reply: await handleCoordinatorCommand(command, args, deps) };
  if (sub === 'open') {
    const today = localDate(deps.clock.now(), deps.config.timezone);
    const view = programmeModal({ startDate: addDays(today, 28), signupDeadline: addDays(today, 14), timezone: deps.config.timezone });
    return { afterAck: async () => void (await client.views.open({ trigger_id: command.trigger_id, view })) };
  }
  if (sub === 'match') return handleMatchCommand(command, args, deps, client);
  if (sub === 'announce') return handleAnnounceCommand(command, args, deps);
  return handleCloseCommand(command, args, deps);
};
