// /rm-admin coordinator add|remove|list: what the coordinator reads.
import { ephemeral, type EphemeralReply } from './common/commandReplies.js';

export const coordinatorUsageReply = (): EphemeralReply =>
  ephemeral(
    'Usage: `/rm-admin coordinator add @person`, `/rm-admin coordinator remove @person` or `/rm-admin coordinator list`.',
  );

export const coordinatorListReply = (ids: string[]): EphemeralReply =>
  ephemeral(`Coordinators: ${ids.map((id) => `<@${id}>`).join(', ') || 'none'}.`);

export type CoordinatorRefusal = 'already_coordinator' | 'configured_coordinator' | 'not_coordinator';

export const coordinatorAddedText = (userId: string) => `<@${userId}> is now a coordinator.`;
export const coordinatorRemovedText = (userId: string) => `<@${userId}> is no longer a coordinator.`;

export function coordinatorRefusalText(userId: string, reason: CoordinatorRefusal): string {
  switch (reason) {
    case 'already_coordinator':
      return `<@${userId}> is already a coordinator.`;
    case 'configured_coordinator':
      return `<@${userId}> is a coordinator through the bot's settings (RM_COORDINATORS); ask whoever runs the bot.`;
    case 'not_coordinator':
      return `<@${userId}> was not a coordinator.`;
  }
}
