import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * The largest body the receiver reads. Slack's largest requests are interactions from a modal or App Home: they
 * carry the whole view, which Slack caps at 250 kB (`views.open` / `views.publish` answer `view_too_large`
 * above it), plus the values typed into its inputs (ours take at most 3,000 characters each). Form encoding
 * (`payload=<JSON>`) makes JSON at most about three times longer when every character is escaped, so about
 * 750 kB for the view in the worst case. Our largest view, a page of the matching preview with every name and
 * reason at its longest in accented letters, is about 190 kB of JSON and 390 kB as the click Slack sends
 * (tests/unit/requests/bodyLimit.test.ts). 1 MiB leaves room for both, and reads nothing bigger.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** An unsigned body is read only to answer Slack's `ssl_check` (`ssl_check=1&token=...`): a few dozen bytes. */
export const UNSIGNED_BODY_LIMIT_BYTES = 4 * 1024;

export const TOO_LARGE = Symbol('too large');

/**
 * Reads a body of at most `limit` bytes. A larger declared Content-Length is refused before a byte is read; an
 * undeclared (chunked) or understated length is counted while reading, and reading stops at the limit: nothing
 * beyond it is kept. The caller then answers with `refuseUnread`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      resolve(TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/** How long a refused sender has to read our answer before its connection is cut. */
const LINGER_MS = 1000;

/**
 * Answers `status` (413, 401) to a request whose body has not been read, without reading it. Node's own answer
 * would either read and discard the whole body (keep-alive) or close the socket with the body unread, which
 * resets the connection before the sender can read the answer. So the socket stops being read, gets the
 * answer and our end of the connection (the sender reads both; its further writes wait in its own buffers),
 * and is cut a moment later.
 */
export function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number): void {
  const socket = req.socket;
  socket.pause();
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  setTimeout(() => {
    socket.destroy();
    res.destroy();
  }, LINGER_MS).unref();
}
