import { readFileSync } from 'node:fs';

/** package.json's version: the file is two folders up from src/cli/ and from dist/cli/ alike. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
