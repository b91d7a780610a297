import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { blockActionSchema, type BlockAction } from '../../payloads.js';
import type { ListenerDeps } from './deps.js';
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
    routes.action(
      actionId,
      async ({ ack, body, client, respond }) => {
        await ack();
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          deps.logger.warn(`ignored an unreadable ${actionId} action`);
          return;
        }
        await deps.afterAck.run(() => run(parsed.data, { actionId, body, client, respond }), priority);
      },
      priority,
    );
  }
}

/** A button whose `value` carries what it acts on (an id): `value` is that string. */
export type ActionHandler = (action: BlockAction, value: string, deps: ListenerDeps, client: WebClient) => Promise<void>;

/** Registers buttons that carry a value, one handler each; a click without a value is logged and ignored. */
export function onValueButtons(
  routes: ListenerRouter,
  deps: ListenerDeps,
  handlers: Record<string, ActionHandler>,
  priority: 'urgent' | 'normal' = 'urgent',
): void {
  onButtons(
    routes,
    deps,
    Object.keys(handlers),
    blockActionSchema,
    async (action, { actionId, client }) => {
      const value = action.actions[0]?.value;
      if (value === undefined) {
        deps.logger.warn(`ignored a ${actionId} action without a value`);
        return;
      }
      await handlers[actionId]!(action, value, deps, client);
    },
    priority,
  );
}
