/**
 * PCI configuration space images with a real capability chain (PCI Local Bus 3.0 header, PCI Express Base 4.0
 * capability layouts), so that the pci parsers and `lspci -F` read them like a device's own config space.
 */

/** Link speed codes of the PCIe Link Capabilities/Status registers. */
export const SPEED: Record<string, number> = { '2.5': 1, '5.0': 2, '8.0': 3, '16.0': 4, '32.0': 5, '64.0': 6 };

export interface PcieSpec {
  /** Device/port type (0 endpoint, 4 root port, 9 root complex integrated endpoint). */
  type?: number;
  speed: string;
  width: number;
  maxSpeed: string;
  maxWidth: number;
  maxPayload?: 128 | 256 | 512;
  /** Supported ASPM: 1 = L0s, 2 = L1, 3 = both. */
  aspm?: number;
  aspmEnabled?: number;
  slot?: number;
  port?: number;
}

export interface ConfigSpec {
  vendor: number;
  device: number;
  subVendor?: number;
  subDevice?: number;
  classCode: number;
  revision?: number;
  command?: number;
  multiFunction?: boolean;
  bridge?: { primary: number; secondary: number; subordinate: number; memory?: number };
  bars?: { index: number; value: number }[];
  interruptLine?: number;
  interruptPin?: number;
  pmD3cold?: boolean;
  vpd?: boolean;
  msi?: boolean;
  pcie?: PcieSpec;
  msix?: { size: number };
  sata?: boolean;
  vendorCap?: number;
  aer?: { correctable?: boolean };
  dsn?: bigint;
  ari?: { next: number };
  sriov?: { total: number; num: number; offset: number; stride: number; vfDevice: number };
  secondaryPcie?: number;
  /** 256 (conventional PCI) or 4096 (PCI Express); 4096 by default. */
  size?: number;
}

interface Capability {
  len: number;
  write(offset: number): void;
}

export function buildConfigSpace(spec: ConfigSpec): Buffer {
  const size = spec.size ?? 4096;
  const b = Buffer.alloc(size);
  const u8 = (o: number, v: number): void => void b.writeUInt8(v & 0xff, o);
  const u16 = (o: number, v: number): void => void b.writeUInt16LE(v & 0xffff, o);
  const u32 = (o: number, v: number): void => void b.writeUInt32LE(v >>> 0, o);
  u16(0x00, spec.vendor);
  u16(0x02, spec.device);
  u16(0x04, spec.command ?? 0x0406);
  u16(0x06, 0x0010); // capabilities list present
  u8(0x08, spec.revision ?? 0);
  u8(0x09, spec.classCode & 0xff);
  u8(0x0a, (spec.classCode >> 8) & 0xff);
  u8(0x0b, (spec.classCode >> 16) & 0xff);
  u8(0x0c, 0x10); // cache line size, 64 bytes
  u8(0x0e, (spec.multiFunction ? 0x80 : 0x00) | (spec.bridge ? 0x01 : 0x00));
  for (const bar of spec.bars ?? []) u32(0x10 + 4 * bar.index, bar.value);
  if (spec.bridge) {
    // Type 1 header: bus numbers, closed I/O window, memory window, bridge control (parity, SERR forwarding).
    u8(0x18, spec.bridge.primary);
    u8(0x19, spec.bridge.secondary);
    u8(0x1a, spec.bridge.subordinate);
    u8(0x1c, 0xf0);
    u32(0x20, spec.bridge.memory ?? 0xab00ab00);
    u32(0x24, 0x0001fff1);
    u16(0x3e, 0x0003);
  } else {
    u16(0x2c, spec.subVendor ?? 0);
    u16(0x2e, spec.subDevice ?? 0);
  }
  u8(0x3c, spec.interruptLine ?? 0xff);
  u8(0x3d, spec.interruptPin ?? 1);

  // Standard capabilities, chained in this order from 0x40.
  const caps: Capability[] = [{ len: 8, write: (o) => { u8(o, 0x01); u16(o + 2, 0x0003 | (spec.pmD3cold ? 0xc800 : 0)); u16(o + 4, 0x0008); } }];
  if (spec.vpd) caps.push({ len: 8, write: (o) => u8(o, 0x03) });
  if (spec.msi) caps.push({ len: 0x18, write: (o) => { u8(o, 0x05); u16(o + 2, 0x0180 | (5 << 1)); } });
  const pcie = spec.pcie;
  if (pcie) caps.push({ len: 0x3c, write: (o) => writePcie(o, pcie, u8, u16, u32) });
  const msix = spec.msix;
  if (msix) caps.push({ len: 12, write: (o) => { u8(o, 0x11); u16(o + 2, 0x8000 | (msix.size - 1)); u32(o + 4, 0x00002000); u32(o + 8, 0x00003000); } });
  if (spec.sata) caps.push({ len: 8, write: (o) => { u8(o, 0x12); u16(o + 2, 0x0010); u32(o + 4, 0x0000000f); } });
  const vendorCap = spec.vendorCap;
  if (vendorCap) caps.push({ len: vendorCap, write: (o) => { u8(o, 0x09); u8(o + 2, vendorCap); } });
  let off = 0x40;
  u8(0x34, off);
  caps.forEach((c, i) => {
    c.write(off);
    const next = i + 1 < caps.length ? off + ((c.len + 3) & ~3) : 0;
    u8(off + 1, next);
    off = next;
  });
  if (size <= 256 || !pcie) return b;

  // Extended capabilities from 0x100.
  const ext: (Capability & { id: number; ver: number })[] = [];
  const { aer, dsn, ari, sriov, secondaryPcie } = spec;
  if (aer) ext.push({ id: 0x0001, ver: 2, len: 0x48, write: (o) => { u32(o + 0x0c, 0x00462030); u32(o + 0x10, aer.correctable ? 0x40 : 0); u32(o + 0x14, 0x00002000); u32(o + 0x18, 0x000001a0); } });
  if (dsn !== undefined) ext.push({ id: 0x0003, ver: 1, len: 0x0c, write: (o) => void b.writeBigUInt64LE(dsn, o + 4) });
  if (ari) ext.push({ id: 0x000e, ver: 1, len: 0x08, write: (o) => u16(o + 4, ari.next << 8) });
  if (sriov) ext.push({ id: 0x0010, ver: 1, len: 0x40, write: (o) => writeSriov(o, sriov, u16, u32) });
  if (secondaryPcie) ext.push({ id: 0x0019, ver: 1, len: 0x0c + 2 * secondaryPcie, write: () => undefined });
  let eoff = 0x100;
  ext.forEach((c, i) => {
    c.write(eoff);
    const next = i + 1 < ext.length ? eoff + ((c.len + 3) & ~3) : 0;
    u32(eoff, c.id | (c.ver << 16) | (next << 20));
    eoff = next;
  });
  return b;
}

