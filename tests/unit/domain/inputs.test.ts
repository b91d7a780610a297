import {
  DATE_PROBLEM_TEXT,
  dateProblem,
  isOffered,
  isSlackChannelId,
  isSlackUserId,
  isUsableDate,
  withoutControlCharacters,
} from '../../../src/domain/inputs.js';

describe('submitted values', () => {
  test('isOffered: exactly one of the offered values, same type', () => {
    expect(isOffered([1, 2, 3], 2)).toBe(true);
    expect(isOffered([1, 2, 3], '2')).toBe(false);
    expect(isOffered([1, 2, 3], -5)).toBe(false);
    expect(isOffered([1, 2, 3], 3_000_000_000)).toBe(false);
    expect(isOffered([1, 2, 3], undefined)).toBe(false);
    expect(isOffered(['video', 'either'], 'video')).toBe(true);
    expect(isOffered(['video', 'either'], 'Video')).toBe(false);
    expect(isOffered(['video', 'either'], 'carrier-pigeon')).toBe(false);
  });
  test('Slack ids as pickers send them', () => {
    for (const id of ['U0EMU0001', 'W012ABC', 'U12']) expect([id, isSlackUserId(id)]).toEqual([id, true]);
    for (const id of ['<!channel>', '<@U0EMU0001>', 'u0emu0001', 'U1', 'C0123', 'U0EMU 01', '', 'U0EMU0001\n'])
      expect([id, isSlackUserId(id)]).toEqual([id, false]);
    expect(isSlackChannelId('C0123ABC')).toBe(true);
    expect(isSlackChannelId('G0123ABC')).toBe(true);
    for (const id of ['<!here>', 'U0123', 'C1', '#general']) expect([id, isSlackChannelId(id)]).toEqual([id, false]);
  });
  test('dates: real days from 2000 to 2100', () => {
    expect(dateProblem('2026-04-30')).toBeUndefined();
    expect(dateProblem('2000-01-01')).toBeUndefined();
    expect(dateProblem('2100-12-31')).toBeUndefined();
    for (const d of ['2026-04-31', '2026-13-01', '2026-04-99', '2026-02-30', 'tomorrow', ''])
      expect([d, dateProblem(d)]).toEqual([d, 'not_a_date']);
    for (const d of ['9999-12-31', '2101-01-01', '1999-12-31', '0001-01-01'])
      expect([d, dateProblem(d)]).toEqual([d, 'out_of_bounds']);
    expect(isUsableDate('2026-03-10')).toBe(true);
    expect(isUsableDate('9999-12-31')).toBe(false);
    expect(DATE_PROBLEM_TEXT.out_of_bounds).toBe('Choose a date between 2000 and 2100.');
  });
  test('control characters: C0 (but tab and newline) and DEL are removed, everything else is kept', () => {
    expect(withoutControlCharacters('Mar\u0000keting')).toBe('Marketing');
    expect(withoutControlCharacters('a\u0001b\u0007c\u0008d\u000be\u000cf\rg\u001bh\u001fi\u007fj')).toBe('abcdefghij');
    expect(withoutControlCharacters('line one\nline\ttwo')).toBe('line one\nline\ttwo');
    expect(withoutControlCharacters('Zoë 🚀 <!here> ✓')).toBe('Zoë 🚀 <!here> ✓');
  });
});
