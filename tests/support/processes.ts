import { createServer } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const tsxLoader = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a source entry point (src/main.ts, src/cli.ts) as its own process, from an empty working
 * directory so that no developer's .env leaks in, with exactly the environment given.
 */
export function spawnEntry(
  entry: string,
  args: string[],
  env: Record<string, string>,
  cwd = mkdtempSync(join(tmpdir(), 'rm-proc-')),
): ChildProcess {
  return spawn(process.execPath, ['--import', tsxLoader, join(projectRoot, entry), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export async function runEntry(entry: string, args: string[], env: Record<string, string>): Promise<Finished> {
  return finished(spawnEntry(entry, args, env));
}

/** Resolves once `predicate` holds for the process's output so far. */
export function waitForOutput(child: ChildProcess, predicate: (out: string) => boolean, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for output; got:\n${out}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (predicate(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `url` with a password in its user info and in its query (the server's own password, or "hunter2" where it needs
 * none), to check that nothing prints it; `extra` query parameters are added too.
 */
export function withSecrets(url: string, extra: Record<string, string> = {}): { url: string; secret: string } {
  const u = new URL(url);
  const secret = u.password === '' ? 'hunter2' : decodeURIComponent(u.password);
  u.password = encodeURIComponent(secret);
  u.searchParams.set('password', secret);
  for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
  return { url: u.toString(), secret };
}
