import type { PairPeople } from '../../messages/checkIns.js';
import type { PairContext } from '../../store/checkIns.js';

/** What the check-in messages need of a stored pair. */
export function peopleOf(p: PairContext): PairPeople {
  return {
    pairingId: p.id,
    programmeName: p.programme.name,
    mentor: p.mentor,
    mentee: p.mentee,
    groupChannelId: p.groupChannelId,
  };
}
