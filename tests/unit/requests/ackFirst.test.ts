import { ackFirstPolicy } from '../../../src/requests/ackFirst.js';

describe('ackFirstPolicy', () => {
  const pressure = { busy: false };
  const policy = ackFirstPolicy({ priorityOf: (id) => (id === 'feedback_open' ? 'urgent' : 'normal'), pressure });

  test('block actions, events and closed views are answered first; modal openers are urgent', () => {
    expect(policy({ type: 'block_actions', actions: [{ action_id: 'checkin_met' }] })).toBe('normal');
    expect(policy({ type: 'block_actions', actions: [{ action_id: 'feedback_open' }] })).toBe('urgent');
    expect(policy({ type: 'block_actions', actions: 'odd' })).toBe('normal');
    expect(policy({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe('normal');
    expect(policy({ type: 'view_closed' })).toBe('normal');
  });

  test('view submissions and function_executed wait for their listener; commands too unless the loop is saturated', () => {
    expect(policy({ type: 'view_submission' })).toBeUndefined();
    expect(policy({ type: 'event_callback', event: { type: 'function_executed' } })).toBeUndefined();
    expect(policy({ command: '/rm-join' })).toBeUndefined();
    pressure.busy = true;
    expect(policy({ command: '/rm-join' })).toBe('urgent');
    pressure.busy = false;
  });
});
