import { jsonArrayParameter } from '../../../src/store/pgJsonParameter.js';

describe('jsonArrayParameter', () => {
  test('the bytes of the JSON array of the rows, as UTF-8', () => {
    const rows = [JSON.stringify({ a: 'é 😀 "q" \\ \ud800' }), '{"b":1}', JSON.stringify('x\u0000y')];
    const bytes = jsonArrayParameter(rows);
    expect(bytes.toString('utf8')).toBe(`[${rows.join(',')}]`);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual([{ a: 'é 😀 "q" \\ \ud800' }, { b: 1 }, 'x\u0000y']);
  });

  test('no rows: an empty array; one row: no comma', () => {
    expect(jsonArrayParameter([]).toString()).toBe('[]');
    expect(jsonArrayParameter(['{}']).toString()).toBe('[{}]');
  });
});
