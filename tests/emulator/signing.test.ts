import { signSlackRequest, verifySlackSignature } from '../../src/emulator/index.js';
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

  it('reproduces the signature of Slack\'s documented example', () => {
    expect(signSlackRequest(vector.signing_secret, vector.x_slack_request_timestamp, vector.raw_body)).toBe(vector.x_slack_signature);
  });

  it('verifies the example and rejects tampering, wrong secrets and stale timestamps', () => {
    const base = {
      signingSecret: vector.signing_secret,
      timestamp: vector.x_slack_request_timestamp,
      rawBody: vector.raw_body,
      signature: vector.x_slack_signature,
      nowSeconds: Number(vector.x_slack_request_timestamp) + 10,
    };
    expect(verifySlackSignature(base)).toBe(true);
    expect(verifySlackSignature({ ...base, rawBody: `${vector.raw_body}&x=1` })).toBe(false);
    expect(verifySlackSignature({ ...base, signingSecret: 'other' })).toBe(false);
    expect(verifySlackSignature({ ...base, nowSeconds: Number(vector.x_slack_request_timestamp) + 301 })).toBe(false);
    expect(verifySlackSignature({ ...base, signature: undefined })).toBe(false);
  });
});
