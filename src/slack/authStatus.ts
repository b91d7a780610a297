/**
 * Whether Slack still accepts this bot's token. One per running bot (src/runtime.ts makes it): the outbox
 * sender calls `revoked(code)` when Slack answers a call with an error that says the token itself is no longer
 * good (`invalid_auth`, `token_revoked`, `account_inactive`, ...), and `restored()` once a call succeeds again;
 * readiness (`GET /readyz`) and the metrics read it. It holds an error code only, never a token.
 */
export class SlackAuthStatus {
  private code: string | undefined;
  private at: Date | undefined;

  /** The error code Slack gave, while the token is refused; undefined while it is accepted. */
  get problem(): string | undefined {
    return this.code;
  }

  /** When Slack first refused the token (this spell). */
  get since(): Date | undefined {
    return this.at;
  }

  get ok(): boolean {
    return this.code === undefined;
  }

  revoked(code: string, at: Date = new Date()): void {
    if (this.code === undefined) this.at = at;
    this.code = code;
  }

  restored(): void {
    this.code = undefined;
    this.at = undefined;
  }
}
