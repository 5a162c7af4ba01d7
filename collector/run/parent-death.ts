import { loadKoffi } from '../ioctl/load-koffi.js';

const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;

/**
 * Asks the kernel to SIGKILL this worker when the collector that forked it dies, even by SIGKILL and
 * even while the worker is blocked in a system call. Best effort: false where prctl cannot be reached.
 * A parent that died before the request is noticed through getppid() (the worker has been reparented).
 */
export function dieWithParent(parentPid: number): boolean {
  let armed = false;
  try {
    const koffi = loadKoffi();
    const prctl = koffi.load('libc.so.6').func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)');
    armed = prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) === 0;
  } catch {
    /* no koffi or no glibc: the worker still exits when its IPC channel closes */
  }
  if (Number.isInteger(parentPid) && parentPid > 0 && process.ppid !== parentPid) process.exit(1);
  return armed;
}
