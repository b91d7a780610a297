// Buttons on a check-in nudge. Each listener acks first, parses with zod, calls the check-in flow and, when
// the click changed nothing, tells the person who clicked why.
import { z } from 'zod';
import {
  changeCadence,
  logMeeting,
  pauseCheckIns,
  resumeCheckIns,
  scheduleMeeting,
  skipCheckIn,
  type CheckInClick,
  type CheckInOutcome,
} from '../../../flows/checkIns/index.js';
import { CHECKIN_ACTIONS, CHECKIN_BLOCK_PREFIX } from '../../../messages/checkIns.js';
import type { ListenerDeps } from '../kit/deps.js';
import { onButtons } from '../kit/buttons.js';
import type { Listeners } from '../kit/registry.js';

const checkInActionSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().regex(/^[A-Z0-9]+$/) }),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        // The datetimepicker's UNIX seconds; anything else gets the flow's private "not a day and a time" note.
        selected_date_time: z.union([z.number(), z.string().max(32)]).optional(),
        selected_option: z.object({ value: z.string() }).optional(),
        action_ts: z.string().optional(),
      }),
    )
    .min(1),
});
type Action = z.infer<typeof checkInActionSchema>['actions'][number];

interface Click {
  user: string;
  action: Action;
  /** Identifies this click: Slack's retry and a resend of the same payload carry the same one. */
  requestKey: string;
}

/** The cadence option's value as the bot wrote it ("14"); anything else ("0x0E", " 14", "1e1") is no choice. */
const cadenceChoice = (value: string | undefined): number =>
  value !== undefined && /^\d{1,3}$/.test(value) ? Number(value) : NaN;

const secondsOf = (v: number | string | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

type Handler = (click: Click, deps: ListenerDeps) => Promise<CheckInOutcome>;

/** The check-in this element belongs to: the button's value, or the block id for a date picker or a select. */
function checkInClick(click: Click): CheckInClick {
  const fromBlock = click.action.block_id?.startsWith(CHECKIN_BLOCK_PREFIX)
    ? click.action.block_id.slice(CHECKIN_BLOCK_PREFIX.length)
    : undefined;
  return { checkInId: click.action.value ?? fromBlock, slackUserId: click.user };
}

const handlers: Record<string, Handler> = {
  [CHECKIN_ACTIONS.met]: (click, deps) => logMeeting(deps.db, checkInClick(click), deps.clock.now()),
  [CHECKIN_ACTIONS.scheduled]: (click, deps) =>
    scheduleMeeting(deps.db, checkInClick(click), secondsOf(click.action.selected_date_time), deps.clock.now()),
  [CHECKIN_ACTIONS.skip]: (click, deps) => skipCheckIn(deps.db, checkInClick(click), deps.clock.now()),
  [CHECKIN_ACTIONS.cadence]: (click, deps) =>
    changeCadence(
      deps.db,
      checkInClick(click),
      cadenceChoice(click.action.selected_option?.value),
      click.requestKey,
      deps.clock.now(),
    ),
  [CHECKIN_ACTIONS.pause]: (click, deps) => pauseCheckIns(deps.db, checkInClick(click), click.requestKey, deps.clock.now()),
  [CHECKIN_ACTIONS.resume]: (click, deps) =>
    resumeCheckIns(deps.db, click.action.value, click.user, click.requestKey, deps.clock.now()),
};

export function register({ routes, deps }: Listeners): void {
  onButtons(routes, deps, Object.keys(handlers), checkInActionSchema, async (payload, { actionId, respond }) => {
    const action = payload.actions[0];
    if (!action) return;
    const requestKey = `${payload.user.id}:${action.action_ts ?? 'no-ts'}`;
    const outcome = await handlers[actionId]!({ user: payload.user.id, action, requestKey }, deps);
    if (outcome.ok) return;
    // Only the person who clicked sees it (the message's response_url, ephemeral).
    await respond({ response_type: 'ephemeral', replace_original: false, text: outcome.message });
  });
}
