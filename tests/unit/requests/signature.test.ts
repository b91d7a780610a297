import { readFileSync } from 'node:fs';
import { checkSlackSignature } from '../../../src/requests/signature.js';

const vector = JSON.parse(
  readFileSync(new URL('../../emulator/fixtures/signature_test_vector.json', import.meta.url), 'utf8'),
) as Record<string, string>;

describe("checkSlackSignature (Slack's published example)", () => {
  const secret = vector.signing_secret!;
  const ts = vector.x_slack_request_timestamp!;
  const body = Buffer.from(vector.raw_body!);
  const sig = vector.x_slack_signature!;
  const at = Number(ts) + 10;

  test('accepts the example', () => {
    expect(checkSlackSignature(secret, ts, sig, body, at)).toBeUndefined();
  });

  test('refuses a changed body, another secret, a malformed or missing signature', () => {
    expect(checkSlackSignature(secret, ts, sig, Buffer.from(vector.raw_body!.replace('roadrunner', 'coyote')), at)).toBe(
      'signature mismatch',
    );
    expect(checkSlackSignature('another-secret', ts, sig, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, sig.slice(0, -2), body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, `${sig}zz`, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, `${sig}, v0=00`, body, at)).toBe('signature mismatch');
    expect(checkSlackSignature(secret, ts, 'v1=' + sig.slice(3), body, at)).toBe('unknown signature version');
    expect(checkSlackSignature(secret, ts, undefined, body, at)).toBe('missing headers');
    expect(checkSlackSignature(secret, 'yesterday', sig, body, at)).toBe('missing headers');
  });

  test('refuses a timestamp more than 5 minutes away, in either direction', () => {
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) + 301)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) - 301)).toBe('stale timestamp');
    expect(checkSlackSignature(secret, ts, sig, body, Number(ts) + 300)).toBeUndefined();
  });
});
