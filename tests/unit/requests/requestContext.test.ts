import { currentRequestId, inThisRequest, runInRequest } from '../../../src/requests/requestContext.js';

describe('inThisRequest', () => {
  it('runs the work later as part of the request it was made in, whoever calls it', async () => {
    const later = runInRequest('first', () => inThisRequest((suffix: string) => `${currentRequestId()}${suffix}`));
    expect(later('!')).toBe('first!');
    expect(runInRequest('second', () => later('?'))).toBe('first?');
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(later('.')).toBe('first.');
  });

  it('keeps the request across the work’s own awaits', async () => {
    const later = runInRequest('third', () =>
      inThisRequest(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return currentRequestId();
      }),
    );
    await expect(runInRequest('fourth', () => later())).resolves.toBe('third');
  });

  it('work made outside any request runs outside any request', () => {
    const later = inThisRequest(() => currentRequestId());
    expect(runInRequest('fifth', () => later())).toBeUndefined();
  });
});
