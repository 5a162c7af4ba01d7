import { LINUX_61_COMMANDS, queryAnswer } from '../../collector/classes/cxl/fake-host-mailbox.js';
import type { IoctlCall, IoctlOutcome } from '../../collector/source.js';
import { EINVAL, ENOENT, KernelViolation, type IoctlAnswerer } from '../collector/fake-kernel/fake-kernel.js';

const ENOMEM = 12;
const EFAULT = 14;
const ENOTTY = 25;
const VARIABLE = 0xffffffff;

/** A memory device behind /dev/cxl/<memdev>, as the kernel's mailbox ioctls see it. */
export interface FakeCxlMemdev {
  memdev: string;
  /** The Get FW Info output payload the device returns. */
  fwInfo: Buffer;
  /** The device's mailbox return code (CXL 2.0 8.2.8.4.5.1 Command Return Codes); 0 = Success. */
  retval?: number;
  /** Kernels after 6.1 flag each queried command enabled/exclusive; undefined: a 6.1 kernel (flags 0). */
  enabled?: ReadonlySet<number>;
  exclusive?: ReadonlySet<number>;
}

/**
 * The cxl class's part of the fake kernel: CXL_MEM_QUERY_COMMANDS and CXL_MEM_SEND_COMMAND as drivers/cxl/core/mbox.c
 * handles them (cxl_query_cmd, cxl_validate_cmd_from_user, handle_mailbox_cmd_from_user), reading the caller's bytes
 * where Linux 6.1 does and writing the answer in place.
 */
export class FakeCxlMailbox implements IoctlAnswerer {
  readonly ioctls = ['CXL_MEM_QUERY_COMMANDS', 'CXL_MEM_SEND_COMMAND'];
  private readonly memdevs: Map<string, FakeCxlMemdev>;

  constructor(memdevs: readonly FakeCxlMemdev[]) {
    this.memdevs = new Map(memdevs.map((m) => [`/dev/cxl/${m.memdev}`, m]));
  }

  answer(call: IoctlCall): IoctlOutcome {
    return mailbox(call, this.memdevs);
  }
}

function mailbox(call: IoctlCall, memdevs: ReadonlyMap<string, FakeCxlMemdev>): IoctlOutcome {
  if (call.target.kind !== 'path') throw new KernelViolation(`${call.name} on a netdev`);
  const dev = memdevs.get(call.target.path);
  if (!dev) return { rc: -1, errno: ENOENT };
  const a = call.arg;
  if (call.name === 'CXL_MEM_QUERY_COMMANDS') {
    const n = a.readUInt32LE(0);
    if (n === 0) {
      a.writeUInt32LE(LINUX_61_COMMANDS.length, 0);
      return { rc: 0, errno: 0 };
    }
    const filled = Math.min(n, LINUX_61_COMMANDS.length);
    if (a.length < 8 + 16 * filled) throw new KernelViolation(`query of ${n} commands in ${a.length} bytes: the kernel writes past the buffer`);
    const flags = (id: number): number => (dev.enabled === undefined ? 0 : (dev.enabled.has(id) ? 1 : 0) | (dev.exclusive?.has(id) ? 2 : 0));
    queryAnswer(n, flags).subarray(8, 8 + 16 * filled).copy(a, 8);
    return { rc: 0, errno: 0 };
  }
  if (a.length !== 48) throw new KernelViolation(`cxl_send_command of ${a.length} bytes: the kernel copies 48`);
  const id = a.readUInt32LE(0);
  const info = LINUX_61_COMMANDS[id];
  if (id === 0 || !info) return { rc: -1, errno: ENOTTY };
  if (a.readUInt32LE(4) !== 0 || a.readUInt32LE(8) !== 0 || a.readUInt32LE(20) !== 0 || a.readUInt32LE(36) !== 0) return { rc: -1, errno: EINVAL };
  if ((dev.enabled && !dev.enabled.has(id)) || dev.exclusive?.has(id)) return { rc: -1, errno: ENOTTY };
  if (info[0] !== VARIABLE && a.readUInt32LE(16) !== info[0]) return { rc: -1, errno: ENOMEM };
  const outSize = a.readUInt32LE(32);
  if (info[1] !== VARIABLE && outSize < info[1]) return { rc: -1, errno: ENOMEM };
  if (id !== 4) throw new KernelViolation(`mailbox command id ${id} is not modelled`);
  const out = call.pointers?.find((p) => p.offset === 40)?.buffer;
  if (!out || out.length < outSize) return { rc: -1, errno: EFAULT };
  if (a.readBigUInt64LE(40) !== 0n) throw new KernelViolation('out.payload must be left for the transport to fill');
  const payload = dev.fwInfo.subarray(0, Math.min(info[1], outSize));
  payload.copy(out);
  a.writeUInt32LE(payload.length, 32);
  a.writeUInt32LE(dev.retval ?? 0, 12);
  return { rc: 0, errno: 0 };
}
