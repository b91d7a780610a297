import { addDays } from '../../../../src/core/calendar.js';
import {
  firstInstant,
  isWorkingTime,
  localTime,
  MAX_NUDGES,
  menteeInstant,
  missedOn,
  nextReminder,
  nudgeAt,
  nudgeDelivery,
  plannedNudge,
  sharesWorkingHours,
  type NudgeDelivery,
  type Receivers,
} from '../../../../src/domain/schedule/index.js';

const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';
const KOLKATA = 'Asia/Kolkata';
const SYDNEY = 'Australia/Sydney';
const same = (zone: string): Receivers => ({ menteeZone: zone, mentorZone: zone });
const pair = (menteeZone: string, mentorZone: string): Receivers => ({ menteeZone, mentorZone });
const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);
const HOUR = 3600_000;

/** Each receiver and when the message reaches them (a not-before in the past means: as soon as it is written). */
function arrivals(d: NudgeDelivery, r: Receivers, writtenAt: Date): Array<{ zone: string; at: Date }> {
  const effective = (t: Date) => (t < writtenAt ? writtenAt : t);
  return d.together
    ? [
        { zone: r.menteeZone, at: effective(d.at) },
        { zone: r.mentorZone, at: effective(d.at) },
      ]
    : [
        { zone: r.menteeZone, at: effective(d.mentee) },
        { zone: r.mentorZone, at: effective(d.mentor) },
      ];
}

describe('the planned nudge: the group DM at a shared working hour, else each member at their own 10:00', () => {
  test('one zone: the group DM at 10:00 on the due day (Monday 10:00 for a weekend day)', () => {
    expect(plannedNudge('2026-03-03', same(LONDON))).toEqual({ together: true, at: at('2026-03-03T10:00:00Z') });
    expect(plannedNudge('2026-03-07', same(LONDON))).toEqual({ together: true, at: at('2026-03-09T10:00:00Z') });
    expect(iso(nudgeAt('2026-03-03', same(KOLKATA)))).toBe('2026-03-03T04:30:00.000Z');
  });

  test('two zones with a shared working hour: together, from 10:00 for the mentee when the day allows it', () => {
    // Kolkata 15:00 = London 09:30
    expect(plannedNudge('2026-03-02', pair(KOLKATA, LONDON))).toEqual({ together: true, at: at('2026-03-02T09:30:00Z') });
    // Sydney (AEST) and Los Angeles (PDT) share only Sydney 09:00-10:00 = LA 16:00-17:00 the day before
    expect(plannedNudge('2026-06-02', pair(SYDNEY, LA))).toEqual({ together: true, at: at('2026-06-01T23:00:00Z') });
    // London and Los Angeles are 7 hours apart between the US and EU changes: London 16:00 = LA 09:00
    expect(plannedNudge('2026-03-17', pair(LONDON, LA))).toEqual({ together: true, at: at('2026-03-17T16:00:00Z') });
  });

  test('no shared working hour: each in their own DM at their own 10:00 on that date', () => {
    expect(sharesWorkingHours('2026-03-03', pair(LA, KOLKATA))).toBe(false);
    expect(plannedNudge('2026-03-03', pair(LA, KOLKATA))).toEqual({
      together: false,
      mentee: at('2026-03-03T18:00:00Z'), // 10:00 PST
      mentor: at('2026-03-03T04:30:00Z'), // 10:00 IST
    });
    // London and LA 8 hours apart (winter): none in common
    expect(plannedNudge('2026-02-03', pair(LONDON, LA))).toEqual({
      together: false,
      mentee: at('2026-02-03T10:00:00Z'),
      mentor: at('2026-02-03T18:00:00Z'),
    });
    // stored as the first of the two: when a pass should look
    expect(iso(nudgeAt('2026-03-03', pair(LA, KOLKATA)))).toBe('2026-03-03T04:30:00.000Z');
  });
});

