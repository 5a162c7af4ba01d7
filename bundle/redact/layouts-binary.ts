import { type Edit, type Layout, textEdit } from './layout.js';
import type { TokenMap } from './tokens.js';
import { redactHexId, redactIdentifier } from './values.js';

const under = (re: RegExp) => (n: string) => re.test(n);

/** A space- or NUL-padded ASCII field: the value is learned and replaced where it sits. */
function paddedField(d: Buffer, t: TokenMap, offset: number, length: number, hexIds = true): Edit[] {
  if (d.length < offset + length) return [];
  const text = d.subarray(offset, offset + length).toString('latin1').replace(/\0/g, ' ');
  const core = text.trim();
  if (!core || /[^\x20-\x7e]/.test(core)) return [];
  const at = offset + text.indexOf(core);
  return textEdit(d, at, at + core.length, redactIdentifier(t, core, 'serial', hexIds));
}

function rawId(d: Buffer, t: TokenMap, kind: 'mac' | 'eui64' | 'uuid', offset: number, length: number, reversed = false): Edit[] {
  if (d.length < offset + length) return [];
  const raw = Buffer.from(d.subarray(offset, offset + length));
  if (reversed) raw.reverse();
  const out = Buffer.from(redactHexId(t, kind, raw.toString('hex')), 'hex');
  if (out.equals(raw)) return [];
  if (reversed) out.reverse();
  return [{ offset, bytes: out }];
}

/** PCI Express extended capabilities: the Device Serial Number (id 3) is an EUI-64, stored little-endian. */
function pciConfig(d: Buffer, t: TokenMap): Edit[] {
  const edits: Edit[] = [];
  let off = 0x100;
  for (let n = 0; off >= 0x100 && off + 4 <= d.length && n < 96; n++) {
    const header = d.readUInt32LE(off);
    if (header === 0 || header === 0xffffffff) break;
    if ((header & 0xffff) === 0x0003) edits.push(...rawId(d, t, 'eui64', off + 4, 8, true));
    off = (header >>> 20) & 0xffc;
  }
  return edits;
}

interface VpdField {
  key: string;
  valueAt: number;
  length: number;
}

/** The keyword fields of the VPD-R (0x90) and VPD-W (0x91) resources of a PCI VPD image. */
export function vpdFields(d: Buffer): VpdField[] {
  const fields: VpdField[] = [];
  let i = 0;
  for (let n = 0; i < d.length && n < 64; n++) {
    const tag = d[i]!;
    if (tag & 0x80) {
      if (i + 3 > d.length) break;
      const len = d.readUInt16LE(i + 1);
      const start = i + 3;
      const end = Math.min(d.length, start + len);
      if (tag === 0x90 || tag === 0x91) {
        for (let k = start; k + 3 <= end; ) {
          const key = d.toString('latin1', k, k + 2);
          const flen = d[k + 2]!;
          fields.push({ key, valueAt: k + 3, length: Math.min(flen, end - k - 3) });
          k += 3 + flen;
        }
      }
      i = start + len;
    } else {
      if ((tag >> 3) === 0x0f) break;
      i += 1 + (tag & 7);
    }
  }
  return fields;
}

