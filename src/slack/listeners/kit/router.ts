import type { AllMiddlewareArgs, App, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { AppLogger } from '../../../logger.js';
import type { DispatchPriority } from '../../../requests/dispatchBacklog.js';

export type ActionListener = (args: SlackActionMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;
export type ViewListener = (args: SlackViewMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/**
 * Routes block actions by action_id and view submissions by callback_id through ONE Bolt listener each.
 * Bolt runs every registered listener's middleware chain for every request it receives (each a few
 * promises and object copies), so with one `app.action` per button the cost of acknowledging any request
 * grew with the number of buttons: measured under load, Bolt's middleware was a third of the app's CPU.
 * A map lookup costs the same for 5 buttons or 50.
 *
 * An action or view nobody registered is acknowledged (Slack would otherwise show the person an error
 * after 3 s) and logged without its content.
 */
export class ListenerRouter {
  private readonly actions = new Map<string, ActionListener>();
  private readonly urgentActions = new Set<string>();
  private readonly views = new Map<string, ViewListener>();

  constructor(app: App, logger: AppLogger) {
    app.action({ type: 'block_actions' }, async (args) => {
      const listener = this.actions.get(args.action.action_id);
      if (listener) return listener(args);
      await args.ack();
      logger.debug('acknowledged an action no listener handles');
    });
    app.view({ type: 'view_submission' }, async (args) => {
      const listener = this.views.get(args.view.callback_id);
      if (listener) return listener(args);
      await args.ack();
      logger.warn('acknowledged a view submission no listener handles');
    });
  }

  /** `urgent`: the action opens or pushes a modal, with a trigger id that dies 3 s after the click. */
  action(actionId: string, listener: ActionListener, priority: DispatchPriority = 'normal'): void {
    if (this.actions.has(actionId)) throw new Error(`two listeners for the action ${actionId}`);
    this.actions.set(actionId, listener);
    if (priority === 'urgent') this.urgentActions.add(actionId);
  }

  priorityOf(actionId: string): DispatchPriority {
    return this.urgentActions.has(actionId) ? 'urgent' : 'normal';
  }

  view(callbackId: string, listener: ViewListener): void {
    if (this.views.has(callbackId)) throw new Error(`two listeners for the view ${callbackId}`);
    this.views.set(callbackId, listener);
  }
}
