import { isAtRisk, pausedMs, silence } from '../../../../src/domain/schedule/index.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
const DAY = 24 * 3600_000;

describe('the at-risk flag', () => {
  test('paused time within the window, overlapping pauses counted once, an open pause running to now', () => {
    const from = at('2026-03-01');
    const to = at('2026-03-31');
    expect(pausedMs(from, to, [])).toBe(0);
    expect(pausedMs(from, to, [{ startedAt: at('2026-03-10'), endsAt: at('2026-03-17') }])).toBe(7 * DAY);
    // a pause before the last meeting does not count; one across it counts from the meeting on
    expect(pausedMs(from, to, [{ startedAt: at('2026-02-01'), endsAt: at('2026-02-20') }])).toBe(0);
    expect(pausedMs(from, to, [{ startedAt: at('2026-02-25'), endsAt: at('2026-03-03') }])).toBe(2 * DAY);
    // the mentor and the pair paused at overlapping times: 10th to 20th once
    const both = [
      { startedAt: at('2026-03-10'), endsAt: at('2026-03-17') },
      { startedAt: at('2026-03-12'), endsAt: at('2026-03-20') },
      { startedAt: at('2026-03-14'), endsAt: at('2026-03-15') },
    ];
    expect(pausedMs(from, to, both)).toBe(10 * DAY);
    expect(pausedMs(from, to, [{ startedAt: at('2026-03-25'), endsAt: null }])).toBe(6 * DAY);
  });

  test('two cadences of silence that counts: the days on pause are left out', () => {
    const since = at('2026-03-09');
    const s = (today: string, pauses = [] as { startedAt: Date; endsAt: Date | null }[]) =>
      silence(since, '2026-03-09', at(today), today, pauses);
    expect(isAtRisk(s('2026-04-05'), 14)).toBe(false); // 27 days
    expect(isAtRisk(s('2026-04-06'), 14)).toBe(true); // 28 days: two cadences
    const twoWeeksOff = [{ startedAt: at('2026-03-16'), endsAt: at('2026-03-30') }];
    expect(s('2026-04-06', twoWeeksOff)).toEqual({ days: 28, pausedDays: 14 });
    expect(isAtRisk(s('2026-04-06', twoWeeksOff), 14)).toBe(false);
    expect(isAtRisk(s('2026-04-19', twoWeeksOff), 14)).toBe(false); // 41 - 14 = 27
    expect(isAtRisk(s('2026-04-20', twoWeeksOff), 14)).toBe(true); // 42 - 14 = 28
    // still on pause: the silence does not grow
    expect(isAtRisk(s('2026-06-01', [{ startedAt: at('2026-03-20'), endsAt: null }]), 14)).toBe(false);
  });
});
