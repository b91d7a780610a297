import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { register as registerCommands } from './commands/index.js';
import { register as registerEvents } from './events/index.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);
  registerEvents(app, deps);
}
