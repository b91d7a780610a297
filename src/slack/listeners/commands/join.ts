import { isoDateOf } from '../../../domain/localDate.js';
import { listOpenProgrammes } from '../../../store/programmes.js';
import { chooseProgrammeReply } from '../../views/chooseProgramme.js';
import { noOpenProgrammeReply } from '../../views/commandReplies.js';
import { openSignupModal } from '../signupFlow.js';
import type { CommandHandler } from './index.js';

export const handleJoin: CommandHandler = async (command, deps, client) => {
  const open = await listOpenProgrammes(deps.db);
  if (open.length === 0) return { reply: noOpenProgrammeReply() };
  if (open.length > 1) {
    return { reply: chooseProgrammeReply(open.map((p) => ({ id: p.id, name: p.name, signupDeadline: isoDateOf(p.signupDeadline) }))) };
  }
  const programmeId = open[0]!.id;
  return { afterAck: () => openSignupModal(deps, client, command.trigger_id, command.user_id, programmeId) };
};
