import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface DemoOptions {
  people: number;
  seed: number;
  /** Where to keep the transcript, the CSVs and the chart (nothing is written when unset). */
  outDir?: string;
  /** DATABASE_URL to run on; unset = a temporary SQLite file, deleted afterwards. */
  databaseUrl?: string;
  /** Only the summary and the report, not every message. */
  quiet: boolean;
  /** Keep the bot and the emulator running after the report, with a sign-in link to the dashboard, until Ctrl-C. */
  serve: boolean;
}

export const DEFAULT_PEOPLE = 40;
export const DEFAULT_SEED = 2026;

const schema = z.object({
  people: z.coerce
    .number({ error: '--people must be a whole number' })
    .int('--people must be a whole number')
    .min(8, '--people must be at least 8')
    .max(400, '--people must be at most 400'),
  seed: z.coerce
    .number({ error: '--seed must be a whole number' })
    .int('--seed must be a whole number')
    .min(0, '--seed must be 0 or more'),
  out: z.string().min(1).optional(),
  db: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, '--db must be a file:... (SQLite) or postgresql://... URL')
    .optional(),
  quiet: z.boolean(),
  serve: z.boolean(),
});

export type ParsedDemoOptions = { ok: true; options: DemoOptions } | { ok: false; problem: string };

/** `demo [--people N] [--seed S] [--out <dir>] [--db <url>] [--quiet] [--serve]` */
export function parseDemoOptions(args: string[]): ParsedDemoOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        people: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
        quiet: { type: 'boolean' },
        serve: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
  const parsed = schema.safeParse({
    people: values.people ?? DEFAULT_PEOPLE,
    seed: values.seed ?? DEFAULT_SEED,
    out: values.out,
    db: values.db,
    quiet: values.quiet ?? false,
    serve: values.serve ?? false,
  });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((i) => i.message).join('; ') };
  const { people, seed, out, db, quiet, serve } = parsed.data;
  return {
    ok: true,
    options: { people, seed, quiet, serve, ...(out ? { outDir: out } : {}), ...(db ? { databaseUrl: db } : {}) },
  };
}
