// The weekly digest's buttons: each value is parsed with zod, the flow checks who pressed and whether it still
// applies, and the answer goes only to the coordinator who pressed (an ephemeral note, or the profile's modal).
import { z } from 'zod';
import { nudgeAgain, offerRematch, pausePair, profileFor, type DigestActionOutcome } from '../../flows/digestActions.js';
import { noticeModal } from '../../messages/common/noticeModal.js';
import { DIGEST_ACTIONS } from '../../messages/digest.js';
import { profileModal } from '../../messages/digestReplies.js';
import { blockActionSchema, type BlockAction } from '../payloads.js';
import { onButtons } from './kit/buttons.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';

const id = z.string().min(1).max(100);
const VALUES = {
  [DIGEST_ACTIONS.nudge]: z.object({ p: id, f: z.number().int().nonnegative() }),
  [DIGEST_ACTIONS.pause]: z.object({ p: id }),
  [DIGEST_ACTIONS.rematch]: z.object({ r: id, p: id }),
  [DIGEST_ACTIONS.secondRematch]: z.object({ r: id, p: id }),
  [DIGEST_ACTIONS.profile]: z.object({ r: id }),
} as const;

const UNREADABLE = 'Sorry, I could not read that button. Nothing was changed.';

function valueOf<S extends z.ZodType>(schema: S, action: BlockAction): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(action.actions[0]?.value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function act(deps: ListenerDeps, action: BlockAction): Promise<DigestActionOutcome | null> {
  const clicker = action.user.id;
  switch (action.actions[0]?.action_id) {
    case DIGEST_ACTIONS.nudge: {
      const v = valueOf(VALUES[DIGEST_ACTIONS.nudge], action);
      return v && nudgeAgain(deps, { pairingId: v.p, flaggedAt: v.f }, clicker);
    }
    case DIGEST_ACTIONS.pause: {
      const v = valueOf(VALUES[DIGEST_ACTIONS.pause], action);
      return v && pausePair(deps, v.p, clicker);
    }
    case DIGEST_ACTIONS.rematch:
    case DIGEST_ACTIONS.secondRematch: {
      const v = valueOf(VALUES[DIGEST_ACTIONS.rematch], action);
      // (both rematch buttons carry the same shape)
      return v && offerRematch(deps, { participantId: v.r, pairingId: v.p }, clicker);
    }
    default:
      return null;
  }
}

export function register({ routes, deps }: Listeners): void {
  const acting = [DIGEST_ACTIONS.nudge, DIGEST_ACTIONS.pause, DIGEST_ACTIONS.rematch, DIGEST_ACTIONS.secondRematch];
  onButtons(routes, deps, acting, blockActionSchema, async (action, { respond }) => {
    const outcome = await act(deps, action);
    const text = !outcome ? UNREADABLE : outcome.ok ? outcome.value : outcome.message;
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  });
  onButtons(
    routes,
    deps,
    [DIGEST_ACTIONS.profile, DIGEST_ACTIONS.secondProfile],
    blockActionSchema,
    async (action, { client }) => {
      const v = valueOf(VALUES[DIGEST_ACTIONS.profile], action);
      const outcome = v ? await profileFor(deps, v.r, action.user.id) : null;
      const view = !outcome
        ? noticeModal('Profile', UNREADABLE)
        : outcome.ok
          ? profileModal(outcome.value)
          : noticeModal('Profile', outcome.message);
      await client.views.open({ trigger_id: action.trigger_id, view });
    },
    'urgent',
  );
}
