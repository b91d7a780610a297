// prisma.config.ts serves only Prisma's CLI (`prisma migrate deploy`), which cannot run here (its engine is a
// download). What can be checked: the paths it names exist, and Prisma's own config loader reads the file.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import config, { prismaPathsFor } from '../../prisma.config.js';
import { projectRoot } from '../support/processes.js';

describe('prisma.config.ts', () => {
  test.each([
    ['postgresql://rm:secret@db:5432/rm', 'prisma/postgres'],
    ['postgres://rm@db/rm', 'prisma/postgres'],
    ['file:/var/lib/rm/rm.db', 'prisma'],
    [undefined, 'prisma'],
    ['  ', 'prisma'],
  ])('DATABASE_URL %p uses the schema and migrations in %s/, which exist', (url, base) => {
    const paths = prismaPathsFor(url);
    expect(paths).toMatchObject({ schema: `${base}/schema.prisma`, migrations: `${base}/migrations` });
    expect(existsSync(join(projectRoot, paths.schema))).toBe(true);
    expect(existsSync(join(projectRoot, paths.migrations, 'migration_lock.toml'))).toBe(true);
  });

  test("the SQLite default is the bot's own default", async () => {
    const { DEFAULT_DATABASE_URL } = await import('../../src/config.js');
    expect(prismaPathsFor(undefined).url).toBe(DEFAULT_DATABASE_URL);
    expect(config.datasource?.url).toBeDefined();
  });

  test("Prisma's config loader reads it and resolves the paths of either database", () => {
    const load = (databaseUrl: string) => {
      const script = `
        import { loadConfigFromFile } from '@prisma/config';
        const r = await loadConfigFromFile({ configRoot: process.cwd() });
        if (r.error) throw new Error(r.error._tag + ': ' + r.error.error?.message);
        console.log(JSON.stringify({ file: r.resolvedPath, schema: r.config.schema, migrations: r.config.migrations?.path, url: r.config.datasource?.url }));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
        encoding: 'utf8',
      });
      return JSON.parse(out.trim().split('\n').pop()!) as Record<string, string>;
    };
    expect(load('postgresql://rm@db:5432/rm')).toEqual({
      file: join(projectRoot, 'prisma.config.ts'),
      schema: join(projectRoot, 'prisma/postgres/schema.prisma'),
      migrations: join(projectRoot, 'prisma/postgres/migrations'),
      url: 'postgresql://rm@db:5432/rm',
    });
    expect(load('file:/tmp/rm.db')).toMatchObject({
      schema: join(projectRoot, 'prisma/schema.prisma'),
      migrations: join(projectRoot, 'prisma/migrations'),
    });
  });
});
