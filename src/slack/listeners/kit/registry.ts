import type { App } from '@slack/bolt';
import type { CommandDispatcher } from './commands.js';
import type { ListenerDeps } from './deps.js';
import type { ListenerRouter } from './router.js';

/** What a feature's `register` receives: where to add its commands, buttons, modals and events, and its dependencies. */
export interface Listeners {
  app: App;
  routes: ListenerRouter;
  commands: CommandDispatcher;
  deps: ListenerDeps;
}
