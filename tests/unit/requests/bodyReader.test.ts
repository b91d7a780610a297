import { createServer, type Server } from 'node:http';
import { BODY_LIMIT_BYTES, readBody, refuseUnread, TOO_LARGE } from '../../../src/requests/bodyReader.js';
import { slowPost } from '../../support/rawHttp.js';

/** A server that reads bodies as the receiver does, and says how many bytes each connection read in all. */
async function server(): Promise<{ port: number; bytesRead: Promise<number>; close(): Promise<void> }> {
  let reported: (n: number) => void = () => undefined;
  const bytesRead = new Promise<number>((resolve) => (reported = resolve));
  const s: Server = createServer((req, res) => {
    req.socket.once('close', () => reported(req.socket.bytesRead));
    void readBody(req, BODY_LIMIT_BYTES).then((body) => {
      if (body === TOO_LARGE) refuseUnread(req, res, 413);
      else res.end(String(body.length));
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  return { port, bytesRead, close: () => new Promise((r) => s.close(() => r())) };
}

describe('bodies larger than Slack sends are refused before they are read whole', () => {
  test.each([
    ['a declared Content-Length over the limit: 413 before a byte of the body is read', false],
    ['a chunked body: 413 once the limit is passed; nothing beyond it is read', true],
  ])('%s', async (_name, chunked) => {
    const s = await server();
    try {
      const { answer, sentWhenAnswered } = await slowPost(`http://127.0.0.1:${s.port}/slack/events`, {
        total: 4 * 1024 * 1024,
        chunked,
      });
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer.toLowerCase()).toContain('connection: close');
      // answered long before the client was done: at once, or as soon as the limit was passed
      expect(sentWhenAnswered).toBeLessThan(chunked ? BODY_LIMIT_BYTES + 512 * 1024 : 512 * 1024);
      // The server stopped reading at (or before) the limit, whatever the client went on sending.
      expect(await s.bytesRead).toBeLessThan(chunked ? BODY_LIMIT_BYTES + 256 * 1024 : 256 * 1024);
    } finally {
      await s.close();
    }
  });

  test('a body within the limit is read whole', async () => {
    const s = await server();
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/`, { method: 'POST', body: Buffer.alloc(BODY_LIMIT_BYTES, 'b') });
      expect(await res.text()).toBe(String(BODY_LIMIT_BYTES));
    } finally {
      await s.close();
    }
  });
});
