import {
  accessFrom,
  coordinatorsOf,
  isAnyCoordinator,
  mayCoordinate,
  mayManage,
  NO_ACCESS,
  programmeRefusal,
  visibleProgrammes,
} from '../../../src/domain/access.js';

const programmes = [
  { id: 'a', name: 'A' },
  { id: 'b', name: 'B' },
];

describe('who may coordinate which programme', () => {
  const admin = accessFrom({ adminOfAll: true, programmeIds: [] });
  const ofA = accessFrom({ adminOfAll: false, programmeIds: ['a', 'a'] });

  test('an admin of all may act on every programme; a coordinator of A on A only; anyone else on none', () => {
    expect(visibleProgrammes(admin, programmes).map((p) => p.id)).toEqual(['a', 'b']);
    expect(visibleProgrammes(ofA, programmes).map((p) => p.id)).toEqual(['a']);
    expect(visibleProgrammes(NO_ACCESS, programmes)).toEqual([]);
    expect([isAnyCoordinator(admin), isAnyCoordinator(ofA), isAnyCoordinator(NO_ACCESS)]).toEqual([true, true, false]);
    expect(mayCoordinate(ofA, 'b')).toBe(false);
  });

  test('a refusal says whether the person coordinates nothing or other programmes', () => {
    expect(programmeRefusal(admin, 'b')).toBeUndefined();
    expect(programmeRefusal(ofA, 'a')).toBeUndefined();
    expect(programmeRefusal(ofA, 'b')).toBe('not_your_programme');
    expect(programmeRefusal(NO_ACCESS, 'a')).toBe('not_coordinator');
  });

  test('only admins of all manage every programme; a programme is managed by its coordinators', () => {
    expect(mayManage(admin, { kind: 'all' })).toBe(true);
    expect(mayManage(ofA, { kind: 'all' })).toBe(false);
    expect(mayManage(ofA, { kind: 'programme', programmeId: 'a' })).toBe(true);
    expect(mayManage(ofA, { kind: 'programme', programmeId: 'b' })).toBe(false);
  });

  test("a programme's coordinators are its own and the admins of all, once each, sorted", () => {
    const scoped = [
      { programmeId: 'a', slackUserId: 'U3' },
      { programmeId: 'b', slackUserId: 'U4' },
      { programmeId: 'a', slackUserId: 'U1' },
    ];
    expect(coordinatorsOf('a', ['U2', 'U1'], scoped)).toEqual(['U1', 'U2', 'U3']);
    expect(coordinatorsOf('b', ['U2'], scoped)).toEqual(['U2', 'U4']);
    expect(coordinatorsOf('c', [], scoped)).toEqual([]);
  });
});
