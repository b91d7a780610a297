// Slack calls and response_url POSTs on node:http(s) instead of the global `fetch`: in a burst of clicks and
// commands, undici's fetch and its web streams were about 7 % of the app's CPU (docs/benchmarks.md, "Load"),
// for small JSON or form bodies that need neither. Connections are kept alive and reused.
import http from 'node:http';
import https from 'node:https';
import type { FetchFunction } from '@slack/web-api';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchInit = Parameters<FetchFunction>[1];

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/** The error `fetch` gives when AbortSignal.timeout fires: `gaveUp` reads its name. */
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

/**
 * Whether a call's fetch gave up (its timeout, or its signal) rather than failed on the network, given what fetch
 * threw (the WebClient's `original`). Across realms (under jest) the WebClient re-wraps the DOMException as
 * `Error(String(it))`: its name then leads the message.
 */
export function gaveUp(thrown: unknown): boolean {
  const e = thrown as { name?: unknown; message?: unknown } | undefined;
  return /TimeoutError|AbortError/.test(`${String(e?.name)} ${String(e?.message)}`);
}

class ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }
}

function answerOf(url: string, res: http.IncomingMessage, body: Buffer): FetchResponse {
  const status = res.statusCode ?? 0;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: new ResponseHeaders(res.headers),
    arrayBuffer: () => Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
    text: () => Promise.resolve(body.toString('utf8')),
    json: () => Promise.resolve(JSON.parse(body.toString('utf8')) as unknown),
  };
}

/**
 * A `fetch` for Slack (Bolt's `respond()`, the WebClient, response_url POSTs) that gives up after `timeoutMs`,
 * body included, or when the caller's own signal fires; a redirect is an error, as the WebClient asks of fetch.
 * Anything but a string body (a file upload's FormData) goes through the global `fetch`.
 */
export function httpFetch(timeoutMs: number): FetchFunction {
  return (input, init) => {
    const body = init?.body;
    if (body !== undefined && typeof body !== 'string') return viaGlobalFetch(timeoutMs, input, init);
    const url = new URL(String(input));
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<FetchResponse>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { ...init?.headers };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const req = transport.request(url, { method: init?.method ?? 'GET', headers, agent });
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        init?.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (err: unknown) => {
        if (settled) return;
        settle();
        req.destroy();
        reject(err as Error);
      };
      const timer = setTimeout(() => fail(timeoutError()), timeoutMs);
      const onAbort = () => fail(init?.signal?.reason ?? new DOMException('This operation was aborted', 'AbortError'));
      if (init?.signal?.aborted) return onAbort();
      init?.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (init?.redirect === 'error' && status >= 300 && status < 400) {
          res.resume();
          return fail(new TypeError(`fetch failed: redirect (HTTP ${status}) where none is allowed`));
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          settle();
          resolve(answerOf(url.href, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        });
      });
      req.end(body);
    });
  };
}

function viaGlobalFetch(timeoutMs: number, input: string | URL, init: FetchInit): Promise<FetchResponse> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  return fetch(input, { ...init, signal } as RequestInit);
}
