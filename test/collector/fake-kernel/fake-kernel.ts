import { ioctlRequests } from '../../../collector/ioctl/allowlist.js';
import type { IoctlTransport } from '../../../collector/ioctl/transport.js';
import type { IoctlCall, IoctlOutcome } from '../../../collector/source.js';

export const EPERM = 1;
export const ENOENT = 2;
export const E2BIG = 7;
export const EACCES = 13;
export const ENODEV = 19;
export const EINVAL = 22;
export const EOPNOTSUPP = 95;

/** The bytes a call carried when it reached the fake kernel, before any answer. */
export interface SeenCall {
  name: string;
  request: number;
  target: string;
  arg: Buffer;
  data?: Buffer;
  pointerOffset?: number;
}

/** What every answerer may ask of the kernel it runs in. */
export interface KernelState {
  /** false: behave as for a process without CAP_NET_ADMIN / CAP_SYS_ADMIN. */
  privileged: boolean;
}

/**
 * A class's part of the fake kernel: it answers its allow-listed ioctls from its recorded device models, checking
 * every byte the way the kernel reads it, and filling the caller's buffers in place as the real transport does.
 * Class answerers live in their class's test folder (test/nic/fake-kernel.ts, test/nvme/fake-kernel.ts).
 */
export interface IoctlAnswerer {
  /** The allow-listed ioctl names it answers (collector/ioctl/allowlist.ts). */
  ioctls: readonly string[];
  answer(call: IoctlCall, kernel: KernelState): IoctlOutcome;
}

export interface FakeKernelOptions {
  answerers?: readonly IoctlAnswerer[];
  /** false: behave as for a process without CAP_NET_ADMIN / CAP_SYS_ADMIN. */
  privileged?: boolean;
}

/** A protocol violation: the collector sent bytes the real kernel would misread. Fails the test. */
export class KernelViolation extends Error {}

export function expectLength(what: string, b: Buffer, n: number): void {
  if (b.length !== n) throw new KernelViolation(`${what}: buffer of ${b.length} bytes, expected ${n}`);
}

/**
 * A fake kernel behind the IoctlTransport interface. It checks that each request number is the allow-listed one
 * for its name, records the bytes of every call and hands the call to the answerer registered for that ioctl; an
 * ioctl nobody answers is a violation. It knows no class.
 */
export class FakeKernel implements IoctlTransport {
  readonly seen: SeenCall[] = [];
  closed = false;
  private readonly answerers: Map<string, IoctlAnswerer>;
  private readonly state: KernelState;

  constructor(o: FakeKernelOptions = {}) {
    this.answerers = new Map();
    for (const a of o.answerers ?? []) {
      for (const name of a.ioctls) {
        if (this.answerers.has(name)) throw new Error(`two fake-kernel answerers for ${name}`);
        this.answerers.set(name, a);
      }
    }
    this.state = { privileged: o.privileged !== false };
  }

  call(call: IoctlCall): IoctlOutcome {
    if (ioctlRequests().get(call.name) !== call.request) throw new KernelViolation(`request 0x${call.request.toString(16)} is not ${call.name}`);
    const target = call.target.kind === 'netdev' ? call.target.ifname : call.target.path;
    this.seen.push({
      name: call.name,
      request: call.request,
      target,
      arg: Buffer.from(call.arg),
      data: call.pointers?.[0] ? Buffer.from(call.pointers[0].buffer) : undefined,
      pointerOffset: call.pointers?.[0]?.offset,
    });
    const answerer = this.answerers.get(call.name);
    if (!answerer) throw new KernelViolation(`${call.name} is not modelled`);
    return answerer.answer(call, this.state);
  }

  close(): void {
    this.closed = true;
  }
}
