// Errors that no retry fixes, and the outbox sender's pauses on them (docs/outbox.md, "When Slack refuses the
// token or a scope"). Retrying every message 12 times on a revoked token only burns attempts and tells
// coordinators of failures that are nobody's message's fault: the sender stops instead, says so once, and
// resumes by itself when the cause is gone.

/** The token itself is refused: no call can succeed until someone reinstalls the app or fixes the token. */
export const AUTH_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'org_login_required',
  'team_access_not_granted',
]);

/** The token works but lacks what one method needs: every call of that method fails until the app is reinstalled. */
export const SCOPE_ERRORS: ReadonlySet<string> = new Set(['missing_scope', 'not_allowed_token_type', 'no_permission']);

/** Every method: what an auth error pauses. */
export const ALL_METHODS = '*';

export interface SenderPause {
  /** A Web API method, or ALL_METHODS. */
  method: string;
  /** Slack's error code (never a token). */
  error: string;
  /** The scope Slack said was missing, when it said. */
  needed: string | undefined;
  since: Date;
  /** When the sender next checks whether the cause is gone. */
  nextProbeAt: Date;
}

/**
 * What the outbox sender is paused on, if anything: one per running bot, read by health and metrics. The
 * sender calls `pause` on an auth or scope error and `resume` when a probe succeeds.
 */
export class SenderStatus {
  private readonly pauses = new Map<string, SenderPause>();

  constructor(private readonly probeEveryMs: number) {}

  /** Snapshot for health checks and metrics: empty while the sender runs. */
  get paused(): readonly SenderPause[] {
    return [...this.pauses.values()];
  }

  get ok(): boolean {
    return this.pauses.size === 0;
  }

  /** For the health status: "delivering", or what is paused and why, e.g. "paused: chat.postMessage (missing_scope, needs chat:write)". */
  describe(): string {
    if (this.pauses.size === 0) return 'delivering';
    const what = this.paused.map((p) => {
      const method = p.method === ALL_METHODS ? 'every method' : p.method;
      return `${method} (${p.error}${p.needed ? `, needs ${p.needed}` : ''})`;
    });
    return `paused: ${what.join('; ')}`;
  }

  /** The pause that stops calls of `method` (an auth pause stops every method). */
  pauseOf(method: string): SenderPause | undefined {
    return this.pauses.get(ALL_METHODS) ?? this.pauses.get(method);
  }

  /** true when this starts a pause (log it then, once). */
  pause(method: string, error: string, needed: string | undefined, now: Date): boolean {
    const existing = this.pauses.get(method);
    if (existing) {
      existing.nextProbeAt = new Date(now.getTime() + this.probeEveryMs);
      return false;
    }
    this.pauses.set(method, { method, error, needed, since: now, nextProbeAt: new Date(now.getTime() + this.probeEveryMs) });
    return true;
  }

  /** The pauses whose probe is due. */
  dueProbes(now: Date): SenderPause[] {
    return this.paused.filter((p) => p.nextProbeAt <= now);
  }

  /** Tried again and still refused: next probe a while later. */
  stillPaused(method: string, now: Date): void {
    const p = this.pauses.get(method);
    if (p) p.nextProbeAt = new Date(now.getTime() + this.probeEveryMs);
  }

  /** true when `method` was paused. */
  resume(method: string): boolean {
    return this.pauses.delete(method);
  }
}
