import type { WebClient } from '@slack/web-api';
import { joinChoices, signupClosedText } from '../../../flows/signup.js';
import { chooseProgrammeReply } from '../../../messages/signup/chooseProgramme.js';
import { ephemeral, noOpenProgrammeReply } from '../../../messages/common/commandReplies.js';
import { openSignupModal } from './openSignupModal.js';
import type { SlashCommand } from '../../payloads.js';
import type { CommandOutcome } from '../kit/commands.js';
import type { ListenerDeps } from '../kit/deps.js';

/**
 * /rm-join: the signup modal of the one programme open for signup (or the profile of the one the person takes part
 * in), or a choice between several; after the deadline, when it closed and whom to ask.
 */
export async function handleJoin(command: SlashCommand, deps: ListenerDeps, client: WebClient): Promise<CommandOutcome> {
  const { offers, closedFor } = await joinChoices(deps, command.user_id);
  if (offers.length === 0) return { reply: closedFor ? ephemeral(signupClosedText(closedFor)) : noOpenProgrammeReply() };
  if (offers.length > 1) return { reply: chooseProgrammeReply(offers) };
  const programmeId = offers[0]!.id;
  return { afterAck: () => openSignupModal(deps, client, command.trigger_id, command.user_id, programmeId) };
}
