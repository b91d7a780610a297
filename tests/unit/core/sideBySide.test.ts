import { sideBySide } from '../../../src/core/sideBySide.js';

const after = <T>(ms: number, value: T, fail = false): Promise<T> =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(value) : resolve(value)), ms));

describe('sideBySide', () => {
  test('the values in the order of the steps', async () => {
    await expect(sideBySide([after(20, 'a'), after(1, 2)])).resolves.toEqual(['a', 2]);
  });

  test('one step fails: its error, thrown only once the other step is over', async () => {
    let otherOver = false;
    const other = after(40, 'done').then((v) => {
      otherOver = true;
      return v;
    });
    const failure = new Error('boom');
    await expect(sideBySide([after(1, failure, true), other])).rejects.toBe(failure);
    expect(otherOver).toBe(true);
  });

  test('both fail: an AggregateError holding both errors', async () => {
    const first = new Error('first');
    const second = new Error('second');
    const thrown = await sideBySide([after(5, first, true), after(1, second, true)]).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors).toEqual([first, second]);
  });
});
