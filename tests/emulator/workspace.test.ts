import {
  DEFAULT_DELETED_USER_ID,
  DEPARTMENT_FIELD_ID,
  SLACKBOT_USER_ID,
  defaultWorkspace,
  departmentOf,
  humanUsers,
  syntheticWorkspace,
  tzInfo,
} from '../../src/devtools/emulator/index.js';

describe('defaultWorkspace', () => {
  const winter = defaultWorkspace({ at: new Date('2026-01-15T12:00:00Z') });
  const summer = defaultWorkspace({ at: new Date('2026-07-15T12:00:00Z') });
  const byName = (name: string, ws = winter) => ws.users.find((u) => u.name === name);

  it('has twelve people, one deleted, the app bot and Slackbot', () => {
    const people = winter.users.filter((u) => !u.is_bot && u.id !== SLACKBOT_USER_ID);
    expect(people).toHaveLength(12);
    expect(people.filter((u) => u.deleted).map((u) => u.id)).toEqual([DEFAULT_DELETED_USER_ID]);
    const bot = winter.users.find((u) => u.id === winter.botUserId);
    expect(bot?.is_bot).toBe(true);
    expect(bot?.profile.bot_id).toBe(winter.botId);
    expect(humanUsers(winter)).toHaveLength(11);
  });

  it('gives titles, departments and emails shaped like users.info', () => {
    const priya = byName('priya.raman');
    expect(priya?.profile.title).toBe('Head of Finance, Finance');
    expect(priya?.profile.fields[DEPARTMENT_FIELD_ID]).toEqual({ value: 'Finance', alt: '' });
    expect(priya && departmentOf(priya)).toBe('Finance');
    expect(priya?.profile.email).toBe('priya.raman@rm-emulator.example.com');
    expect(priya?.profile.real_name).toBe('Priya Raman');
    expect(priya?.team_id).toBe(winter.teamId);
  });

  it('computes tz_offset from the IANA zone, DST included', () => {
    expect(new Set(winter.users.map((u) => u.tz))).toEqual(
      new Set(['Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland']),
    );
    expect(byName('daniel.reyes')?.tz_offset).toBe(-8 * 3600);
    expect(byName('daniel.reyes', summer)?.tz_offset).toBe(-7 * 3600);
    expect(byName('daniel.reyes', summer)?.tz_label).toBe('Pacific Daylight Time');
    expect(byName('hemi.walker')?.tz_offset).toBe(13 * 3600);
    expect(byName('hemi.walker', summer)?.tz_offset).toBe(12 * 3600);
    expect(byName('priya.raman')?.tz_offset).toBe(5.5 * 3600);
    expect(tzInfo('Europe/London', new Date('2026-03-29T00:59:59Z')).tz_offset).toBe(0);
    expect(tzInfo('Europe/London', new Date('2026-03-29T01:00:00Z')).tz_offset).toBe(3600);
  });
});

describe('syntheticWorkspace', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = syntheticWorkspace({ people: 40, seed: 7, at: new Date('2026-03-01T00:00:00Z') });
    const b = syntheticWorkspace({ people: 40, seed: 7, at: new Date('2026-03-01T00:00:00Z') });
    const c = syntheticWorkspace({ people: 40, seed: 8, at: new Date('2026-03-01T00:00:00Z') });
    expect(a).toEqual(b);
    expect(a.users.map((u) => u.name)).not.toEqual(c.users.map((u) => u.name));
    expect(humanUsers(a).length).toBeGreaterThan(30);
    expect(new Set(a.users.map((u) => u.id)).size).toBe(a.users.length);
    expect(new Set(a.users.map((u) => u.name)).size).toBe(a.users.length);
  });

  it('builds thousands of people quickly', () => {
    const started = Date.now();
    const ws = syntheticWorkspace({ people: 5000, seed: 1 });
    expect(ws.users.filter((u) => !u.is_bot && u.id !== SLACKBOT_USER_ID)).toHaveLength(5000);
    expect(new Set(ws.users.map((u) => departmentOf(u))).size).toBeGreaterThanOrEqual(10);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
