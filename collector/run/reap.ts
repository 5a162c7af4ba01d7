import { constants } from 'node:os';
import { loadKoffi } from '../ioctl/load-koffi.js';

const WNOHANG = 1;

type WaitPid = (pid: number, status: number[], options: number) => number;
let waitpid: WaitPid | null | undefined;

/** Loads waitpid(2) through koffi, once; null where it cannot be reached (no koffi, no glibc). */
export function loadWaitpid(): WaitPid | null {
  if (waitpid === undefined) {
    try {
      waitpid = loadKoffi().load('libc.so.6').func('int waitpid(int pid, _Out_ int *status, int options)') as WaitPid;
    } catch {
      waitpid = null;
    }
  }
  return waitpid;
}

const signalName = (n: number): string => Object.entries(constants.signals).find(([, v]) => v === n)?.[0] ?? `signal ${n}`;

/**
 * Collects the exit of a child this process did not spawn through Node (the launcher's worker: Node only
 * reaps its own), so that it leaves no zombie and its CPU time counts with this process's children.
 * 'running' while it has not exited; undefined when it cannot be told (no waitpid, or not our child).
 */
export function reapChild(pid: number): string | 'running' | undefined {
  const wait = loadWaitpid();
  if (!wait) return undefined;
  const status = [0];
  const r = wait(pid, status, WNOHANG);
  if (r === 0) return 'running';
  if (r !== pid) return undefined;
  const s = status[0]!;
  return (s & 0x7f) === 0 ? `code ${(s >> 8) & 0xff}` : signalName(s & 0x7f);
}
