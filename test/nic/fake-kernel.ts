import { field, u32s } from '../../collector/fake-host/bytes.js';
import type { IoctlCall, IoctlOutcome } from '../../collector/source.js';
import { E2BIG, ENODEV, EOPNOTSUPP, EPERM, FakeKernel, KernelViolation, expectLength, type IoctlAnswerer, type KernelState } from '../collector/fake-kernel/fake-kernel.js';
import { FAKEHOST_NICS, drvinfoBody, regsData, type FakeNic } from './fake-nics.js';

/** The ethtool commands the collector sent to one interface, in order, by number. */
export function ethtoolCommands(kernel: FakeKernel, ifname: string): number[] {
  return kernel.seen.filter((s) => s.name === 'SIOCETHTOOL' && s.target === ifname).map((s) => s.data!.readUInt32LE(0));
}

/**
 * The nic class's part of the fake kernel: SIOCETHTOOL answered from recorded interfaces (fake-nics.ts), every
 * command's buffer checked the way the kernel reads it.
 */
export class FakeEthtool implements IoctlAnswerer {
  readonly ioctls = ['SIOCETHTOOL'];
  private readonly nics: Map<string, FakeNic>;

  /** privFlagsGrow: private flags are added between GSSET_INFO and GSTRINGS (the count-changed race). */
  constructor(nics: readonly FakeNic[], private readonly privFlagsGrow = false) {
    this.nics = new Map(nics.map((n) => [n.ifname, n]));
  }

  answer(call: IoctlCall, k: KernelState): IoctlOutcome {
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
        if (!k.privileged) return { rc: -1, errno: EPERM };
        const len = b.readUInt32LE(8);
        expectLength('GREGS', b, 12 + nic.drvinfo.regdumpLen);
        if (len !== nic.drvinfo.regdumpLen) throw new KernelViolation(`GREGS len ${len}, regdump_len ${nic.drvinfo.regdumpLen}`);
        b.writeUInt32LE(nic.regsVersion, 4);
        regsData(nic, len).copy(b, 12);
        return { rc: 0, errno: 0 };
      }
      case 0x0b:
        return this.eeprom(k, b, nic.drvinfo.eedumpLen, (n) => Buffer.alloc(n, 0xa5));
      case 0x0e:
        return fill(u32s(nic.coalesce), 92);
      case 0x10:
        return fill(u32s(nic.ringparam), 36);
      case 0x12:
        return fill(u32s(nic.pauseparam), 16);
      case 0x1b:
        return this.gstrings(b, nic);
      case 0x20: {
        if (b.readUInt32LE(4) < 6) return { rc: -1, errno: E2BIG /* stands in for ETOOSMALL */ };
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
        return this.eeprom(k, b, nic.module?.eeprom.length ?? 0, (n) => nic.module!.eeprom.subarray(0, n));
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
    const names = set === 2 ? (this.privFlagsGrow ? [...nic.privFlags, 'new-flag'] : nic.privFlags) : set === 4 ? nic.features.names : undefined;
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

  private eeprom(k: KernelState, b: Buffer, size: number, content: (n: number) => Buffer): IoctlOutcome {
    if (!k.privileged) return { rc: -1, errno: EPERM };
    const offset = b.readUInt32LE(8);
    const len = b.readUInt32LE(12);
    if (size === 0) return { rc: -1, errno: EOPNOTSUPP };
    if (offset !== 0 || len !== size) throw new KernelViolation(`EEPROM read ${offset}+${len} of ${size}`);
    expectLength('EEPROM', b, 16 + len);
    content(len).copy(b, 16);
    return { rc: 0, errno: 0 };
  }
}

/** The shared fake host's interfaces answer SIOCETHTOOL; the net source stores their answers into its tree. */
export const FAKEHOST_ETHTOOL = { source: 'net', transport: (): FakeKernel => new FakeKernel({ answerers: [new FakeEthtool(FAKEHOST_NICS)] }) };
