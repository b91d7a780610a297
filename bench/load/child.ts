/**
 * A forked process of the benchmark (the app, a replica, the load generator) that cannot die unnoticed: its
 * stderr is passed through and its tail kept, its exit code or signal recorded, and whoever waits for one of
 * its messages is told, with both, if it exits first. A message sent to a process that is gone is dropped
 * (with a note) instead of crashing the benchmark with ERR_IPC_CHANNEL_CLOSED over the real reason.
 */
import { fork, type ChildProcess } from 'node:child_process';

const TAIL_BYTES = 16_384;

export interface Watched {
  readonly process: ChildProcess;
  /** The next message of this type; rejects, with the exit code / signal and stderr's tail, if the process ends first. */
  next<T extends { type: string }>(type: T['type']): Promise<T>;
  /** Sends if the process is still connected; returns whether it was. */
  send(message: object): boolean;
  /** Resolves when the process has exited (at once if it has). */
  readonly exited: Promise<void>;
  /** Waits for the process to exit; after `ms`, kills it (SIGKILL) and says so. */
  exitWithin(ms: number): Promise<void>;
  /** "exit code 1" / "signal SIGKILL", and the last lines it wrote to stderr */
  describeExit(): string;
}

export function forkWatched(name: string, modulePath: string, execArgv: string[], env?: NodeJS.ProcessEnv): Watched {
  const child = fork(modulePath, [], { execArgv, stdio: ['inherit', 'inherit', 'pipe', 'ipc'], ...(env ? { env } : {}) });
  let tail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  // Sending to a process that has just died emits 'error' (ERR_IPC_CHANNEL_CLOSED); the exit says more.
  child.on('error', (err) => console.error(`${name}: ${err.message}`));
  const describeExit = () => {
    const how = !exit ? 'still running' : exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
    const last = tail.trim().split('\n').slice(-30).join('\n');
    return `${name} ended (${how})${last ? `; the end of its stderr:\n${last}` : '; nothing on its stderr'}`;
  };
  return {
    process: child,
    exited,
    describeExit,
    async exitWithin(ms: number) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ms)));
      if (await Promise.race([exited.then(() => false), late])) {
        console.error(`${name} did not exit within ${ms} ms of being told to stop: killed`);
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    },
    next<T extends { type: string }>(type: T['type']) {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (m: T) => {
          if (m.type !== type) return;
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        // Wait for stderr to be read to its end, so the reason is in the message.
        void exited.then(() =>
          child.stderr!.closed
            ? reject(new Error(describeExit()))
            : child.stderr!.once('close', () => reject(new Error(describeExit()))),
        );
      });
    },
    send(message: object) {
      if (!child.connected) {
        console.error(`${name}: not sent (${describeExit()}): ${JSON.stringify(message).slice(0, 100)}`);
        return false;
      }
      child.send(message);
      return true;
    },
  };
}
