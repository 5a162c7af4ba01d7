import { type ClassRedaction, type Edit, paddedField, rawId, under } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactIdentifier } from '../../../bundle/redact/values.js';

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

/** Serial numbers anywhere in devlink's JSON (`serial_number`, `board.serial_number`, …): learned, replaced by the literal search. */
function jsonSerials(data: Buffer, t: TokenMap): Edit[] {
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch {
    return [];
  }
  const walk = (v: unknown, depth: number): void => {
    if (depth > 16 || typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && /(^|\.)serial_number$|^serial$/.test(k)) redactIdentifier(t, x);
      else walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return [];
}

/** The permanent MAC address, module serials and devlink serials; the other ethtool answers hold no identifier. */
export const redaction: ClassRedaction = {
  layouts: [
    { name: 'ethtool permaddr', test: under(/^ioctl\/net\/[^/]+\/permaddr\.bin$/), binary: true, learn: (d, t) => (d.length >= 14 && d.readUInt32LE(4) === 6 ? rawId(d, t, 'mac', 8, 6) : []) },
    { name: 'module eeprom', test: under(/^ioctl\/net\/[^/]+\/module-eeprom\.bin$/), binary: true, learn: moduleLearn, fix: moduleFix },
    { name: 'devlink json', test: under(/^cmd\/devlink\/.*\.out$/), binary: false, learn: jsonSerials },
  ],
  plainBinary: [
    /^ioctl\/net\/[^/]+\/(?:drvinfo|sset-info-[\w-]+|strings-[\w-]+|pflags|ringparam|channels|coalesce|pauseparam|fecparam|linksettings(?:-nwords)?|features|moduleinfo)\.bin$/,
  ],
  noIps: [/^cmd\/(?:devlink|ethtool)\//],
  seedPerEntry: [['/sys/class/net', ['address']]],
};
