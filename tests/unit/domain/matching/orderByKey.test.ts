import { orderByKey } from '../../../../src/domain/matching/orderByKey.js';

describe('orderByKey', () => {
  test('smallest key first, ties by index, negative keys too', () => {
    expect(Array.from(orderByKey([3, -2, 3, 0, -2, -10000]))).toEqual([5, 1, 4, 3, 0, 2]);
  });

  test('the same order as a stable sort with a comparator', () => {
    const keys = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 23) - 11);
    const expected = keys.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
    expect(Array.from(orderByKey(keys))).toEqual(expected);
    expect(orderByKey([]).length).toBe(0);
  });
});
