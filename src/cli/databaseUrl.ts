import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../config.js';
import { CliError } from './errors.js';

/** The operator commands need the database only, not the Slack tokens. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string {
  const parsed = z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/)
    .safeParse((env.DATABASE_URL ?? '').trim() || DEFAULT_DATABASE_URL);
  if (!parsed.success) throw new CliError('DATABASE_URL must be file:<path> (SQLite) or postgresql://... (PostgreSQL)');
  return parsed.data;
}
