import { NAME_MAX_LENGTH, nameToShow } from '../../../src/domain/people.js';

describe('nameToShow: the name people see for a Slack user', () => {
  const user = (display: string, realName: string, handle = 'chloe.dubois') => ({
    name: handle,
    real_name: realName,
    profile: { display_name: display, real_name: realName },
  });

  test('the display name the person chose comes first', () => {
    expect(nameToShow(user('Chloé', 'Chloé Dubois'))).toBe('Chloé');
  });

  test('an empty or blank display name gives the real name, not the handle', () => {
    expect(nameToShow(user('', 'Chloé Dubois'))).toBe('Chloé Dubois');
    expect(nameToShow(user('   ', 'Chloé Dubois'))).toBe('Chloé Dubois');
  });

  test('the top-level real_name serves when the profile has none, the handle only when nothing else names them', () => {
    expect(nameToShow({ name: 'chloe.dubois', real_name: 'Chloé Dubois', profile: {} })).toBe('Chloé Dubois');
    expect(nameToShow({ name: 'chloe.dubois', profile: { display_name: '', real_name: '' } })).toBe('chloe.dubois');
  });

  test('nothing to name them: empty, never an id', () => {
    expect(nameToShow({})).toBe('');
    expect(nameToShow({ name: '', profile: { display_name: '\u0000' } })).toBe('');
  });

  test('control characters are dropped, line breaks and tabs become one space', () => {
    expect(nameToShow(user('Chlo\u0000é\u0007', 'x'))).toBe('Chloé');
    expect(nameToShow(user(' Chloé\n\tDubois ', 'x'))).toBe('Chloé Dubois');
  });

  test('a long name is cut by characters, never inside an emoji', () => {
    const long = '😀'.repeat(NAME_MAX_LENGTH + 5);
    const shown = nameToShow(user(long, 'x'));
    expect([...shown]).toHaveLength(NAME_MAX_LENGTH);
    expect(shown).toBe('😀'.repeat(NAME_MAX_LENGTH));
  });
});