type W = (o: number, v: number) => void;

function writePcie(o: number, p: PcieSpec, u8: W, u16: W, u32: W): void {
  const type = p.type ?? 0;
  u8(o, 0x10);
  u16(o + 2, 0x0002 | (type << 4) | (type === 4 ? 0x0100 : 0)); // version 2; device/port type; root ports have a slot
  const payloadCode = { 128: 0, 256: 1, 512: 2 }[p.maxPayload ?? 512];
  u32(o + 0x04, payloadCode | (1 << 5) | (7 << 6) | (7 << 9) | (1 << 15) | (1 << 28)); // DevCap: ExtTag, L0s/L1 unlimited, RBE, FLR
  u16(o + 0x08, 0x2810 | (Math.min(payloadCode, 1) << 5)); // DevCtl: RlxdOrd, ExtTag, NoSnoop; MaxReadReq 512
  const maxSpeed = SPEED[p.maxSpeed] ?? 0;
  u32(o + 0x0c, maxSpeed | (p.maxWidth << 4) | ((p.aspm ?? 0) << 10) | (7 << 12) | (7 << 15) | (type === 4 ? 0x00300000 : 0) | (1 << 22) | ((p.port ?? 0) << 24));
  u16(o + 0x10, 0x0040 | (p.aspmEnabled ?? 0)); // LnkCtl: CommClk
  u16(o + 0x12, (SPEED[p.speed] ?? 0) | (p.width << 4) | (1 << 12) | (type === 4 ? 1 << 13 : 0)); // LnkSta: SlotClk, DLActive on ports
  if (type === 4) {
    u32(o + 0x14, 0x00040060 | ((p.slot ?? 0) << 19)); // SltCap: physical slot number
    u16(o + 0x1a, 0x0040); // SltSta: presence detected
  }
  u32(o + 0x24, 0x00010f1f | (1 << 16)); // DevCap2: completion timeout ranges, TimeoutDis, 10-bit tags
  u16(o + 0x28, 0x0005); // DevCtl2: completion timeout 16ms to 55ms
  u32(o + 0x2c, ((1 << maxSpeed) - 1) << 1); // LnkCap2: supported speeds vector
  u16(o + 0x30, maxSpeed); // LnkCtl2: target speed
  u16(o + 0x32, 0x001e); // LnkSta2: equalization complete, phases 1-3
}

function writeSriov(o: number, s: NonNullable<ConfigSpec['sriov']>, u16: W, u32: W): void {
  u32(o + 0x04, 0);
  u16(o + 0x08, s.num > 0 ? 0x0019 : 0x0010); // ARI capable hierarchy; VF enable + MSE when VFs exist
  u16(o + 0x0c, s.total);
  u16(o + 0x0e, s.total);
  u16(o + 0x10, s.num);
  u16(o + 0x14, s.offset);
  u16(o + 0x16, s.stride);
  u16(o + 0x1a, s.vfDevice);
  u32(o + 0x1c, 0x000007ff);
  u32(o + 0x20, 0x00000001);
  u32(o + 0x24, 0x0000000c); // VF BAR0: 64-bit prefetchable memory
}
