// A form that breaks rules: each problem keyed by the field it belongs to, in words the person understands.
import { refused, type Refused } from '../core/outcome.js';

export type Problems<F extends string = string> = Partial<Record<F, string>>;

/** The refusal of a form with problems: the caller shows each one under its field. */
export interface Invalid<F extends string = string> extends Refused<'invalid'> {
  readonly problems: Problems<F>;
}

/** `message` lists every problem, for surfaces that cannot show them field by field (logs excluded: they may quote input). */
export const invalid = <F extends string>(problems: Problems<F>): Invalid<F> => ({
  ...refused('invalid', Object.values<string | undefined>(problems).filter(Boolean).join(' ')),
  problems,
});

export const hasProblems = (problems: Problems): boolean => Object.values(problems).some((p) => p !== undefined);
