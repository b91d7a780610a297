import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { afterAck } from '../afterAck.js';
import type { ListenerDeps } from '../deps.js';
import type { ListenerRouter } from './router.js';

export interface ButtonContext {
  actionId: string;
  body: unknown;
  client: WebClient;
  respond: RespondFn;
}

/**
 * Registers buttons the same way everywhere: ack at once (Slack allows 3 s), parse the payload with
 * zod, ignore (and log, without content) what cannot be read, then do the work.
 */
export function onButtons<S extends z.ZodType>(
  routes: ListenerRouter,
  deps: ListenerDeps,
  actionIds: readonly string[],
  schema: S,
  run: (payload: z.infer<S>, ctx: ButtonContext) => Promise<void>,
  /** 'urgent' for buttons that open or push a modal: their trigger id dies 3 s after the click. */
  priority: 'urgent' | 'normal' = 'normal',
): void {
  for (const actionId of actionIds) {
    routes.action(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        deps.logger.warn(`ignored an unreadable ${actionId} action`);
        return;
      }
      await afterAck.run(() => run(parsed.data, { actionId, body, client, respond }), priority);
    }, priority);
  }
}
