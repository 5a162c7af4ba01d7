import type { IoctlCall, IoctlOutcome } from '../../collector/source.js';
import { SAMSUNG_NVME0, type FakeNvme } from '../../collector/classes/nvme/fake-host-drives.js';
import { EACCES, EINVAL, ENOENT, FakeKernel, KernelViolation, expectLength, type IoctlAnswerer, type KernelState } from '../collector/fake-kernel/fake-kernel.js';

/** NVMe status Invalid Field in Command with Do Not Retry, as the kernel returns it. */
export const NVME_SC_INVALID_FIELD_DNR = 0x4002;

/**
 * The nvme class's part of the fake kernel: NVME_IOCTL_ADMIN_CMD answered from recorded controllers (Identify,
 * the firmware slot and SMART logs, power management and APST features), every dword checked.
 */
export class FakeNvmeAdmin implements IoctlAnswerer {
  readonly ioctls = ['NVME_IOCTL_ADMIN_CMD'];
  private readonly nvme: Map<string, FakeNvme>;

  constructor(drives: readonly FakeNvme[]) {
    this.nvme = new Map(drives.map((c) => [`/dev/${c.ctrl}`, c]));
  }

  answer(call: IoctlCall, k: KernelState): IoctlOutcome {
    if (call.target.kind !== 'path') throw new KernelViolation('NVMe admin command on a netdev');
    const drive = this.nvme.get(call.target.path);
    if (!drive) return { rc: -1, errno: ENOENT };
    const a = call.arg;
    expectLength('nvme_admin_cmd', a, 72);
    const opcode = a[0]!;
    const nsid = a.readUInt32LE(4);
    const dataLen = a.readUInt32LE(36);
    const cdw10 = a.readUInt32LE(40);
    const pointer = call.pointers?.[0];
    if (a.readBigUInt64LE(24) !== 0n) throw new KernelViolation('addr must be left for the transport to fill');
    if (dataLen > 0 && (call.pointers?.length !== 1 || pointer?.offset !== 24 || pointer.buffer.length !== dataLen)) {
      throw new KernelViolation(`data_len ${dataLen} needs one ${dataLen}-byte buffer whose address goes at offset 24`);
    }
    if (dataLen === 0 && call.pointers?.length) throw new KernelViolation('a buffer without data_len');
    for (const off of [1, 2, 3, 8, 12, 16, 32, 48, 52, 56, 60, 64, 68]) {
      if (a[off] !== 0) throw new KernelViolation(`byte ${off} of the command must be 0`);
    }
    const data = pointer?.buffer;
    const ok = (src?: Buffer): IoctlOutcome => {
      src?.copy(data!);
      return { rc: 0, errno: 0 };
    };
    if (opcode === 0x06) {
      if (nsid !== 0 || cdw10 !== 0x01 || dataLen !== 4096) throw new KernelViolation(`Identify nsid ${nsid} cdw10 0x${cdw10.toString(16)} len ${dataLen}`);
      return ok(drive.idCtrl);
    }
    if (!k.privileged) return { rc: -1, errno: EACCES };
    if (opcode === 0x02 && (cdw10 & 0xff) === 0x01) {
      // The Error Information log: whole 64-byte entries, NUMDL (0's based dwords) saying the length asked for.
      if (nsid !== 0xffffffff || dataLen === 0 || dataLen % 64 !== 0 || dataLen !== ((cdw10 >>> 16) + 1) * 4) throw new KernelViolation(`Get Log Page 01h nsid 0x${nsid.toString(16)} cdw10 0x${cdw10.toString(16)} len ${dataLen}`);
      return ok(drive.errorLog?.subarray(0, dataLen));
    }
    if (opcode === 0x02) {
      if (nsid !== 0xffffffff || dataLen !== 512) throw new KernelViolation(`Get Log Page nsid 0x${nsid.toString(16)} len ${dataLen}`);
      if (cdw10 === 0x007f0003) return ok(drive.fwLog);
      if (cdw10 === 0x007f0002) return ok(drive.smartLog);
      throw new KernelViolation(`Get Log Page cdw10 0x${cdw10.toString(16)}`);
    }
    if (opcode === 0x0a) {
      if (cdw10 === 0x02 && dataLen === 0) {
        a.writeUInt32LE(drive.powerMgmt, 68);
        return ok();
      }
      if (cdw10 === 0x0c && dataLen === 256) {
        if (!drive.apst) return { rc: NVME_SC_INVALID_FIELD_DNR, errno: 0 };
        a.writeUInt32LE(drive.apst.enabled ? 1 : 0, 68);
        return ok(drive.apst.table);
      }
      throw new KernelViolation(`Get Features cdw10 0x${cdw10.toString(16)} len ${dataLen}`);
    }
    return { rc: -1, errno: EINVAL };
  }
}

/** The shared fake host's controller answers the admin commands; the nvme source stores its answers into the tree. */
export const FAKEHOST_NVME_ADMIN = { source: 'nvme', transport: (): FakeKernel => new FakeKernel({ answerers: [new FakeNvmeAdmin([SAMSUNG_NVME0])] }) };
