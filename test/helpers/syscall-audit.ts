import { ioctlRequests } from '../../collector/ioctl/allowlist.js';

/**
 * Checks an `strace -f -X raw -e trace=ioctl,open,openat,openat2,creat,truncate` log of a collector run:
 * every ioctl request must be on the collector's read-only allow-list (or one the Node runtime issues on its
 * own terminals, pipes and sockets), and nothing under /sys, /proc or /dev may be opened for writing
 * (except /dev/null, which libuv opens for a child's ignored stdio).
 */
export const RUNTIME_IOCTLS: ReadonlyMap<number, string> = new Map([
  [0x5401, 'TCGETS'],
  // Node restores its stdin terminal's mode at exit (seen on the guest's serial console).
  [0x5402, 'TCSETS'],
  [0x5403, 'TCSETSW'],
  [0x5413, 'TIOCGWINSZ'],
  [0x541b, 'FIONREAD'],
  [0x5421, 'FIONBIO'],
  [0x5450, 'FIONCLEX'],
  [0x5451, 'FIOCLEX'],
]);

const DEVICE_IOCTLS: ReadonlySet<number> = new Set(ioctlRequests().values());
const O_ACCMODE = 3;
const O_CREAT = 0x40;
const O_TRUNC = 0x200;
const GUARDED = /^\/(sys|proc|dev)\//;
/**
 * Character devices an allow-listed command opens read-write because the device takes requests no other way:
 * the TPM's (tpm2_getcap properties-fixed sends one TPM2_GetCapability through the resource manager, or /dev/tpmN).
 */
const COMMAND_DEVICES = /^\/dev\/tpm(rm)?\d+$/;

export interface SyscallAudit {
  ioctls: Map<number, number>;
  opens: number;
  violations: string[];
}

export function auditStrace(log: string): SyscallAudit {
  const ioctls = new Map<number, number>();
  const violations: string[] = [];
  let opens = 0;
  for (const line of log.split('\n')) {
    const ioctl = /\bioctl\(\d+, (0x[0-9a-f]+|\d+)/.exec(line);
    if (ioctl) {
      const req = Number(ioctl[1]);
      ioctls.set(req, (ioctls.get(req) ?? 0) + 1);
      if (!DEVICE_IOCTLS.has(req) && !RUNTIME_IOCTLS.has(req)) violations.push(`ioctl request 0x${req.toString(16)} is not on the allow-list: ${line.trim()}`);
      continue;
    }
    const open = /\b(open|openat|openat2|creat|truncate)\((?:-?\w+, )?"([^"]*)"(?:, (0x[0-9a-f]+|\d+))?/.exec(line);
    if (!open) continue;
    opens++;
    const [, call, path, rawFlags] = open as unknown as [string, string, string, string | undefined];
    const flags = Number(rawFlags ?? 0);
    const writes = call === 'creat' || call === 'truncate' || (flags & O_ACCMODE) !== 0 || (flags & (O_CREAT | O_TRUNC)) !== 0;
    if (writes && GUARDED.test(path) && path !== '/dev/null' && !COMMAND_DEVICES.test(path)) violations.push(`${path} opened for writing (${call}, flags ${rawFlags}): ${line.trim()}`);
  }
  return { ioctls, opens, violations };
}

export const STRACE_ARGS = ['-f', '-qq', '--seccomp-bpf', '-X', 'raw', '-e', 'trace=ioctl,open,openat,openat2,creat,truncate'];
