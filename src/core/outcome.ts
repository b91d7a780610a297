/**
 * The one way a use case says how it went: done (with what it produced), or refused, and why.
 * `reason` is a code the caller can switch on; `message` is what the person who asked reads (worded by
 * src/messages), so every surface (a modal, an ephemeral reply, the CLI) says the same thing.
 */
export type Outcome<T = void, R extends string = string> = Done<T> | Refused<R>;

export interface Done<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Refused<R extends string = string> {
  readonly ok: false;
  readonly reason: R;
  readonly message: string;
}

export const done = <T = void>(value: T): Done<T> => ({ ok: true, value });

export const refused = <R extends string>(reason: R, message: string): Refused<R> => ({ ok: false, reason, message });
