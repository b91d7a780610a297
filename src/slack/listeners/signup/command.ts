import type { WebClient } from '@slack/web-api';
import { openProgrammes } from '../../../flows/signup.js';
import { chooseProgrammeReply } from '../../../messages/signup/chooseProgramme.js';
import { noOpenProgrammeReply } from '../../../messages/common/commandReplies.js';
import { openSignupModal } from './openSignupModal.js';
import type { SlashCommand } from '../../payloads.js';
import type { CommandOutcome } from '../kit/commands.js';
import type { ListenerDeps } from '../kit/deps.js';

/** /rm-join: the signup modal of the one open programme, or a choice between several. */
export async function handleJoin(command: SlashCommand, deps: ListenerDeps, client: WebClient): Promise<CommandOutcome> {
  const open = await openProgrammes(deps);
  if (open.length === 0) return { reply: noOpenProgrammeReply() };
  if (open.length > 1) return { reply: chooseProgrammeReply(open) };
  const programmeId = open[0]!.id;
  return { afterAck: () => openSignupModal(deps, client, command.trigger_id, command.user_id, programmeId) };
}
