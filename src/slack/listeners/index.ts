import type { App } from '@slack/bolt';
import { register as checkIns } from './checkIns/index.js';
import { register as coordinators } from './coordinators.js';
import { register as dashboard } from './dashboard.js';
import { register as departures } from './departures.js';
import { register as digest } from './digest.js';
import { register as feedback } from './feedback/index.js';
import { register as home } from './home.js';
import { CommandDispatcher } from './kit/commands.js';
import type { ListenerDeps } from './kit/deps.js';
import type { Listeners } from './kit/registry.js';
import { ListenerRouter } from './kit/router.js';
import { registerProgrammeChoice } from './kit/programmeChoice.js';
import { register as matching } from './matching/index.js';
import { register as participation } from './participation/index.js';
import { register as programmes } from './programmes/index.js';
import { register as report } from './report/index.js';
import { register as signup } from './signup/index.js';

/** Every feature's listeners, one `register` each. */
const FEATURES: ReadonlyArray<(listeners: Listeners) => void> = [
  signup,
  programmes,
  matching,
  checkIns,
  feedback,
  participation,
  report,
  coordinators,
  dashboard,
  departures,
  digest,
  home,
];

/**
 * Registers every listener; the router tells the receiver which actions are urgent, the command dispatcher which
 * commands it can answer in their ack while the loop is saturated.
 */
export function registerListeners(app: App, deps: ListenerDeps): Pick<Listeners, 'routes' | 'commands'> {
  const listeners: Listeners = {
    app,
    deps,
    routes: new ListenerRouter(app, deps.logger),
    commands: new CommandDispatcher(app, deps),
  };
  for (const register of FEATURES) register(listeners);
  registerProgrammeChoice(listeners.routes, listeners.commands, deps);
  return listeners;
}
