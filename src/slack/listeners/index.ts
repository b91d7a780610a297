import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { register as registerActions } from './actions/index.js';
import { registerCheckIns } from './checkins/index.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';
import { registerFeedback } from './feedback/index.js';
import { registerMatching } from './matching/index.js';
import { registerReport } from './report/index.js';
import { register as registerViews } from './views/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
  registerCheckIns(app, deps);
  registerMatching(app, deps);
  registerFeedback(app, deps);
  registerReport(app, deps);
}
