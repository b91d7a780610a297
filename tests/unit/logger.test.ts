import { createLogger, redact } from '../../src/logger.js';

describe('logging never shows secrets', () => {
  test('tokens and database passwords are redacted', () => {
    expect(redact('token xoxb-123-456-abcDEF and xapp-1-A0-99 and xoxp-9-9')).toBe(
      'token [redacted] and [redacted] and [redacted]',
    );
    expect(redact('postgresql://rm:s3cret@db:5432/rm')).toBe('postgresql://rm:***@db:5432/rm');
  });

  test('the logger applies redaction and levels', () => {
    const lines: string[] = [];
    const logger = createLogger('info', 'test', (l) => lines.push(l));
    logger.debug('hidden');
    logger.info('calling with', { token: 'xoxb-1-2-3' });
    logger.error(new Error('auth failed for xapp-1-2'));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/xoxb-|xapp-/);
    expect(lines[0]).toMatch(/INFO \[test\] calling with \{"token":"\[redacted\]"\}/);
  });
});
