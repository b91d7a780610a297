import ICAL from 'ical.js';
import { foldLine, icsFile, icsText, type CalendarEvent } from '../../../../src/domain/calendar/ics.js';

const event: CalendarEvent = {
  uid: 'checkin-ci-1@reverse-mentoring-bot',
  sequence: 2,
  method: 'REQUEST',
  start: new Date('2026-03-10T15:00:00Z'),
  end: new Date('2026-03-10T16:00:00Z'),
  stamp: new Date('2026-03-09T10:04:05Z'),
  summary: 'Check-in 1 of Spring, 2026; AI \\ TikTok',
  description: 'Zoé and Amara: «reverse mentoring» check-in.\nSee you there! '.repeat(4),
};

describe('an iCalendar invitation (RFC 5545)', () => {
  test('parses back with ical.js: method, UID, sequence, UTC times, escaped text', () => {
    const text = icsFile(event);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    const e = new ICAL.Event(vevent);
    expect(e.uid).toBe(event.uid);
    expect(e.sequence).toBe(2);
    expect(e.startDate.zone.tzid).toBe('UTC');
    expect(e.startDate.toJSDate().toISOString()).toBe('2026-03-10T15:00:00.000Z');
    expect(e.endDate.toJSDate().toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(e.summary).toBe(event.summary);
    expect(e.description).toBe(event.description);
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect((vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString()).toBe('2026-03-09T10:04:05.000Z');
  });

  test('CRLF line endings, no line longer than 75 octets, folds never split a character', () => {
    const text = icsFile(event);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // the description was folded
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Zoé and Amara: «reverse mentoring» check-in.\\nSee you there! ');
    const folded = foldLine('X:' + 'é'.repeat(100));
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe('X:' + 'é'.repeat(100));
  });

  test('TEXT escaping: backslash, semicolon, comma, newlines', () => {
    expect(icsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  test('a cancellation: METHOD:CANCEL, STATUS:CANCELLED, same UID, a higher sequence', () => {
    const cal = new ICAL.Component(ICAL.parse(icsFile({ ...event, method: 'CANCEL', sequence: 3 })));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('uid')).toBe(event.uid);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
  });
});
