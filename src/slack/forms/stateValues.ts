import { z } from 'zod';
import { isUsableDate, withoutControlCharacters } from '../../domain/inputs.js';
import { VALUE } from '../../messages/common/inputs.js';

// view.state.values as Slack sends it: block_id -> action_id -> element state.
const optionSchema = z.object({ value: z.string() });
const elementState = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: optionSchema.nullish(),
    selected_options: z.array(optionSchema).nullish(),
    selected_user: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
    selected_date: z.string().nullish(),
    selected_conversation: z.string().nullish(),
  })
  .loose();
export const stateValuesSchema = z.record(z.string(), z.record(z.string(), elementState));
export type ParsedState = z.infer<typeof stateValuesSchema>;

export const viewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    id: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.object({ values: stateValuesSchema }),
  }),
});

/**
 * Typed reads of one form's values; a block that is missing reads as empty. Text loses its control characters
 * here, before any rule sees it; whether an option, a user or a number is one the bot offered is the domain's.
 */
export class FormValues {
  constructor(private readonly values: ParsedState) {}
  private el(block: string) {
    return this.values[block]?.[VALUE];
  }
  text(block: string): string {
    return withoutControlCharacters(this.el(block)?.value ?? '').trim();
  }
  option(block: string): string | undefined {
    return this.el(block)?.selected_option?.value ?? undefined;
  }
  options(block: string): string[] {
    return (this.el(block)?.selected_options ?? []).map((o) => o.value);
  }
  user(block: string): string | undefined {
    return this.el(block)?.selected_user ?? undefined;
  }
  users(block: string): string[] {
    return this.el(block)?.selected_users ?? [];
  }
  /** The picked day when it is a real date within bounds (anything else reads as no date). */
  date(block: string): string | undefined {
    const d = this.pickedDate(block);
    return d !== undefined && isUsableDate(d) ? d : undefined;
  }
  /** Whatever the date picker sent, for a reader that words its own refusal of a date that is not real. */
  pickedDate(block: string): string | undefined {
    return this.el(block)?.selected_date || undefined;
  }
  conversation(block: string): string | undefined {
    return this.el(block)?.selected_conversation ?? undefined;
  }
  integer(block: string): number | undefined {
    const raw = this.option(block);
    const n = raw !== undefined && /^-?\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
  }
}
