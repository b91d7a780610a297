import {
  deliveryTime,
  firstMomentForAll,
  firstWorkingMoment,
  pairDayDelivery,
  pairDayInstant,
  pairNoticeDelivery,
  scheduledNoticeTime,
} from '../../../src/domain/delivery.js';

const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';
const KOLKATA = 'Asia/Kolkata';
const AUCKLAND = 'Pacific/Auckland';
const at = (s: string) => new Date(s);

/** Local weekday (0 = Sunday) and minute of the day, read with Intl (not the app's zone code). */
function local(instant: Date, zone: string): { weekday: number; minute: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(String(parts.weekday)),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}
const working = (instant: Date, zone: string) => {
  const t = local(instant, zone);
  return t.weekday >= 1 && t.weekday <= 5 && t.minute >= 9 * 60 && t.minute < 17 * 60;
};
const daytimeWeekday = (instant: Date, zone: string) => {
  const t = local(instant, zone);
  return t.weekday >= 1 && t.weekday <= 5 && t.minute >= 7 * 60 && t.minute < 22 * 60;
};

describe('firstWorkingMoment: one receiver, Mon-Fri 09:00-17:00 local, 10:00 when moved', () => {
  test.each([
    ['working time goes as planned (Kolkata, Tuesday 14:00)', '2026-03-10T08:30:00Z', KOLKATA, '2026-03-10T08:30:00.000Z'],
    ['09:00 exactly is working time (London, Monday)', '2026-03-09T09:00:00Z', LONDON, '2026-03-09T09:00:00.000Z'],
    [
      'before 09:00 on a weekday: that day at 10:00 (Kolkata, Wednesday 07:30)',
      '2026-03-11T02:00:00Z',
      KOLKATA,
      '2026-03-11T04:30:00.000Z',
    ],
    ['17:00 is over: the next weekday at 10:00 (London, Tuesday)', '2026-03-10T17:00:00Z', LONDON, '2026-03-11T10:00:00.000Z'],
    // US clocks go forward on Sunday 8 March 2026: Saturday night is PST (UTC-8), Monday morning PDT (UTC-7).
    [
      'Saturday night in Los Angeles, across the spring DST change: Monday 10:00 PDT',
      '2026-03-08T06:00:00Z',
      LA,
      '2026-03-09T17:00:00.000Z',
    ],
    // New Zealand clocks go back on Sunday 5 April 2026: Friday evening is NZDT (UTC+13), Monday NZST (UTC+12).
    [
      'Friday evening in Auckland, across the autumn DST change: Monday 10:00 NZST',
      '2026-04-03T05:00:00Z',
      AUCKLAND,
      '2026-04-05T22:00:00.000Z',
    ],
    ['Sunday in Auckland is Saturday in UTC: Monday 10:00 there', '2026-03-14T22:00:00Z', AUCKLAND, '2026-03-15T21:00:00.000Z'],
    [
      'a half-hour zone: Kolkata Friday 18:00 moves to Monday 10:00 IST',
      '2026-03-13T12:30:00Z',
      KOLKATA,
      '2026-03-16T04:30:00.000Z',
    ],
  ])('%s', (_what, planned, zone, expected) => {
    expect(firstWorkingMoment(at(planned), zone).toISOString()).toBe(expected);
  });

  test('for every hour of a year in each zone: never earlier, always working time, unchanged in working time, else at 10:00', () => {
    for (const zone of [LA, LONDON, KOLKATA, AUCKLAND, 'UTC']) {
      for (let h = 0; h < 366 * 24; h += 53) {
        const planned = new Date(Date.UTC(2026, 0, 1) + h * 3600_000 + 17 * 60_000);
        const got = firstWorkingMoment(planned, zone);
        expect(got.getTime()).toBeGreaterThanOrEqual(planned.getTime());
        expect(working(got, zone)).toBe(true);
        if (working(planned, zone)) expect(got).toEqual(planned);
        else expect(local(got, zone).minute).toBe(10 * 60);
        expect(got.getTime() - planned.getTime()).toBeLessThan(4 * 24 * 3600_000);
      }
    }
  });
});

describe('firstMomentForAll: a group DM', () => {
  test('working time for both: as planned', () => {
    const planned = at('2026-03-10T11:00:00Z'); // London 11:00, Kolkata 16:30
    expect(firstMomentForAll(planned, [LONDON, KOLKATA])).toEqual(planned);
  });

  test('a pair that shares working hours: the first hour from 10:00 (first zone) that is working time for both', () => {
    const planned = at('2026-03-07T03:00:00Z'); // Saturday
    const got = firstMomentForAll(planned, [LONDON, KOLKATA]);
    expect(got.toISOString()).toBe('2026-03-09T10:00:00.000Z'); // Monday London 10:00, Kolkata 15:30
    expect(working(got, LONDON) && working(got, KOLKATA)).toBe(true);
  });

  test('a pair with no working hour in common: daytime on a weekday for both, working time for the first when it can be', () => {
    for (const [first, second] of [
      [LONDON, AUCKLAND], // 11 to 13 hours apart: London's 09:00 is Auckland's 20:00 to 22:00
      [LA, KOLKATA], // 12.5 to 13.5 hours apart: no working hour of one is daytime for the other
    ] as const) {
      for (let h = 0; h < 14 * 24; h += 5) {
        const planned = new Date(Date.UTC(2026, 5, 1) + h * 3600_000);
        const got = firstMomentForAll(planned, [first, second]);
        expect(got.getTime()).toBeGreaterThanOrEqual(planned.getTime());
        expect(daytimeWeekday(got, first) && daytimeWeekday(got, second)).toBe(true);
        if (first === LONDON) expect(working(got, LONDON)).toBe(true);
      }
    }
  });

  test('one reader, or the same zone twice: their own rule', () => {
    const planned = at('2026-03-08T06:00:00Z');
    expect(firstMomentForAll(planned, [LA])).toEqual(firstWorkingMoment(planned, LA));
    expect(firstMomentForAll(planned, [LA, LA])).toEqual(firstWorkingMoment(planned, LA));
  });
});

