import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  signatureValid: boolean;
  /** Parsed body: form fields, the interactivity payload, or the JSON event. */
  body: Record<string, unknown>;
}

export interface StubReply {
  status?: number;
  json?: unknown;
}

/** A minimal Slack app endpoint: checks the signature on its own (not with the emulator's code) and records. */
export class AppStub {
  readonly requests: StubRequest[] = [];
  reply: (req: StubRequest) => StubReply = () => ({});
  private server: Server | undefined;

  constructor(readonly signingSecret: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/slack/events`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const ts = String(req.headers['x-slack-request-timestamp'] ?? '');
        const given = String(req.headers['x-slack-signature'] ?? '');
        const expected = `v0=${createHmac('sha256', this.signingSecret).update(`v0:${ts}:${raw}`).digest('hex')}`;
        const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
        const signatureValid =
          fresh && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
        const request: StubRequest = { headers: req.headers, raw, signatureValid, body: parse(raw, req.headers['content-type']) };
        this.requests.push(request);
        if (!signatureValid) {
          res.writeHead(401).end();
          return;
        }
        const reply = this.reply(request);
        const text = reply.json === undefined ? '' : JSON.stringify(reply.json);
        res.writeHead(reply.status ?? 200, text ? { 'Content-Type': 'application/json' } : {}).end(text);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  last(): StubRequest {
    const request = this.requests.at(-1);
    if (!request) throw new Error('no request yet');
    return request;
  }
}

function parse(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType === 'application/json') return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw).entries());
  return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
}
