import { z } from 'zod';
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

/** Typed reads of one form's values; a block that is missing reads as empty. */
export class FormValues {
  constructor(private readonly values: ParsedState) {}
  private el(block: string) {
    return this.values[block]?.[VALUE];
  }
  text(block: string): string {
    return (this.el(block)?.value ?? '').trim();
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
  date(block: string): string | undefined {
    const d = this.el(block)?.selected_date ?? undefined;
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined;
  }
  conversation(block: string): string | undefined {
    return this.el(block)?.selected_conversation ?? undefined;
  }
  integer(block: string): number | undefined {
    const raw = this.option(block);
    return raw !== undefined && /^-?\d+$/.test(raw) ? Number(raw) : undefined;
  }
}