test('deliveryTime: a reply goes at once, whatever the hour; a notice waits', () => {
  const night = at('2026-03-08T06:00:00Z');
  expect(deliveryTime('reply', night, [LA])).toEqual(night);
  expect(deliveryTime('notice', night, [LA]).toISOString()).toBe('2026-03-09T17:00:00.000Z');
});

describe('scheduledNoticeTime: a reminder, survey or wrap-up the scheduler planned, written by a pass on time or late', () => {
  const planned = at('2026-03-06T10:00:00Z'); // Friday 10:00 in London
  test('on time in working hours: the planned time; late within working hours: now', () => {
    expect(scheduledNoticeTime(planned, at('2026-03-06T10:30:00Z'), [LONDON])).toEqual(planned);
    expect(scheduledNoticeTime(planned, at('2026-03-06T13:00:00Z'), [LONDON]).toISOString()).toBe('2026-03-06T13:00:00.000Z');
    expect(scheduledNoticeTime(planned, at('2026-03-05T23:00:00Z'), [LONDON])).toEqual(planned); // written early
  });

  test('a wrap-up found on a Saturday is held to Monday 10:00, for one receiver and for a group DM', () => {
    const saturday = at('2026-03-07T11:00:00Z');
    expect(scheduledNoticeTime(planned, saturday, [LONDON]).toISOString()).toBe('2026-03-09T10:00:00.000Z');
    expect(scheduledNoticeTime(planned, saturday, [LONDON, LONDON]).toISOString()).toBe('2026-03-09T10:00:00.000Z');
  });

  test('within the grace but after working hours (daytime, 17:30): held to the next working day, not sent in the evening', () => {
    const late = at('2026-03-05T16:30:00Z'); // Thursday 16:30 in London
    expect(scheduledNoticeTime(late, at('2026-03-05T17:30:00Z'), [LONDON]).toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });

  test('a group DM across zones: the first acceptable moment for both', () => {
    const t = scheduledNoticeTime(at('2026-03-06T16:00:00Z'), at('2026-03-06T17:30:00Z'), [LONDON, KOLKATA]);
    expect(working(t, LONDON) && daytimeWeekday(t, KOLKATA)).toBe(true);
    expect(t.getTime()).toBeGreaterThan(at('2026-03-06T17:30:00Z').getTime());
  });
});

describe('a pair with no working hour in common: each member in their own DM, in their own working hours (issue 17.4)', () => {
  const apart = { menteeZone: KOLKATA, mentorZone: LA };
  const near = { menteeZone: KOLKATA, mentorZone: LONDON };

  test('an introduction approved on Monday 07:00 in Los Angeles: Kolkata on Tuesday at 10:00, Los Angeles at 10:00 that day', () => {
    expect(pairNoticeDelivery(at('2026-03-02T15:00:00Z'), apart)).toEqual({
      together: false,
      mentee: at('2026-03-03T04:30:00Z'),
      mentor: at('2026-03-02T18:00:00Z'),
    });
  });

  test('a pair that shares working hours: together, in the group DM, at a working time for both', () => {
    const d = pairNoticeDelivery(at('2026-03-02T15:00:00Z'), near);
    expect(d.together).toBe(true);
    if (d.together) expect(working(d.at, KOLKATA) && working(d.at, LONDON)).toBe(true);
  });

  test('a milestone on a Monday: each at their own 10:00 that day, found from the first of them; late passes wait for the next 10:00', () => {
    expect(pairDayInstant('2026-06-08', apart)).toEqual(at('2026-06-08T04:30:00Z')); // 10:00 in Kolkata
    const onTime = { together: false, mentee: at('2026-06-08T04:30:00Z'), mentor: at('2026-06-08T17:00:00Z') };
    expect(pairDayDelivery('2026-06-08', at('2026-06-08T04:35:00Z'), apart)).toEqual(onTime);
    // A pass at 18:00 in Kolkata: she hears next morning at 10:00; he still at his own 10:00.
    expect(pairDayDelivery('2026-06-08', at('2026-06-08T12:30:00Z'), apart)).toEqual({
      ...onTime,
      mentee: at('2026-06-09T04:30:00Z'),
    });
  });

  test('for every day of a year, each message of a pair apart is in its receiver working hours', () => {
    for (let d = 0; d < 365; d++) {
      const day = new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);
      const found = pairDayInstant(day, apart);
      const x = pairDayDelivery(day, found, apart);
      if (x.together) throw new Error(`${day}: together`);
      expect([working(x.mentee, KOLKATA), working(x.mentor, LA), x.mentee >= found, x.mentor >= found]).toEqual([
        true,
        true,
        true,
        true,
      ]);
    }
  });
});
