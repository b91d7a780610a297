// The container files cannot be built here (no image can be pulled), so this test holds them to what can be
// checked: the Dockerfile runs the README's production steps (which tests/e2e/productionInstall.test.ts runs),
// as a non-root user, with a health check on /livez; compose.yaml wires PostgreSQL, a migration, two replicas
// and the proxy.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../support/processes.js';

const read = (file: string) => readFileSync(join(projectRoot, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  name: string;
  instructions: Instruction[];
}

/** Stages and their instructions; continuation lines joined, comments and the syntax directive dropped. */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const stages: Stage[] = [];
  for (const line of lines.map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)$/i.exec(args)?.[1] ?? String(stages.length), instructions: [] });
    }
    stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args: args.replace(/\s+/g, ' ') });
  }
  return stages;
}

/** A RUN's commands (split at &&), or an exec-form CMD as one command line. */
function commandsOf(instruction: Instruction): string[] {
  if (instruction.op === 'RUN') return instruction.args.split('&&').map((c) => c.trim());
  if (instruction.op === 'CMD') return [(JSON.parse(instruction.args) as string[]).join(' ')];
  return [];
}

/** The build and run steps: npm and node commands, without the image's housekeeping. */
const HOUSEKEEPING = new Set(['npm cache clean --force']);
function dockerSteps(stages: Stage[]): string[] {
  return stages.flatMap((s) => s.instructions.flatMap(commandsOf)).filter((c) => /^(npm|node) /.test(c) && !HOUSEKEEPING.has(c));
}

/** The commands of the first sh block in the README's "Production" section. */
function readmeProductionSteps(readme: string): string[] {
  const section = /^## Production\b[^\n]*\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  if (!section) throw new Error('README.md has no "## Production" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('the Production section has no sh block');
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('Dockerfile', () => {
  const stages = parseDockerfile(read('Dockerfile'));
  const runtime = stages.at(-1)!;
  const ops = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op);

  test("builds and runs with exactly the README's production steps", () => {
    const readme = readmeProductionSteps(read('README.md'));
    expect(readme).toEqual([
      'npm ci',
      'npm run build',
      'npm pkg delete devDependencies',
      'npm ci --omit=dev',
      'node dist/main.js',
    ]);
    expect(dockerSteps(stages)).toEqual(readme);
    // ...and in the same stages: building in the first, installing for production and running in the last.
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    expect(dockerSteps([stages[0]!])).toEqual(['npm ci', 'npm run build']);
  });

  test('the steps can fail: a changed README step is noticed', () => {
    const readme = read('README.md').replace('npm ci --omit=dev\n', 'npm install --omit=dev\n');
    expect(readmeProductionSteps(readme)).not.toEqual(dockerSteps(stages));
  });

  test('the runtime image holds dist/, the migrations and the runtime dependencies only', () => {
    const copies = ops(runtime, 'COPY').map((c) => c.args);
    expect(copies).toEqual([
      'package.json package-lock.json ./',
      'scripts/generate-prisma.mjs scripts/',
      'prisma/ prisma/',
      '--from=build /app/dist/ dist/',
    ]);
    // What it copies from the context is what the package ships (package.json "files").
    const files = (JSON.parse(read('package.json')) as { files: string[] }).files;
    for (const source of ['scripts/generate-prisma.mjs', 'prisma/', 'dist/']) expect(files).toContain(source);
    expect(ops(runtime, 'ENV').map((e) => e.args)).toContain('NODE_ENV=production');
  });

  test('runs as a non-root user, with a health check on /livez made with node, and node dist/main.js', () => {
    const users = ops(runtime, 'USER').map((u) => u.args);
    expect(users).toEqual(['node']);
    const userAt = runtime.instructions.findIndex((i) => i.op === 'USER');
    const cmdAt = runtime.instructions.findIndex((i) => i.op === 'CMD');
    expect(userAt).toBeGreaterThan(-1);
    expect(userAt).toBeLessThan(cmdAt);
    expect(runtime.instructions.slice(userAt).some((i) => i.op === 'RUN')).toBe(false);

    const [healthcheck] = ops(runtime, 'HEALTHCHECK').map((h) => h.args);
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/livez/);
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(ops(runtime, 'CMD').map((c) => c.args)).toEqual(['["node", "dist/main.js"]']);
    expect(ops(runtime, 'EXPOSE').map((e) => e.args)).toEqual(['3000']);
  });

  test('.dockerignore keeps secrets, local data and build output out of the context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['.env', '.git', 'node_modules', 'dist', 'data', 'src/generated']) expect(ignored).toContain(entry);
  });
});

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<string, Record<string, unknown> & { environment?: Record<string, string> }>;
  };
  const { postgres, migrate, bot, proxy } = compose.services;

  test('PostgreSQL, a one-shot migration, two bot replicas and a proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'migrate', 'postgres', 'proxy']);
    expect(postgres?.healthcheck).toBeDefined();
    expect(migrate).toMatchObject({
      build: '.',
      command: ['rm-bot', 'migrate'],
      depends_on: { postgres: { condition: 'service_healthy' } },
    });
    expect(bot).toMatchObject({
      build: '.',
      image: migrate?.image,
      deploy: { replicas: 2 },
      depends_on: { migrate: { condition: 'service_completed_successfully' } },
    });
    for (const service of [migrate, bot])
      expect(service?.environment?.DATABASE_URL).toMatch(/^postgresql:\/\/rm:.*@postgres:5432\/rm$/);
  });

  test('the bot gets only variables the bot reads (.env.example lists each)', () => {
    const envExample = read('.env.example');
    const names = Object.keys(bot?.environment ?? {});
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(envExample).toMatch(new RegExp(`^${name}=`, 'm'));
  });

  test("the proxy balances over every replica on the bot port, with keep-alive under the bot's 5 s", () => {
    const volumes = proxy?.volumes as string[];
    const caddyfile = volumes.find((v) => v.includes('Caddyfile'))!.split(':')[0]!;
    expect(existsSync(join(projectRoot, caddyfile))).toBe(true);
    const text = read(caddyfile);
    expect(text).toMatch(/dynamic a \{\s*name bot\s*port 3000/);
    const keepalive = Number(/keepalive (\d+)s/.exec(text)?.[1]);
    expect(keepalive).toBeGreaterThan(0);
    expect(keepalive).toBeLessThan(5);
    expect(text).not.toMatch(/lb_try_duration|lb_retries/); // no retries on another replica
  });
});

test('the README says the container files are untested here', () => {
  const section = /^## Deploy with containers\n([\s\S]*?)(?=^## )/m.exec(read('README.md'))?.[1] ?? '';
  expect(section).toMatch(/\*\*Untested here:\*\*/);
});
