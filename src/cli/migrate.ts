import { applyMigrations } from '../store/migrations.js';
import { parseDatabaseUrl, redactUrl, sqliteFilePath } from '../store/databaseUrl.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { databaseUrlFromEnv } from './databaseUrl.js';

export async function runMigrate(): Promise<number> {
  const url = databaseUrlFromEnv(process.env);
  const target = parseDatabaseUrl(url);
  const file = sqliteFilePath(target);
  if (file) mkdirSync(dirname(file), { recursive: true });
  const applied = await applyMigrations(target);
  console.log(`${redactUrl(url)}: ${applied.length === 0 ? 'up to date, nothing to apply' : `applied ${applied.join(', ')}`}`);
  return 0;
}
