import { signSlackRequest } from '../../src/devtools/emulator/index.js';
import { checkSlackSignature } from '../../src/requests/signature.js';
import { fixture } from './helpers.js';

interface Vector {
  signing_secret: string;
  x_slack_request_timestamp: string;
  raw_body: string;
  basestring: string;
  x_slack_signature: string;
}

describe('request signing', () => {
  const vector = fixture<Vector>('signature_test_vector.json');

  it("reproduces the signature of Slack's documented example", () => {
    expect(signSlackRequest(vector.signing_secret, vector.x_slack_request_timestamp, vector.raw_body)).toBe(
      vector.x_slack_signature,
    );
  });

  it('signs what the app accepts, and the app rejects tampering, wrong secrets and stale timestamps', () => {
    const ts = vector.x_slack_request_timestamp;
    const now = Number(ts) + 10;
    const verify = (o: { signingSecret?: string; rawBody?: string; signature?: string; nowSeconds?: number }) =>
      checkSlackSignature(
        o.signingSecret ?? vector.signing_secret,
        ts,
        'signature' in o ? o.signature : signSlackRequest(vector.signing_secret, ts, vector.raw_body),
        Buffer.from(o.rawBody ?? vector.raw_body),
        o.nowSeconds ?? now,
      ) === undefined;
    expect(verify({})).toBe(true);
    expect(verify({ rawBody: `${vector.raw_body}&x=1` })).toBe(false);
    expect(verify({ signingSecret: 'other' })).toBe(false);
    expect(verify({ nowSeconds: Number(ts) + 301 })).toBe(false);
    expect(verify({ signature: undefined })).toBe(false);
  });
});
