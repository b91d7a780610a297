import { connect } from 'node:net';

export interface SlowPost {
  /** what came back, as text (status line and headers; empty when the connection was cut first) */
  answer: string;
  /** body bytes sent when the first byte of the answer arrived (-1: no answer) */
  sentWhenAnswered: number;
  total: number;
}

/**
 * POSTs a body of `total` bytes 64 kB every 2 ms over a raw socket (declared with Content-Length, or chunked),
 * going on after the answer as a careless client would, and notes how much had been sent when the answer came.
 */
export function slowPost(
  url: string,
  options: { total: number; chunked?: boolean; headers?: Record<string, string> },
): Promise<SlowPost> {
  const { hostname, port, pathname } = new URL(url);
  const { total, chunked = false } = options;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let sentWhenAnswered = -1;
    let answer = '';
    socket.on('data', (d) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      answer += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, sentWhenAnswered, total }));
    const headers = {
      host: hostname,
      'content-type': 'application/json',
      ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(total) }),
      ...options.headers,
    };
    socket.write(
      `POST ${pathname} HTTP/1.1\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n`,
    );
    const pump = () => {
      if (socket.destroyed || !socket.writable) return;
      if (sent >= total) {
        if (chunked) socket.write('0\r\n\r\n');
        return;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      socket.write(chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part);
      sent += part.length;
      setTimeout(pump, 2);
    };
    pump();
  });
}
