import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json and prisma/), from src/ or from dist/. */
function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project root (package.json beside prisma/)');
    dir = parent;
  }
}

export const projectRoot = findProjectRoot();