describe('a pass finds a due nudge: it goes at the first acceptable time at or after the pass', () => {
  const r = same(LONDON);
  const slot = at('2026-03-03T10:00:00Z'); // Tuesday 10:00

  test('on time, or later the same working day: at once (keeping its planned time)', () => {
    expect(nudgeDelivery(slot, at('2026-03-03T10:04:00Z'), r)).toEqual({ together: true, at: slot });
    expect(nudgeDelivery(slot, at('2026-03-03T14:00:00Z'), r)).toEqual({ together: true, at: slot });
  });

  test('found at night, at a weekend, or the next day: the next working day at 10:00, or now if it is working time', () => {
    expect(nudgeDelivery(slot, at('2026-03-03T22:00:00Z'), r)).toEqual({ together: true, at: at('2026-03-04T10:00:00Z') });
    expect(nudgeDelivery(slot, at('2026-03-04T07:00:00Z'), r)).toEqual({ together: true, at: at('2026-03-04T10:00:00Z') });
    expect(nudgeDelivery(slot, at('2026-03-04T09:20:00Z'), r)).toEqual({ together: true, at: at('2026-03-04T09:20:00Z') });
    expect(nudgeDelivery(slot, at('2026-03-06T17:30:00Z'), r)).toEqual({ together: true, at: at('2026-03-09T10:00:00Z') });
    expect(nudgeDelivery(slot, at('2026-03-07T12:00:00Z'), r)).toEqual({ together: true, at: at('2026-03-09T10:00:00Z') });
    // after a three-week outage, at 11:15 on a Wednesday: now
    expect(nudgeDelivery(slot, at('2026-03-25T11:15:00Z'), r)).toEqual({ together: true, at: at('2026-03-25T11:15:00Z') });
  });

  test('apart: each member as planned while that is still to come, else at their first working time after the pass', () => {
    const apart = pair(LA, KOLKATA);
    const planned = plannedNudge('2026-03-03', apart);
    const first = firstInstant(planned); // Kolkata 10:00
    expect(nudgeDelivery(first, at('2026-03-03T04:35:00Z'), apart)).toEqual(planned);
    // the pass ran only at 17:00 UTC: 22:30 in Kolkata (next morning there), 09:00 in LA (working: now)
    expect(nudgeDelivery(first, at('2026-03-03T17:00:00Z'), apart)).toEqual({
      together: false,
      mentee: at('2026-03-03T18:00:00Z'), // LA's planned 10:00 is still to come
      mentor: at('2026-03-04T04:30:00Z'),
    });
  });

  test('reminders: 3 then 4 days after the message the mentee got; none on or after the day the check-in is missed', () => {
    const apart = pair(LA, KOLKATA);
    const nudge = nudgeDelivery(nudgeAt('2026-03-03', apart), at('2026-03-03T04:35:00Z'), apart);
    const first = nextReminder(1, menteeInstant(nudge), apart, '2026-03-17');
    expect(first && iso(first)).toBe(iso(nudgeAt('2026-03-06', apart)));
    expect(nextReminder(MAX_NUDGES, menteeInstant(nudge), apart, '2026-03-17')).toBeNull();
    expect(nextReminder(1, menteeInstant(nudge), apart, '2026-03-06')).toBeNull();
  });
});

/**
 * A pure model of the scheduler's nudge step (src/flows/checkIns/nudges.ts): check-ins every 14 days that
 * nobody logs, passes every `intervalMs` from `phaseMs` after the start, none during the outage.
 */
function simulate(r: Receivers, o: { intervalMs: number; phaseMs: number; outage?: [Date, Date]; weeks: number }) {
  const start = at('2026-03-02T00:00:00Z');
  const end = new Date(start.getTime() + o.weeks * 7 * 24 * HOUR);
  const checkIns = Array.from({ length: Math.floor((o.weeks * 7) / 14) }, (_, k) => {
    const due = addDays('2026-03-04', 14 * k);
    return { due, n: 0, next: nudgeAt(due, r) as Date | null };
  });
  const sent: Array<{ due: string; n: number; pass: Date; delivery: NudgeDelivery }> = [];
  let lastPass = start;
  for (let t = start.getTime() + o.phaseMs; t < end.getTime(); t += o.intervalMs) {
    const now = new Date(t);
    if (o.outage && now >= o.outage[0] && now < o.outage[1]) continue;
    lastPass = now;
    for (const c of checkIns) {
      if (c.next === null || c.next > now) continue;
      const delivery = nudgeDelivery(c.next, now, r);
      c.n += 1;
      c.next = nextReminder(c.n, menteeInstant(delivery), r, missedOn(c.due, null, 14));
      sent.push({ due: c.due, n: c.n, pass: now, delivery });
    }
  }
  return { sent, checkIns, lastPass };
}

