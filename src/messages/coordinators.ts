// /rm-admin coordinator add|remove|list: what the coordinator reads.
import { ephemeral, type EphemeralReply } from './common/commandReplies.js';

export const coordinatorUsageReply = (): EphemeralReply =>
  ephemeral(
    'Usage: `/rm-admin coordinator add @person`, `/rm-admin coordinator remove @person` or `/rm-admin coordinator list`.',
  );

export const coordinatorListReply = (ids: string[]): EphemeralReply =>
  ephemeral(`Coordinators: ${ids.map((id) => `<@${id}>`).join(', ') || 'none'}.`);

export const coordinatorAddedReply = (userId: string, refusal?: 'already_coordinator'): EphemeralReply =>
  ephemeral(refusal ? `<@${userId}> is already a coordinator.` : `<@${userId}> is now a coordinator.`);

export const coordinatorRemovedReply = (
  userId: string,
  refusal?: 'configured_coordinator' | 'not_coordinator',
): EphemeralReply => {
  if (refusal === 'configured_coordinator')
    return ephemeral(`<@${userId}> is a coordinator through the bot's settings (RM_COORDINATORS); ask whoever runs the bot.`);
  return ephemeral(
    refusal === 'not_coordinator' ? `<@${userId}> was not a coordinator.` : `<@${userId}> is no longer a coordinator.`,
  );
};
