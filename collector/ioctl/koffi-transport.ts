import type { IoctlCall, IoctlOutcome } from '../source.js';
import { ioctlRequests, IoctlRefused } from './allowlist.js';
import { IFNAMSIZ, IFR_DATA_OFFSET, IFREQ_SIZE } from './ifreq.js';
import { NativeArgument, type Koffi } from './native-memory.js';
import type { IoctlTransport } from './transport.js';
import { loadKoffi } from './load-koffi.js';

// Linux x86_64/generic values.
const AF_INET = 2;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const O_RDONLY = 0;
const O_NOCTTY = 0o400;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;

type NativeFn = (...args: unknown[]) => number;

interface Libc {
  ioctl: NativeFn;
  socket: NativeFn;
  open: NativeFn;
  close: NativeFn;
}


/**
 * The live transport: libc ioctl through koffi, synchronously (a wedged device blocks this worker
 * process until the runner's deadline kills it). koffi is loaded on first use only.
 */
export class KoffiTransport implements IoctlTransport {
  private readonly koffi: Koffi;
  private readonly libc: Libc;
  private socketFd: number | undefined;
  private readonly pathFds = new Map<string, number>();

  constructor() {
    this.koffi = loadKoffi();
    const lib = this.koffi.load('libc.so.6');
    this.libc = {
      // glibc: int ioctl(int fd, unsigned long request, ...); the NVMe request exceeds 2^31.
      ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)') as NativeFn,
      socket: lib.func('int socket(int domain, int type, int protocol)') as NativeFn,
      open: lib.func('int open(const char *path, int flags, ...)') as NativeFn,
      close: lib.func('int close(int fd)') as NativeFn,
    };
  }

  call(call: IoctlCall): IoctlOutcome {
    if (ioctlRequests().get(call.name) !== call.request) {
      throw new IoctlRefused(`transport: request 0x${call.request.toString(16)} (${call.name}) is not on the allow-list`);
    }
    const fd = call.target.kind === 'netdev' ? this.socket() : this.openPath(call.target.path);
    if (fd.errno) return { rc: -1, errno: fd.errno };
    const native = call.target.kind === 'netdev' ? this.ifreq(call.target.ifname, call) : NativeArgument.prepare(this.koffi, call.arg, call.pointers ?? []);
    try {
      this.koffi.errno(0);
      const rc = this.libc.ioctl(fd.fd, call.request, 'void *', native.ptr);
      const errno = rc < 0 ? this.koffi.errno() : 0;
      native.copyBack();
      return { rc, errno };
    } finally {
      native.release();
    }
  }

  close(): void {
    if (this.socketFd !== undefined) this.libc.close(this.socketFd);
    this.socketFd = undefined;
    for (const fd of this.pathFds.values()) this.libc.close(fd);
    this.pathFds.clear();
  }

  /** A struct ifreq naming the interface, whose ifr_data points at the call's one buffer. */
  private ifreq(ifname: string, call: IoctlCall): NativeArgument {
    const nameBytes = Buffer.from(ifname, 'latin1');
    if (nameBytes.length === 0 || nameBytes.length >= IFNAMSIZ || nameBytes.includes(0) || ifname.includes('/')) {
      throw new IoctlRefused(`transport: "${ifname}" is not a valid interface name`);
    }
    const data = call.pointers?.[0];
    if (call.pointers?.length !== 1 || !data || data.offset !== IFR_DATA_OFFSET || call.arg.length !== 0) {
      throw new IoctlRefused('transport: a netdev ioctl takes exactly one buffer (for ifr_data) and an empty argument');
    }
    const ifr = Buffer.alloc(IFREQ_SIZE);
    nameBytes.copy(ifr);
    return NativeArgument.prepare(this.koffi, ifr, [data]);
  }

  private socket(): { fd: number; errno: number } {
    if (this.socketFd === undefined) {
      const fd = this.libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (fd < 0) return { fd, errno: this.koffi.errno() };
      this.socketFd = fd;
    }
    return { fd: this.socketFd, errno: 0 };
  }

  private openPath(path: string): { fd: number; errno: number } {
    const cached = this.pathFds.get(path);
    if (cached !== undefined) return { fd: cached, errno: 0 };
    const fd = this.libc.open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return { fd, errno: this.koffi.errno() };
    this.pathFds.set(path, fd);
    return { fd, errno: 0 };
  }
}
