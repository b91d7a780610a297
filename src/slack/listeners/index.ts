import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { register as registerActions } from './actions/index.js';
import { registerCheckIns } from './checkins/index.js';
import { registerClosing } from './closing/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { registerFeedback } from './feedback/index.js';
import { registerMatching } from './matching/index.js';
import { registerReport } from './report/index.js';
import { register as registerViews } from './views/index.js';
import { ListenerRouter } from './router.js';

/** Registers every listener; the router tells the receiver which actions are urgent. */
export function registerListeners(app: App, deps: ListenerDeps): ListenerRouter {
  registerCommands(app, deps);
  registerEvents(app, deps);
  const routes = new ListenerRouter(app, deps.logger);
  registerActions(routes, deps);
  registerViews(routes, deps);
  registerCheckIns(routes, deps);
  registerMatching(routes, deps);
  registerClosing(routes, deps);
  registerFeedback(routes, deps);
  registerReport(routes, deps);
  return routes;
}
