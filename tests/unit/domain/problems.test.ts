import { hasProblems, invalid } from '../../../src/domain/problems.js';

describe('form problems', () => {
  test('a form has problems when any field has one', () => {
    expect(hasProblems({})).toBe(false);
    expect(hasProblems({ name: undefined })).toBe(false);
    expect(hasProblems({ name: 'Give the programme a name.' })).toBe(true);
  });

  test('an invalid form is a refusal that carries its problems', () => {
    expect(invalid({ name: 'Give the programme a name.' })).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Give the programme a name.',
      problems: { name: 'Give the programme a name.' },
    });
  });
});
