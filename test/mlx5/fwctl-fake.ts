import { FWCTL_INFO, FWCTL_RPC } from '../../collector/classes/mlx5/fwctl.js';
import type { IoctlTransport } from '../../collector/ioctl/transport.js';
import type { IoctlCall, IoctlOutcome } from '../../collector/source.js';
import { MlxconfigDb, writeTlvFields } from '../../analyzer/classes/mlx5/config-db.js';
import { FAKE_GLOBAL_PCI_CAP, fakeMgir } from './fixtures/registers.js';

/** The collector sent bytes the kernel would misread or refuse: fails the test. */
export class FwctlViolation extends Error {}

export interface SeenFwctlCall {
  name: string;
  request: number;
  path: string;
  arg: Buffer;
  /** RPC: the in mailbox as sent. */
  mailbox?: Buffer;
}

export interface FakeFwctlDevice {
  /** enum fwctl_device_type */
  type: number;
  deviceData: Buffer;
  /** Register id (+ for MNVDA, the TLV "class:index") → register data the firmware answers. */
  registers: Map<string, Buffer>;
}

export const MLX5_STATUS_BAD_PARAM = 0x3;
const EINVAL = 22;
const EOPNOTSUPP = 95;
const EMSGSIZE = 90;
const ENOTTY = 25;

/**
 * A fake /dev/fwctl behind the IoctlTransport interface. It reads every call as drivers/fwctl/main.c and
 * drivers/fwctl/mlx5 do (request number, struct size field, flags, scope, in/out lengths against the
 * buffers, mailbox opcode/op_mod/register id) and answers from recorded register images, in place.
 */
export class FakeFwctl implements IoctlTransport {
  readonly seen: SeenFwctlCall[] = [];

  constructor(private readonly devices: Map<string, FakeFwctlDevice>) {}

  call(call: IoctlCall): IoctlOutcome {
    if (call.target.kind !== 'path') throw new FwctlViolation('fwctl ioctls go to a device node');
    const dev = this.devices.get(call.target.path);
    if (!dev) return { rc: -1, errno: 2 };
    this.seen.push({ name: call.name, request: call.request, path: call.target.path, arg: Buffer.from(call.arg) });
    if (call.request === FWCTL_INFO) return this.info(call, dev);
    if (call.request === FWCTL_RPC) return this.rpc(call, dev);
    return { rc: -1, errno: ENOTTY };
  }

  private ptr(call: IoctlCall, offset: number): Buffer | undefined {
    return call.pointers?.find((p) => p.offset === offset)?.buffer;
  }

  private info(call: IoctlCall, dev: FakeFwctlDevice): IoctlOutcome {
    const a = call.arg;
    if (a.length !== 24) throw new FwctlViolation(`fwctl_info is ${a.length} bytes, not 24`);
    if (a.readUInt32LE(0) < 24) return { rc: -1, errno: EINVAL };
    if (a.readUInt32LE(4) !== 0) return { rc: -1, errno: EOPNOTSUPP };
    const len = a.readUInt32LE(12);
    if (len > 0) {
      const out = this.ptr(call, 16);
      if (!out || out.length < len) throw new FwctlViolation('device_data_len is larger than the buffer it points to');
      out.fill(0, 0, len);
      dev.deviceData.copy(out, 0, 0, Math.min(len, dev.deviceData.length));
    }
    a.writeUInt32LE(dev.type, 8);
    a.writeUInt32LE(dev.deviceData.length, 12);
    return { rc: 0, errno: 0 };
  }

  private rpc(call: IoctlCall, dev: FakeFwctlDevice): IoctlOutcome {
    const a = call.arg;
    if (a.length !== 32) throw new FwctlViolation(`fwctl_rpc is ${a.length} bytes, not 32`);
    if (a.readUInt32LE(0) < 32) return { rc: -1, errno: EINVAL };
    const scope = a.readUInt32LE(4);
    if (scope > 1) throw new FwctlViolation(`scope ${scope} reached the device: this would taint the kernel`);
    const inLen = a.readUInt32LE(8);
    const outLen = a.readUInt32LE(12);
    const inBuf = this.ptr(call, 16);
    const outBuf = this.ptr(call, 24);
    if (!inBuf || inBuf.length < inLen || !outBuf || outBuf.length < outLen) throw new FwctlViolation('in_len/out_len exceed their buffers');
    if (inLen < 16 || outLen < 16) return { rc: -1, errno: EMSGSIZE };
    const mbox = Buffer.from(inBuf.subarray(0, inLen));
    this.seen[this.seen.length - 1]!.mailbox = mbox;
    const opcode = mbox.readUInt16BE(0);
    const opMod = mbox.readUInt16BE(6);
    if (opcode !== 0x805 || opMod !== 1) throw new FwctlViolation(`mailbox opcode 0x${opcode.toString(16)} op_mod ${opMod} is not an ACCESS_REG read`);
    const reg = mbox.readUInt16BE(10);
    const regData = mbox.subarray(16);
    let key = `0x${reg.toString(16)}`;
    if (reg === 0x9024) key += `:${regData.readUInt8(4)}:${regData.readUInt32BE(4) & 0xffffff}`;
    const answer = dev.registers.get(key);
    outBuf.fill(0, 0, outLen);
    if (!answer) outBuf.writeUInt8(MLX5_STATUS_BAD_PARAM, 0);
    else {
      if (reg === 0x9024) regData.copy(outBuf, 16, 0, 12); // MNVDA echoes the item header
      answer.copy(outBuf, reg === 0x9024 ? 28 : 16, 0, Math.min(answer.length, outLen - (reg === 0x9024 ? 28 : 16)));
    }
    a.writeUInt32LE(16 + regData.length, 12);
    return { rc: 0, errno: 0 };
  }
}

/** A ConnectX-6 Dx behind fwctl (mlx5 device type 1): its device data (uid, tools-resources capability), MGIR and nv_global_pci_cap. */
export function connectxFwctlDevice(db: MlxconfigDb): FakeFwctlDevice {
  const data = Buffer.alloc(8);
  data.writeUInt32LE(7, 0); // uid
  data.writeUInt32LE(0x4, 4); // uctx_caps: MLX5_UCTX_OBJECT_CAP_TOOLS_RESOURCES
  return {
    type: 1,
    deviceData: data,
    registers: new Map([
      ['0x9020', fakeMgir()],
      ['0x9024:0:129', writeTlvFields(db, 'nv_global_pci_cap', FAKE_GLOBAL_PCI_CAP)],
    ]),
  };
}

/** The shared fake host's two ConnectX functions answer fwctl; the fwctl source stores their answers into the tree. */
export const FAKEHOST_FWCTL = {
  source: 'fwctl',
  transport: (): FakeFwctl => {
    const db = MlxconfigDb.open();
    return new FakeFwctl(new Map([['/dev/fwctl/fwctl0', connectxFwctlDevice(db)], ['/dev/fwctl/fwctl1', connectxFwctlDevice(db)]]));
  },
};