function vpdLearn(d: Buffer, t: TokenMap): Edit[] {
  const edits: Edit[] = [];
  for (const f of vpdFields(d)) {
    const value = d.toString('latin1', f.valueAt, f.valueAt + f.length).trim();
    const hexId = /^[VY][0-9A-Z]$/.test(f.key) && /^(?:[0-9a-fA-F]{12}|[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(value);
    if (f.key === 'SN' || f.key === 'YA' || hexId) edits.push(...paddedField(d, t, f.valueAt, f.length));
  }
  return edits;
}

/** The RV checksum byte makes the sum of every byte from the start through it zero. */
function vpdFix(d: Buffer): void {
  for (const f of vpdFields(d)) {
    if (f.key !== 'RV' || f.length < 1) continue;
    let sum = 0;
    for (let i = 0; i < f.valueAt; i++) sum = (sum + d[i]!) & 0xff;
    d[f.valueAt] = (0x100 - sum) & 0xff;
  }
}

const SFF_SN: Record<number, { sn: number; sum?: [number, number, number] }> = {
  0x03: { sn: 68, sum: [64, 95, 95] },
  0x0c: { sn: 196, sum: [192, 223, 223] },
  0x0d: { sn: 196, sum: [192, 223, 223] },
  0x11: { sn: 196, sum: [192, 223, 223] },
  0x18: { sn: 166, sum: [128, 222, 222] },
  0x19: { sn: 166, sum: [128, 222, 222] },
  0x1e: { sn: 166, sum: [128, 222, 222] },
};

/** ethtool module EEPROM (after the 16-byte command header): the vendor serial of SFP (SFF-8472), QSFP (SFF-8636) and CMIS modules. */
function moduleLearn(d: Buffer, t: TokenMap): Edit[] {
  const layout = SFF_SN[d[16] ?? -1];
  return layout ? paddedField(d, t, 16 + layout.sn, 16, false) : [];
}

function moduleFix(d: Buffer): void {
  const layout = SFF_SN[d[16] ?? -1];
  if (!layout?.sum) return;
  const [from, to, at] = layout.sum.map((x) => x + 16) as [number, number, number];
  if (d.length <= at) return;
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + d[i]!) & 0xff;
  d[at] = sum;
}

/** Known binary layouts that carry identifiers. */
export const BINARY_LAYOUTS: Layout[] = [
  {
    name: 'nvme identify controller',
    test: under(/^ioctl\/nvme\/[^/]+\/id-ctrl\.bin$/),
    binary: true,
    learn: (d, t) => {
      const fguid = d.length >= 128 && d.subarray(112, 128).some((x) => x !== 0) ? rawId(d, t, 'uuid', 112, 16) : [];
      return [...paddedField(d, t, 4, 20, false), ...fguid];
    },
  },
  { name: 'ethtool permaddr', test: under(/^ioctl\/net\/[^/]+\/permaddr\.bin$/), binary: true, learn: (d, t) => (d.length >= 14 && d.readUInt32LE(4) === 6 ? rawId(d, t, 'mac', 8, 6) : []) },
  { name: 'pci config', test: under(/^sys\/(?:devices|bus\/pci\/devices)\/.*\/config$/), binary: true, learn: pciConfig },
  { name: 'pci vpd', test: under(/^sys\/(?:devices|bus\/pci\/devices)\/.*\/vpd$/), binary: true, learn: vpdLearn, fix: vpdFix },
  { name: 'module eeprom', test: under(/^ioctl\/net\/[^/]+\/module-eeprom\.bin$/), binary: true, learn: moduleLearn, fix: moduleFix },
  {
    name: 'mlx5 MGIR',
    test: under(/^ioctl\/fwctl\/[^/]+\/access-reg-mgir\.bin$/),
    binary: true,
    learn: (d, t) => rawId(d, t, 'mac', 16 + 0x12, 6),
  },
];

/** Binary artifacts whose layout is known to hold no identifier beyond what the literal search finds. */
export const PLAIN_BINARY = [
  /^ioctl\/net\/[^/]+\/(?:drvinfo|sset-info-[\w-]+|strings-[\w-]+|pflags|ringparam|channels|coalesce|pauseparam|fecparam|linksettings(?:-nwords)?|features|moduleinfo)\.bin$/,
  /^ioctl\/nvme\/[^/]+\/(?:fw-log|smart-log|feature-[\w-]+)\.bin$/,
  /^ioctl\/fwctl\/[^/]+\/(?:info|info-data|mnvda-[\w-]+)\.bin$/,
  /^sys\/.*\/inquiry$/,
];
