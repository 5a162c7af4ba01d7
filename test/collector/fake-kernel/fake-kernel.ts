import { ioctlRequests } from '../../../collector/ioctl/allowlist.js';
import type { IoctlTransport } from '../../../collector/ioctl/transport.js';
import type { IoctlCall, IoctlOutcome } from '../../../collector/source.js';
import { field, u32s } from '../../../collector/fake-host/bytes.js';
import { drvinfoBody, regsData, type FakeNic } from './nics.js';
import type { FakeNvme } from '../../../collector/classes/nvme/fake-host-drives.js';

const EPERM = 1;
const ENODEV = 19;
const EACCES = 13;
const EINVAL = 22;
const EOPNOTSUPP = 95;
/** NVMe status Invalid Field in Command with Do Not Retry, as the kernel returns it. */
export const NVME_SC_INVALID_FIELD_DNR = 0x4002;

/** The bytes a call carried when it reached the fake kernel, before any answer. */
export interface SeenCall {
  name: string;
  request: number;
  target: string;
  arg: Buffer;
  data?: Buffer;
  pointerOffset?: number;
}

export interface FakeKernelOptions {
  nics?: readonly FakeNic[];
  nvme?: readonly FakeNvme[];
  /** false: behave as for a process without CAP_NET_ADMIN / CAP_SYS_ADMIN. */
  privileged?: boolean;
  /** Private flags are added between GSSET_INFO and GSTRINGS (the count-changed race). */
  privFlagsGrow?: boolean;
}

/** A protocol violation: the collector sent bytes the real kernel would misread. Fails the test. */
export class KernelViolation extends Error {}

function expectLength(what: string, b: Buffer, n: number): void {
  if (b.length !== n) throw new KernelViolation(`${what}: buffer of ${b.length} bytes, expected ${n}`);
}

/**
 * A fake kernel behind the IoctlTransport interface. It checks every byte the way the kernel reads
 * it (request numbers, struct sizes, command numbers, in-fields, pointer offsets, NVMe dwords) and
 * answers from recorded device models, in place, as the real transport does.
 */
export class FakeKernel implements IoctlTransport {
  readonly seen: SeenCall[] = [];
  closed = false;
  private readonly nics: Map<string, FakeNic>;
  private readonly nvme: Map<string, FakeNvme>;

  constructor(private readonly o: FakeKernelOptions = {}) {
    this.nics = new Map((o.nics ?? []).map((n) => [n.ifname, n]));
    this.nvme = new Map((o.nvme ?? []).map((c) => [`/dev/${c.ctrl}`, c]));
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
    switch (call.name) {
      case 'SIOCETHTOOL':
        return this.ethtool(call);
      case 'NVME_IOCTL_ADMIN_CMD':
        return this.nvmeAdmin(call);
      default:
        throw new KernelViolation(`${call.name} is not modelled`);
    }
  }

  close(): void {
    this.closed = true;
  }

  /** The ethtool commands the collector sent, in order, by number. */
  ethtoolCommands(ifname: string): number[] {
    return this.seen.filter((s) => s.name === 'SIOCETHTOOL' && s.target === ifname).map((s) => s.data!.readUInt32LE(0));
  }

