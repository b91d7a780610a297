import { createHash, randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Stable id from a seed: same seed, same id (conversation ids stay stable across restarts). */
export function stableId(prefix: string, seed: string, length = 10): string {
  const bytes = createHash('sha256').update(seed).digest();
  let id = prefix;
  for (let i = 0; id.length < length + prefix.length; i++) id += ALNUM[(bytes[i] ?? 0) % ALNUM.length];
  return id;
}

/** Short mixed-case id like the ones Slack puts on blocks and elements that were sent without one. */
export function shortId(seed: string): string {
  return createHash('sha1').update(seed).digest('base64url').replace(/[-_]/g, '').slice(0, 5);
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export class IdFactory {
  private counters = new Map<string, number>();
  private lastMicros = 0;

  constructor(private readonly now: () => number) {}

  /** Sequential id such as V0000001A, unique per prefix within one emulator. */
  next(prefix: string, length = 9): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(length, '0')}`;
  }

  /** Message timestamp 'seconds.micros', strictly increasing even when the clock stands still. */
  ts(): string {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}
