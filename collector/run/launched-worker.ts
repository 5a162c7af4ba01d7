import { closeSync, constants, openSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { encodeFrame } from './frames.js';
import { loadWaitpid, reapChild } from './reap.js';
import type { WorkerHandle } from './worker-handle.js';

/**
 * The worker the launcher (bin/fwsnap) started at the same moment as this process, instead of this process
 * forking it once its own Node had started: on two cores the two Node starts overlap. The launcher forked it
 * and then became this process (exec), so it is this process's child — it dies with it (PR_SET_PDEATHSIG,
 * parent-death.ts) and is killed and reaped by it — and talks over three pipes the launcher made:
 * commands in (frames.ts), messages out (frames.ts), standard error.
 * FWSNAP_LAUNCHED_WORKER holds "PID COMMAND-FD DATA-FD STDERR-FD"; it is removed from the environment here.
 */
export const LAUNCHED_WORKER_ENV = 'FWSNAP_LAUNCHED_WORKER';

/** The parent pid of a process (/proc/PID/stat, after the command name in parentheses). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** A new descriptor for the same pipe, closed on exec (the launcher's are inherited by anything spawned). */
function reopen(fd: number, flags: number): number {
  try {
    return openSync(`/proc/self/fd/${fd}`, flags | constants.O_NONBLOCK);
  } finally {
    closeSync(fd);
  }
}

let adopted = false;

/**
 * Loads what reaping the launched worker takes (koffi, ~10 ms) while the collector has nothing else to do,
 * rather than after the last source, when the collection waits for it.
 */
export function prepareReap(): void {
  if (adopted) loadWaitpid();
}

export function adoptLaunchedWorker(env: NodeJS.ProcessEnv = process.env): WorkerHandle | undefined {
  const spec = env[LAUNCHED_WORKER_ENV];
  if (spec === undefined) return undefined;
  delete env[LAUNCHED_WORKER_ENV];
  const [pid, commandFd, dataFd, stderrFd] = spec.split(' ').map(Number);
  if (![pid, commandFd, dataFd, stderrFd].every((n) => Number.isInteger(n) && n! > 2) || parentOf(pid!) !== process.pid) return undefined;
  let commands: Socket;
  let data: Socket;
  let stderr: Socket;
  try {
    data = new Socket({ fd: reopen(dataFd!, constants.O_RDONLY), readable: true, writable: false });
    stderr = new Socket({ fd: reopen(stderrFd!, constants.O_RDONLY), readable: true, writable: false });
    // ENXIO here: the worker has already gone (no reader left on its command pipe).
    commands = new Socket({ fd: reopen(commandFd!, constants.O_WRONLY), readable: false, writable: true });
  } catch {
    return undefined;
  }
  commands.on('error', () => undefined);
  adopted = true;
  let reaped = false;
  const closed = Promise.all([data, stderr].map((s) => new Promise<void>((resolve) => s.once('close', () => resolve()))));
  /** Resolves with how the worker ended, once it has exited and been reaped (or cannot be). */
  const exit = closed.then(
    () =>
      new Promise<string>((resolve) => {
        const poll = (tries: number): void => {
          const r = reapChild(pid!);
          if (r === 'running' && tries > 0) return void setTimeout(() => poll(tries - 1), 2).unref();
          reaped = r !== 'running';
          resolve(r === undefined || r === 'running' ? 'closed its pipes' : r);
        };
        poll(1000);
      }),
  );
  return {
    pid,
    data,
    stderr,
    send: (start) => void commands.write(encodeFrame(start)),
    onGone: (cb) => void exit.then((how) => cb(`worker exited (${how})`)),
    kill: () => {
      // Until it is reaped the pid cannot be another process's.
      try {
        if (!reaped) process.kill(pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      commands.destroy();
      data.destroy();
      stderr.destroy();
    },
    release: (waitMs) =>
      new Promise((resolve) => {
        // Not unref'd: the collection awaits this, and a worker that has closed its pipes but not yet exited (a
        // loaded machine) would leave only the unref'd reap polls, and Node would end with the wait pending (13).
        const timer = setTimeout(resolve, waitMs);
        void exit.then(() => {
          clearTimeout(timer);
          resolve();
        });
        commands.end();
      }),
    ref: () => [commands, data, stderr].forEach((s) => s.ref()),
    unref: () => [commands, data, stderr].forEach((s) => s.unref()),
  };
}
