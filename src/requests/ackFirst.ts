import type { DispatchPriority } from './dispatchBacklog.js';
import { eventTypeOf, type SlackBody } from './body.js';

export interface AckFirstInputs {
  /** How urgent a block action is (buttons that open a modal are) */
  priorityOf(actionId: string): DispatchPriority;
  pressure: { readonly busy: boolean };
}

/**
 * Which verified requests the receiver answers before their listener runs. Slack ignores the answer to a
 * block action, an event or a closed view, so those are always answered at once. A slash command's answer is
 * its reply, so it waits for its listener, except while the event loop is saturated: then it is answered
 * before its listener runs, with its reply when the receiver's `answerInAck` has it (who the person is decides
 * it), else empty, and its reply goes to the response_url. View submissions (their answer may carry response_action)
 * and anything else wait for their listener.
 *
 * Only the fields that route are read here; each listener parses its payload with zod.
 */
export function ackFirstPolicy(inputs: AckFirstInputs): (body: SlackBody) => DispatchPriority | undefined {
  return (body) => {
    if (body.type === 'block_actions') {
      const first: unknown = Array.isArray(body.actions) ? body.actions[0] : undefined;
      const actionId = typeof first === 'object' && first !== null ? (first as { action_id?: unknown }).action_id : undefined;
      return typeof actionId === 'string' ? inputs.priorityOf(actionId) : 'normal';
    }
    if (body.type === 'event_callback') return eventTypeOf(body) === 'function_executed' ? undefined : 'normal';
    if (body.type === 'view_closed') return 'normal';
    if (typeof body.command === 'string') return inputs.pressure.busy ? 'urgent' : undefined;
    return undefined;
  };
}
