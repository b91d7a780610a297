import { ListenerRouter } from '../../../../../src/slack/listeners/kit/router.js';
import { createLogger } from '../../../../../src/logger.js';

type Registered = (args: Record<string, unknown>) => Promise<void>;

/** Records what the router registers with Bolt, so the test can call it as Bolt would. */
function fakeApp() {
  const registered: Record<string, Registered> = {};
  return {
    registered,
    action: (constraints: { type: string }, listener: Registered) => void (registered[constraints.type] = listener),
    view: (constraints: { type: string }, listener: Registered) => void (registered[constraints.type] = listener),
  };
}

test('one Bolt listener per kind; routes by action_id and callback_id; acknowledges what nobody handles', async () => {
  const app = fakeApp();
  const lines: string[] = [];
  const routes = new ListenerRouter(
    app as never,
    createLogger('debug', 'test', (l) => lines.push(l)),
  );
  const called: string[] = [];
  routes.action('checkin_met', async () => void called.push('met'));
  routes.action('checkin_skip', async () => void called.push('skip'));
  routes.view('signup', async () => void called.push('signup'));
  expect(Object.keys(app.registered).sort()).toEqual(['block_actions', 'view_submission']);

  const acks: string[] = [];
  const ack = (what: string) => async () => void acks.push(what);
  await app.registered.block_actions!({ action: { action_id: 'checkin_skip' }, ack: ack('skip') });
  await app.registered.view_submission!({ view: { callback_id: 'signup' }, ack: ack('signup') });
  expect(called).toEqual(['skip', 'signup']);
  expect(acks).toEqual([]); // the listeners ack themselves

  await app.registered.block_actions!({ action: { action_id: 'a_link_button' }, ack: ack('link') });
  await app.registered.view_submission!({ view: { callback_id: 'old_modal' }, ack: ack('old') });
  expect(acks).toEqual(['link', 'old']);
  expect(called).toEqual(['skip', 'signup']);
  expect(lines.join('\n')).toContain('no listener handles');
});

test('two listeners for the same action or view is a mistake caught at start-up', () => {
  const routes = new ListenerRouter(
    fakeApp() as never,
    createLogger('warn', 'test', () => undefined),
  );
  routes.action('x', async () => undefined);
  expect(() => routes.action('x', async () => undefined)).toThrow('two listeners for the action x');
  routes.view('v', async () => undefined);
  expect(() => routes.view('v', async () => undefined)).toThrow('two listeners for the view v');
});