  private ethtool(call: IoctlCall): IoctlOutcome {
    if (call.target.kind !== 'netdev') throw new KernelViolation('SIOCETHTOOL on a path');
    if (call.arg.length !== 0) throw new KernelViolation('the transport builds the ifreq; arg must be empty');
    if (call.pointers?.length !== 1 || call.pointers[0]!.offset !== 16) throw new KernelViolation('ifr_data is one pointer at offset 16');
    const nic = this.nics.get(call.target.ifname);
    if (!nic) return { rc: -1, errno: ENODEV };
    const b = call.pointers[0]!.buffer;
    const cmd = b.readUInt32LE(0);
    if (nic.unsupported?.includes(cmd)) return { rc: -1, errno: EOPNOTSUPP };
    const fill = (body: Buffer, size: number): IoctlOutcome => {
      expectLength(`ethtool 0x${cmd.toString(16)}`, b, size);
      body.copy(b, 4);
      return { rc: 0, errno: 0 };
    };
    switch (cmd) {
      case 0x03:
        return fill(drvinfoBody(nic), 196);
      case 0x04: {
        if (this.o.privileged === false) return { rc: -1, errno: EPERM };
        const len = b.readUInt32LE(8);
        expectLength('GREGS', b, 12 + nic.drvinfo.regdumpLen);
        if (len !== nic.drvinfo.regdumpLen) throw new KernelViolation(`GREGS len ${len}, regdump_len ${nic.drvinfo.regdumpLen}`);
        b.writeUInt32LE(nic.regsVersion, 4);
        regsData(nic, len).copy(b, 12);
        return { rc: 0, errno: 0 };
      }
      case 0x0b:
        return this.eeprom(b, nic.drvinfo.eedumpLen, (n) => Buffer.alloc(n, 0xa5));
      case 0x0e:
        return fill(u32s(nic.coalesce), 92);
      case 0x10:
        return fill(u32s(nic.ringparam), 36);
      case 0x12:
        return fill(u32s(nic.pauseparam), 16);
      case 0x1b:
        return this.gstrings(b, nic);
      case 0x20: {
        if (b.readUInt32LE(4) < 6) return { rc: -1, errno: 7 /* E2BIG stands in for ETOOSMALL */ };
        expectLength('GPERMADDR', b, 8 + 32);
        b.writeUInt32LE(6, 4);
        Buffer.from(nic.permaddr.split(':').map((h) => Number.parseInt(h, 16))).copy(b, 8);
        return { rc: 0, errno: 0 };
      }
      case 0x27:
        return fill(u32s([nic.pflags]), 8);
      case 0x37: {
        expectLength('GSSET_INFO', b, 16 + 4);
        const wanted = b.readBigUInt64LE(8);
        const counts = new Map<bigint, number>([[2n, nic.privFlags.length], [4n, nic.features.names.length]]);
        let mask = 0n;
        let at = 16;
        for (const [set, count] of counts) {
          if ((wanted & (1n << set)) === 0n || count === 0) continue;
          if (wanted !== 1n << set) throw new KernelViolation('ask one string set at a time (the buffer holds one count)');
          mask |= 1n << set;
          b.writeUInt32LE(count, at);
          at += 4;
        }
        b.writeBigUInt64LE(mask, 8);
        return { rc: 0, errno: 0 };
      }
      case 0x3a: {
        const size = b.readUInt32LE(4);
        expectLength('GFEATURES', b, 8 + size * 16);
        b.writeUInt32LE(nic.features.blocks.length, 4);
        nic.features.blocks.slice(0, size).forEach((f, i) => u32s([f.available, f.requested, f.active, f.neverChanged]).copy(b, 8 + 16 * i));
        return { rc: 0, errno: 0 };
      }
      case 0x3c:
        return fill(u32s(nic.channels), 36);
      case 0x42: {
        if (!nic.module) return { rc: -1, errno: EOPNOTSUPP };
        return fill(u32s([nic.module.type, nic.module.eeprom.length]), 44);
      }
      case 0x43:
        return this.eeprom(b, nic.module?.eeprom.length ?? 0, (n) => nic.module!.eeprom.subarray(0, n));
      case 0x4c:
        return this.linkSettings(b, nic);
      case 0x50:
        if (!nic.fecparam) return { rc: -1, errno: EOPNOTSUPP };
        return fill(u32s(nic.fecparam), 16);
      default:
        throw new KernelViolation(`ethtool command 0x${cmd.toString(16)} is not modelled`);
    }
  }

  private gstrings(b: Buffer, nic: FakeNic): IoctlOutcome {
    const set = b.readUInt32LE(4);
    const asked = b.readUInt32LE(8);
    const names = set === 2 ? (this.o.privFlagsGrow ? [...nic.privFlags, 'new-flag'] : nic.privFlags) : set === 4 ? nic.features.names : undefined;
    if (!names) return { rc: -1, errno: EOPNOTSUPP };
    expectLength('GSTRINGS', b, 12 + asked * 32);
    // Kernels with the count check answer len 0 and copy nothing when the caller's count is stale.
    if (asked !== 0 && asked !== names.length) {
      b.writeUInt32LE(0, 8);
      return { rc: 0, errno: 0 };
    }
    if (asked === 0) throw new KernelViolation('GSTRINGS with len 0 lets an old kernel overrun the buffer');
    names.forEach((n, i) => field(n, 32).copy(b, 12 + 32 * i));
    return { rc: 0, errno: 0 };
  }

  private linkSettings(b: Buffer, nic: FakeNic): IoctlOutcome {
    const nwords = b.readInt8(15);
    const l = nic.link;
    if (nwords !== l.nwords) {
      expectLength('GLINKSETTINGS handshake', b, 48);
      if (nwords !== 0) throw new KernelViolation(`GLINKSETTINGS handshake with nwords ${nwords}`);
      b.writeInt8(-l.nwords, 15);
      return { rc: 0, errno: 0 };
    }
    expectLength('GLINKSETTINGS', b, 48 + 12 * l.nwords);
    b.writeUInt32LE(l.speed, 4);
    b[8] = l.duplex;
    b[9] = l.port;
    b[10] = l.phyAddress;
    b[11] = l.autoneg;
    u32s([...l.supported, ...l.advertising, ...l.lpAdvertising]).copy(b, 48);
    return { rc: 0, errno: 0 };
  }

  private eeprom(b: Buffer, size: number, content: (n: number) => Buffer): IoctlOutcome {
    if (this.o.privileged === false) return { rc: -1, errno: EPERM };
    const offset = b.readUInt32LE(8);
    const len = b.readUInt32LE(12);
    if (size === 0) return { rc: -1, errno: EOPNOTSUPP };
    if (offset !== 0 || len !== size) throw new KernelViolation(`EEPROM read ${offset}+${len} of ${size}`);
    expectLength('EEPROM', b, 16 + len);
    content(len).copy(b, 16);
    return { rc: 0, errno: 0 };
  }

  private nvmeAdmin(call: IoctlCall): IoctlOutcome {
    if (call.target.kind !== 'path') throw new KernelViolation('NVMe admin command on a netdev');
    const drive = this.nvme.get(call.target.path);
    if (!drive) return { rc: -1, errno: 2 };
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
    if (this.o.privileged === false) return { rc: -1, errno: EACCES };
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
