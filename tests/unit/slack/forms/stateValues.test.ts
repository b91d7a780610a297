import { FormValues, type ParsedState } from '../../../../src/slack/forms/stateValues.js';

const state = (elements: Record<string, Record<string, unknown>>): ParsedState =>
  Object.fromEntries(Object.entries(elements).map(([block, el]) => [block, { value: { type: 'x', ...el } }])) as ParsedState;

describe('FormValues', () => {
  test('text loses control characters before it is trimmed', () => {
    const f = new FormValues(state({ goals: { value: '\u0000 Help\u0000 a leader\u0007\n' }, blank: { value: '\u0000' } }));
    expect(f.text('goals')).toBe('Help a leader');
    expect(f.text('blank')).toBe('');
    expect(f.text('missing')).toBe('');
  });
  test('date is a real day within bounds, or nothing; pickedDate is what was sent', () => {
    const f = new FormValues(
      state({
        ok: { selected_date: '2026-04-30' },
        rolled: { selected_date: '2026-04-31' },
        month: { selected_date: '2026-13-01' },
        far: { selected_date: '9999-12-31' },
        none: { selected_date: null },
      }),
    );
    expect(f.date('ok')).toBe('2026-04-30');
    for (const block of ['rolled', 'month', 'far', 'none', 'missing']) expect([block, f.date(block)]).toEqual([block, undefined]);
    expect(f.pickedDate('rolled')).toBe('2026-04-31');
    expect(f.pickedDate('none')).toBeUndefined();
  });
  test('integer reads whole numbers only, within the safe range', () => {
    const f = new FormValues(
      state({
        neg: { selected_option: { value: '-5' } },
        big: { selected_option: { value: '3000000000' } },
        huge: { selected_option: { value: '99999999999999999999' } },
        hex: { selected_option: { value: '0x0E' } },
        frac: { selected_option: { value: '1.5' } },
      }),
    );
    expect([f.integer('neg'), f.integer('big')]).toEqual([-5, 3_000_000_000]);
    expect([f.integer('huge'), f.integer('hex'), f.integer('frac'), f.integer('missing')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
