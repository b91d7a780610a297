// The README's "Production" steps, for real: build the working tree with the dev dependencies, install the
// build for production in an empty folder (no compiler, no Prisma CLI, no tsx, no emulator), then run the
// operator commands and the bot from it, against the Slack emulator, on each database.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SlackDriver, SlackEmulator } from '../../src/devtools/emulator/index.js';
import { createScratchDatabase, testDatabaseKinds, type ScratchDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { finished, freePort, projectRoot, type Finished } from '../support/processes.js';

/** What a production install holds (README, "Production"; the Dockerfile's runtime stage copies the same). */
const SHIPPED = ['package.json', 'package-lock.json', 'scripts/generate-prisma.mjs', 'prisma', 'dist'];
/** What the build needs from the working tree. */
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'prisma', 'src'];
/** Development tools that must not be installed for production. */
const DEV_ONLY = ['typescript', 'prisma', 'tsx', 'esbuild', '@prisma/engines', '@prisma/studio-core', 'jest', 'eslint'];
const SECRET = 'production-install-secret';

/** The environment of a child: no NODE_OPTIONS of jest, no npm settings of the `npm test` that started us. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'];
  const env: Record<string, string> = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name]!;
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: Record<string, string> = childEnv()): Promise<Finished> {
  return finished(spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

async function runOk(command: string, args: string[], cwd: string): Promise<Finished> {
  const result = await run(command, args, cwd);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

/** '@prisma/client/runtime/client' -> '@prisma/client'; 'zod' -> 'zod'. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('production install (build, install without dev dependencies, run)', () => {
  let work: string;
  let app: string;
  const install = { buildMs: 0, ms: 0, packages: 0, nodeModulesKb: 0, output: '' };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'rm-production-'));
    // 1. The build stage: the working tree's sources, with the dev dependencies already installed here.
    const build = join(work, 'build');
    for (const item of SOURCES) {
      cpSync(join(projectRoot, item), join(build, item), {
        recursive: true,
        filter: (source) => !relative(projectRoot, source).startsWith(join('src', 'generated')),
      });
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(build, 'node_modules'), 'dir');
    const buildStarted = Date.now();
    await runOk('npm', ['run', 'build'], build);
    install.buildMs = Date.now() - buildStarted;

    // 2. The runtime install: the shipped items only, in an empty folder; npm's cache, no dev dependencies.
    app = join(work, 'app');
    for (const item of SHIPPED) cpSync(join(build, item), join(app, item), { recursive: true });
    await runOk('npm', ['pkg', 'delete', 'devDependencies'], app);
    const started = Date.now();
    const ci = await runOk('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], app);
    install.ms = Date.now() - started;
    install.output = ci.stdout + ci.stderr;
    const lock = JSON.parse(readFileSync(join(app, 'node_modules/.package-lock.json'), 'utf8')) as { packages: object };
    install.packages = Object.keys(lock.packages).length;
    install.nodeModulesKb = Number(execFileSync('du', ['-sk', join(app, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    console.log(
      `production install: npm run build ${(install.buildMs / 1000).toFixed(1)} s; npm ci --omit=dev ${(install.ms / 1000).toFixed(1)} s, ${install.packages} packages, node_modules ${Math.round(install.nodeModulesKb / 1024)} MB`,
    );
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('installs no compiler, no Prisma CLI, no tsx; postinstall uses the clients built into dist/', () => {
    for (const name of DEV_ONLY) expect([name, existsSync(join(app, 'node_modules', name))]).toEqual([name, false]);
    expect(existsSync(join(app, 'node_modules/.bin/tsc'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/.bin/prisma'))).toBe(false);
    expect(install.output).toContain('using the clients built into dist/generated');
    expect(existsSync(join(app, 'dist/generated/sqlite/client.js'))).toBe(true);
    expect(existsSync(join(app, 'dist/generated/postgres/client.js'))).toBe(true);
  });

  test('dist/ imports only runtime dependencies: no tsx, ws, Prisma CLI or dev tools', () => {
    expect(existsSync(join(app, 'dist/devtools'))).toBe(false);
    expect(existsSync(join(app, 'dist/store/migrationAuthoring.js'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const runtime = new Set(Object.keys(manifest.dependencies));
    const imported = new Set<string>();
    for (const file of jsFiles(join(app, 'dist'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire(?:\.resolve)?\(\s*)['"]([^'"]+)['"]/g)) {
        const specifier = m[1]!;
        if (specifier.startsWith('.')) expect(specifier).not.toMatch(/devtools/);
        else if (!specifier.startsWith('node:')) imported.add(packageName(specifier));
      }
    }
    for (const name of ['tsx', 'ws', 'prisma', 'typescript']) expect(imported.has(name)).toBe(false);
    expect([...imported].filter((name) => !runtime.has(name))).toEqual([]);
    expect(imported.has('@prisma/client')).toBe(true); // the scan sees imports at all
  });

  test('the operator commands run from dist/: --version; the dev tools are absent', async () => {
    const [version, local] = await Promise.all([
      run(process.execPath, ['dist/cli.js', '--version'], app),
      run(process.execPath, ['dist/cli.js', 'local'], app),
    ]);
    expect(version.code).toBe(0);
    const { version: expected } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(expected);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('development tools');
  }, 60_000);

  describe.each(testDatabaseKinds())('on %s', (kind) => {
    let scratch: ScratchDatabase;
    let emulator: SlackEmulator;
    let child: ChildProcess | undefined;
    beforeAll(async () => {
      scratch = await createScratchDatabase(kind);
      emulator = await SlackEmulator.start();
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await emulator?.stop();
      await scratch?.drop();
    });

    test('migrate, tick and report run from dist/', async () => {
      const cli = (...args: string[]) =>
        run(process.execPath, ['dist/cli.js', ...args], app, childEnv({ DATABASE_URL: scratch.url }));
      const migrate = await cli('migrate');
      expect(migrate.code).toBe(0);
      expect(migrate.stdout).toContain('applied ');
      // One after the other: each opens the database (and checks its migrations) on its own.
      const tick = await cli('tick', '--now', '2026-03-02T09:00:00Z');
      const report = await cli('report');
      expect(tick.code).toBe(0);
      expect(JSON.parse(tick.stdout)).toMatchObject({ at: '2026-03-02T09:00:00.000Z' });
      expect([report.code, report.stderr.trim()]).toEqual([2, 'rm-bot: there are no programmes yet']);
    }, 90_000);

    test('the bot serves /livez, /readyz, /metrics and a signed request, and stops cleanly on SIGTERM', async () => {
      const port = await freePort();
      // `node dist/main.js` on one database, `rm-bot serve` on the other: the same thing.
      const entry = kind === 'sqlite' ? ['dist/main.js'] : ['dist/cli.js', 'serve'];
      child = spawn(process.execPath, entry, {
        cwd: app,
        env: childEnv({
          SLACK_BOT_TOKEN: emulator.botToken,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: emulator.apiUrl,
          DATABASE_URL: scratch.url,
          PORT: String(port),
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = finished(child);
      const base = `http://127.0.0.1:${port}`;
      const get = (path: string) =>
        fetch(`${base}${path}`).then(
          async (r) => ({ status: r.status, body: await r.text() }),
          () => ({ status: 0, body: '' }),
        );

      await eventually(async () => (await get('/livez')).status === 200, 30_000, 'GET /livez to answer 200');
      await eventually(async () => (await get('/readyz')).status === 200, 30_000, 'GET /readyz to answer 200');
      expect((await get('/healthz')).status).toBe(200);
      const metrics = await get('/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatch(/^# (HELP|TYPE) /m);

      const driver = new SlackDriver({ appUrl: `${base}/slack/events`, signingSecret: SECRET, emulator });
      expect((await driver.appHomeOpened('U0EMU0007')).status).toBe(200);
      const publish = await eventually(() => emulator.callsTo('views.publish')[0], 10_000, 'App Home published');
      expect(publish.response.ok).toBe(true);

      child.kill('SIGTERM');
      const result = await exited;
      expect({ code: result.code, signal: child.signalCode }).toEqual({ code: 0, signal: null });
      child = undefined;
    }, 90_000);
  });
});

// The folder this test installs is the one the Dockerfile's runtime image is made of.
test('the shipped items are what the Dockerfile copies into its runtime image', () => {
  const dockerfile = readFileSync(join(projectRoot, 'Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  for (const item of SHIPPED) expect(runtime).toMatch(new RegExp(`^COPY .*\\b${item.replace('.', '\\.')}/?\\s`, 'm'));
});
