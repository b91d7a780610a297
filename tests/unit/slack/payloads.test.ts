import { nameToShow } from '../../../src/domain/people.js';
import { userChangeSchema } from '../../../src/slack/payloads.js';

// The user object of Slack's user_change (shaped like /work/shared/slack/fixtures/event_user_change.json).
const event = (user: Record<string, unknown>) => ({
  type: 'user_change',
  user: {
    id: 'U1234567',
    team_id: 'T1234567',
    name: 'some-user',
    deleted: false,
    real_name: 'Some User',
    tz: 'America/Los_Angeles',
    profile: {
      title: '',
      real_name: 'Some User',
      real_name_normalized: 'Some User',
      display_name: '',
      display_name_normalized: '',
    },
    ...user,
  },
  cache_ts: 1648596421,
  event_ts: '1648596712.000001',
});

describe('user_change', () => {
  test('the names are read: an empty display name gives the real name', () => {
    const parsed = userChangeSchema.parse(event({}));
    expect(nameToShow(parsed.user)).toBe('Some User');
    const named = userChangeSchema.parse(event({ profile: { display_name: 'Some', real_name: 'Some User' } }));
    expect(nameToShow(named.user)).toBe('Some');
  });

  test('an odd name field is dropped, never a reason to ignore the event (a departure must still count)', () => {
    const parsed = userChangeSchema.safeParse(event({ deleted: true, real_name: null, profile: { display_name: 7 } }));
    expect(parsed.success).toBe(true);
    expect(parsed.data!.user.deleted).toBe(true);
    expect(nameToShow(parsed.data!.user)).toBe('some-user');
  });
});
