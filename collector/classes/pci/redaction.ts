import { type ClassRedaction, type Edit, rawId, paddedField, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactHexId, redactIdentifier } from '../../../bundle/redact/values.js';

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

/**
 * lspci's text (a pasted or imported `lspci -vv`): the VPD serial and asset tag and vendor fields that are hex
 * ids, as the binary VPD layout takes them, and the Device Serial Number as the config layout does, so each
 * identifier gets the token it gets in the binary artifacts.
 */
function lspciText(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('utf8');
  for (const m of text.matchAll(/^[\s>]*\[(SN|YA|[VY][0-9A-Z])\] [^:\n]*: *(\S[^\n]*?)\s*$/gm)) {
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'SN' || key === 'YA') redactIdentifier(t, value, 'serial', false);
    else if (/^(?:[0-9a-fA-F]{12}|[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(value)) redactIdentifier(t, value);
  }
  for (const m of text.matchAll(/Device Serial Number ([0-9a-fA-F]{2}(?:-[0-9a-fA-F]{2}){7})\b/g)) redactHexId(t, 'eui64', m[1]!);
  return [];
}

/** Config space (Device Serial Number capability), VPD (serial and asset fields) and lspci's text of both hold identifiers. */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'pci config', test: under(/^sys\/(?:devices|bus\/pci\/devices)\/.*\/config$/), binary: true, learn: pciConfig },
    { name: 'pci vpd', test: under(/^sys\/(?:devices|bus\/pci\/devices)\/.*\/vpd$/), binary: true, learn: vpdLearn, fix: vpdFix },
    { name: 'lspci text', test: under(/^cmd\/lspci\/[^/]*\.out$/), binary: false, learn: lspciText },
  ],
  noIps: [/^cmd\/lspci\//],
  seedPerEntry: [['/sys/bus/pci/devices', ['config']]],
};
