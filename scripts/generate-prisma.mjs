// Generates both Prisma clients without the downloadable schema engine.
// prisma/schema.prisma (SQLite) is the single source; prisma/postgres/schema.prisma is derived from it.
// `prisma generate` never runs the schema engine, but the CLI insists on a path to one:
// see ../shared/notes/prisma-offline.md.
//
// It runs as `postinstall`. A production install (`npm ci --omit=dev`) has no Prisma CLI (a devDependency):
// there the clients are the ones `npm run build` compiled into dist/generated, and this script does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaBin = join(root, 'node_modules/prisma/build/index.js');

if (!existsSync(prismaBin)) {
  const built = ['sqlite', 'postgres'].every((kind) => existsSync(join(root, `dist/generated/${kind}/client.js`)));
  console.log(
    built
      ? 'generate-prisma: no Prisma CLI (a production install): using the clients built into dist/generated'
      : 'generate-prisma: no Prisma CLI (a production install): nothing generated; dist/ must come from `npm run build`',
  );
  process.exit(0);
}

const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');

export function toPostgresSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output                 = "../src/generated/sqlite"', 'output                 = "../../src/generated/postgres"')
    .replace(
      /^\/\/ Single source[\s\S]*?\n\n/m,
      '// GENERATED from prisma/schema.prisma by scripts/generate-prisma.mjs: do not edit.\n\n',
    );
  if (out.includes('"sqlite"') || !out.includes('src/generated/postgres')) {
    throw new Error('generate-prisma: could not derive the PostgreSQL schema');
  }
  return out;
}

mkdirSync(join(root, 'prisma/postgres'), { recursive: true });
writeFileSync(join(root, 'prisma/postgres/schema.prisma'), toPostgresSchema(source));

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
for (const schema of ['prisma/schema.prisma', 'prisma/postgres/schema.prisma']) {
  execFileSync(process.execPath, [prismaBin, 'generate', '--schema', schema], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
console.log('generated Prisma clients: src/generated/sqlite, src/generated/postgres');