describe('whatever the time between passes and however long an outage: every nudge goes once, in working hours', () => {
  const receivers: Receivers[] = [
    same(LA),
    same(LONDON),
    same(KOLKATA),
    same(SYDNEY),
    pair(LONDON, KOLKATA),
    pair(SYDNEY, LA),
    pair(LA, KOLKATA),
    pair(SYDNEY, LONDON),
    pair(LONDON, LA),
    pair(KOLKATA, LONDON),
    pair(LA, SYDNEY),
    pair(KOLKATA, LA),
    pair(LONDON, SYDNEY),
    pair(LA, LONDON),
  ];
  const intervals = [5 * 60_000, HOUR, 6 * HOUR, 7 * HOUR, 13 * HOUR, 24 * HOUR, 25 * HOUR, 84 * HOUR];

  test.each(intervals.map((ms) => [ms / 60_000, ms]))('passes every %d minutes', (_minutes, intervalMs) => {
    for (const r of receivers) {
      for (const phaseMs of [0, 17 * 60_000, 2.5 * HOUR, 4 * HOUR + 41 * 60_000].filter((p) => p < intervalMs)) {
        const { sent, checkIns, lastPass } = simulate(r, { intervalMs, phaseMs, weeks: 10 });
        for (const s of sent) {
          for (const a of arrivals(s.delivery, r, s.pass)) {
            const t = localTime(a.at, a.zone);
            if (!isWorkingTime(t))
              throw new Error(`${JSON.stringify(r)} nudge ${s.n} of ${s.due} reaches ${a.zone} at ${JSON.stringify(t)}`);
            // the first acceptable time at or after the pass: now when it is working time for the receivers
            const allWorking = arrivals(s.delivery, r, s.pass).every((x) => isWorkingTime(localTime(s.pass, x.zone)));
            if (s.delivery.together && allWorking) expect(a.at).toEqual(s.pass);
            // apart, someone at work waits only for their planned 10:00 later that day
            const sameDay = localTime(a.at, a.zone).date === localTime(s.pass, a.zone).date;
            if (!s.delivery.together && isWorkingTime(localTime(s.pass, a.zone)) && a.at > s.pass && !sameDay)
              throw new Error(`${a.zone} was at work at ${iso(s.pass)} yet waits until ${iso(a.at)}`);
            expect(a.at.getTime() - s.pass.getTime()).toBeLessThan(4 * 24 * HOUR);
          }
        }
        // every check-in nudged, each nudge number once; nothing due by the last pass left unsent
        for (const c of checkIns) {
          const numbers = sent.filter((s) => s.due === c.due).map((s) => s.n);
          expect(numbers.length).toBeGreaterThanOrEqual(1);
          expect(numbers).toEqual(numbers.map((_, i) => i + 1));
          expect(c.next === null || c.next > lastPass).toBe(true);
        }
        // passes at least every 6 hours: the nudge and both reminders of every check-in but the last
        if (intervalMs <= 6 * HOUR)
          for (const c of checkIns.slice(0, -1)) expect(sent.filter((s) => s.due === c.due)).toHaveLength(MAX_NUDGES);
      }
    }
  });

  test('after outages of an hour to three weeks, the first pass after each sends what was due', () => {
    for (const r of receivers) {
      for (const hours of [1, 3, 9, 20, 50, 75, 24 * 7, 24 * 21]) {
        const from = at('2026-03-04T02:00:00Z');
        const outage: [Date, Date] = [from, new Date(from.getTime() + hours * HOUR)];
        const { sent, checkIns } = simulate(r, { intervalMs: HOUR, phaseMs: 0, weeks: 10, outage });
        for (const s of sent)
          for (const a of arrivals(s.delivery, r, s.pass)) expect(isWorkingTime(localTime(a.at, a.zone))).toBe(true);
        for (const c of checkIns) expect(sent.some((s) => s.due === c.due && s.n === 1)).toBe(true);
        // the first pass after the outage wrote every nudge that was due during it
        const firstAfter = sent.find((s) => s.pass >= outage[1]);
        const dueDuring = checkIns.filter((c) => nudgeAt(c.due, r) < outage[1] && nudgeAt(c.due, r) >= outage[0]);
        for (const c of dueDuring)
          expect(sent.find((s) => s.due === c.due && s.n === 1)?.pass).toEqual(firstAfter?.pass ?? outage[1]);
      }
    }
  });
});
