import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { isObject, type JsonObject } from './json.js';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

export interface EnvelopeOptions {
  /** events_api only: Slack's retry counter (the app sees it as retryNum). */
  retryAttempt?: number;
  retryReason?: string;
  acceptsResponsePayload?: boolean;
  /** How long to wait for the app's ack (default 3000 ms, Slack's limit). */
  ackTimeoutMs?: number;
}

/** What the app sent back over the socket: `{ envelope_id, payload }`. */
export interface SocketAck {
  envelope_id: string;
  payload: JsonObject | undefined;
  elapsedMs: number;
}

export class SocketAckTimeoutError extends Error {
  constructor(
    readonly envelopeId: string,
    timeoutMs: number,
  ) {
    super(`no ack for envelope ${envelopeId} within ${timeoutMs} ms`);
    this.name = 'SocketAckTimeoutError';
  }
}

interface Pending {
  resolve: (ack: SocketAck) => void;
  timer: NodeJS.Timeout;
  sentAt: number;
}

export class SocketModeHub {
  /** Every message the app sent over any connection, in order. */
  readonly received: JsonObject[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  private readonly waiters: Array<() => void> = [];
  private pingTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly wsBaseUrl: () => string,
    private readonly appId: string,
    pingIntervalMs: number,
  ) {
    // Slack pings; @slack/socket-mode drops a connection that stops receiving pings.
    this.pingTimer = setInterval(() => this.sockets.forEach((s) => s.ping()), pingIntervalMs);
    this.pingTimer.unref();
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** A one-time URL, as apps.connections.open hands out. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.wsBaseUrl()}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!url.pathname.startsWith('/link') || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  waitForConnection(timeoutMs = 5000): Promise<void> {
    if (this.sockets.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no Socket Mode connection within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends an envelope to the newest connection and resolves with the app's ack. */
  deliver(type: EnvelopeType, payload: JsonObject, options: EnvelopeOptions = {}): Promise<SocketAck> {
    const socket = [...this.sockets].pop();
    if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
    const envelopeId = randomUUID();
    const envelope: JsonObject = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== 'events_api',
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    const timeoutMs = options.ackTimeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new SocketAckTimeoutError(envelopeId, timeoutMs));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, timer, sentAt: Date.now() });
      socket.send(JSON.stringify(envelope));
    });
  }

  /** Asks every connected client to reconnect, as Slack does when it recycles a server. */
  disconnectAll(reason = 'refresh_requested'): void {
    for (const socket of this.sockets) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pingTimer);
    this.pingTimer = undefined;
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    // Close politely first so a client that is itself disconnecting sees a clean close, not an error.
    const closing = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 500);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1001, 'emulator stopping');
        }),
    );
    await Promise.all(closing);
    this.sockets.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.onMessage(data.toString());
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size,
        debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.waiters.splice(0).forEach((wake) => wake());
  }

  private onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (!isObject(message)) return;
    this.received.push(message);
    const envelopeId = typeof message.envelope_id === 'string' ? message.envelope_id : '';
    const pending = this.pending.get(envelopeId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(envelopeId);
    pending.resolve({
      envelope_id: envelopeId,
      payload: isObject(message.payload) ? message.payload : undefined,
      elapsedMs: Date.now() - pending.sentAt,
    });
  }
}
