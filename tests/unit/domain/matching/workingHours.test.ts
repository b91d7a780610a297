import { utcOffsetMinutes, workingOverlapMinutes } from '../../../../src/domain/matching/index.js';

describe('working hours across time zones', () => {
  const november = new Date('2026-11-22T12:00:00Z');
  const july = new Date('2026-07-01T12:00:00Z');

  test('IANA offsets at the reference date, with daylight saving', () => {
    expect(utcOffsetMinutes('Europe/London', november)).toBe(0);
    expect(utcOffsetMinutes('Europe/London', july)).toBe(60);
    expect(utcOffsetMinutes('America/New_York', november)).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', july)).toBe(-240);
    expect(utcOffsetMinutes('Asia/Kolkata', november)).toBe(330);
    expect(utcOffsetMinutes('UTC', november)).toBe(0);
    expect(utcOffsetMinutes('Mars/Olympus_Mons', november)).toBeNull();
  });

  test('overlap of two 9:00-17:00 days', () => {
    expect(workingOverlapMinutes(0, 0)).toBe(480);
    expect(workingOverlapMinutes(0, -300)).toBe(180); // London and New York: 14:00-17:00 London time
    expect(workingOverlapMinutes(330, 0)).toBe(150); // Kolkata and London
    expect(workingOverlapMinutes(0, 480)).toBe(0); // London and Singapore
    expect(workingOverlapMinutes(-480, 660)).toBe(180); // Los Angeles and Sydney: 22:00-01:00 UTC, across midnight
    expect(workingOverlapMinutes(660, -480)).toBe(180);
    expect(workingOverlapMinutes(0, 60, { startMinute: 8 * 60, endMinute: 12 * 60 })).toBe(180);
  });
});
