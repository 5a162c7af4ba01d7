import { generatedRulesYaml } from '../../../rules/upstream/rule-yaml.js';
import type { Condition, RuleTest, RuleTestDevice } from '../../../rules/types.js';
import type { StorageEntry, StorageFlag, StorageTable } from './storage-table.js';

/** A rule as written in YAML (docs/rule-format.md). */
export interface StorageRuleDoc {
  id: string;
  title: string;
  severity: string;
  description: string;
  applies_to: { class: string[]; vendor_id: number[]; device_id: number[] };
  when: Condition[];
  message: string;
  remediation: string;
  references: string[];
  tests: RuleTest[];
}

export interface StorageRules {
  rules: StorageRuleDoc[];
  /** Entries that give no rule, with the reason. */
  left: { entry: StorageEntry; reason: string }[];
}

type Range = [number, number];
const h4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
const id4 = (n: number): string => n.toString(16).padStart(4, '0');
const rangeText = (e: StorageEntry): string => (e.bcdLo === 0 && (e.bcdHi === 0x9999 || e.bcdHi === 0xffff) ? 'every firmware revision' : e.bcdLo === e.bcdHi ? `firmware revision ${h4(e.bcdLo)}` : `firmware revisions ${h4(e.bcdLo)}–${h4(e.bcdHi)}`);
const where = (t: StorageTable, e: StorageEntry): string => `Linux ${t.kernel} ${e.file} line ${e.line}: UNUSUAL_DEV(${h4(e.vendorId)}, ${h4(e.productId)}, ${h4(e.bcdLo)}, ${h4(e.bcdHi)}, …) → ${e.flags.map((f) => `US_FL_${f}`).join(' | ') || '0'}`;

/** What is left of [lo, hi] once the earlier ranges are taken out. */
function subtract(range: Range, taken: Range[]): Range[] {
  let left: Range[] = [range];
  for (const [a, b] of taken) {
    left = left.flatMap(([lo, hi]): Range[] => {
      if (b < lo || a > hi) return [[lo, hi]];
      const out: Range[] = [];
      if (a > lo) out.push([lo, a - 1]);
      if (b < hi) out.push([b + 1, hi]);
      return out;
    });
  }
  return left;
}

function bcdCondition([lo, hi]: Range): Condition {
  return { firmware: { component: 'bcd_device', ...(lo === hi ? { eq: h4(lo) } : { ge: h4(lo), le: h4(hi) }) } };
}

function device(e: StorageEntry, bcd: number | undefined, storageDriver?: string, productId = e.productId): RuleTestDevice {
  const d: RuleTestDevice = { key: 'usb:2-1', class: 'usb', vendor_id: e.vendorId, device_id: productId, model: `${e.vendorName} ${e.productName}`.trim() || 'USB storage' };
  if (bcd !== undefined) d.firmware = [{ component: 'bcd_device', version: h4(bcd), state: 'running', scheme: 'usb-bcd' }];
  if (storageDriver) d.settings = [{ namespace: 'usb', key: 'storage_driver', value: storageDriver, mode: 'current' }];
  return d;
}

/** What to do: nothing on a kernel with the entry; else the same flags through usb-storage.quirks, where they have letters. */
function quirksRemedy(e: StorageEntry, flags: string[], known: Map<string, StorageFlag>): string {
  const letters = flags.map((f) => known.get(f)?.letter).filter((l): l is string => l !== undefined).join('');
  const without = flags.filter((f) => known.get(f)?.letter === undefined);
  const set = letters ? ` set the same flags with usb-storage.quirks=${id4(e.vendorId)}:${id4(e.productId)}:${letters}` : '';
  const rest = without.length ? `${set ? ';' : ''} ${without.join(', ')} cannot be set that way: use a kernel that carries the entry` : '';
  return `Nothing to do on a kernel that carries the entry. On an older kernel, or where the device misbehaves,${set}${rest}.`;
}

const describeFlags = (flags: string[], known: Map<string, StorageFlag>): string => flags.map((f) => `${f} (${known.get(f)?.comment ?? 'no comment in usb_usual.h'})`).join(', ');

function rules(t: StorageTable, e: StorageEntry, taken: Range[], left: Range[], base: string, known: Map<string, StorageFlag>): StorageRuleDoc[] {
  const reach = left[0]!;
  const sample = reach[0];
  const outside = e.bcdLo > 0 ? e.bcdLo - 1 : e.bcdHi < 0xffff ? e.bcdHi + 1 : undefined;
  const when: Condition[] = [bcdCondition([e.bcdLo, e.bcdHi]), ...taken.filter(([a, b]) => !(b < e.bcdLo || a > e.bcdHi)).map((r): Condition => ({ not: bcdCondition(r) }))];
  const applies = { class: ['usb'], vendor_id: [e.vendorId], device_id: [e.productId] };
  const name = `${e.vendorName} ${e.productName}`.trim() || `${id4(e.vendorId)}:${id4(e.productId)}`;
  const refs = [
    where(t, e),
    `Linux ${t.kernel} drivers/usb/storage/usual-tables.c: the table's rows are USB_DEVICE_VER(vendor, product, bcdDevice low, bcdDevice high); usb_match_id() takes the first row that matches`,
    `Linux ${t.kernel} include/linux/usb_usual.h: the US_FL_* flags and what each one means`,
  ];
  const others = e.flags.filter((f) => f !== 'IGNORE_UAS');
  const out: StorageRuleDoc[] = [];
  const otherPid = (e.productId + 1) & 0xffff;
  if (others.length) {
    const tests: StorageRuleDoc['tests'] = [{ name: `${name} at ${h4(sample)} matches`, expect: 'fail', devices: [device(e, sample)] }];
    if (outside !== undefined) tests.push({ name: `firmware revision ${h4(outside)} is outside the entry`, expect: 'pass', devices: [device(e, outside)] });
    tests.push({ name: 'bcdDevice was not collected: skip', expect: 'skip', devices: [device(e, undefined)] });
    tests.push({ name: `product ${id4(otherPid)} is another device`, expect: 'not_applicable', devices: [device(e, sample, undefined, otherPid)] });
    out.push({
      id: `${base}.quirks`,
      title: `${name} (${id4(e.vendorId)}:${id4(e.productId)}): usb-storage quirks`,
      severity: 'info',
      description: `Linux ${t.kernel} lists ${name} (${id4(e.vendorId)}:${id4(e.productId)}, ${rangeText(e)}) in usb-storage's unusual-device table with ${describeFlags(others, known)}: the device's firmware does not follow the USB mass-storage or SCSI specification in these ways, and the kernel works around it for this firmware. A device that misbehaves on a kernel without the entry (or with usb-storage.quirks overriding it) is explained by this.`,
      applies_to: applies,
      when,
      message: `{device} ({model}) firmware revision {firmware.bcd_device}: Linux ${t.kernel}'s usb-storage applies ${others.join(', ')} to this device`,
      remediation: quirksRemedy(e, others, known),
      references: refs,
      tests,
    });
  }
  if (e.flags.includes('IGNORE_UAS')) {
    out.push({
      id: `${base}.ignore-uas`,
      title: `${name} (${id4(e.vendorId)}:${id4(e.productId)}) driven by uas although its UAS is broken`,
      severity: 'medium',
      description: `Linux ${t.kernel} lists ${name} (${id4(e.vendorId)}:${id4(e.productId)}, ${rangeText(e)}) with IGNORE_UAS (${known.get('IGNORE_UAS')?.comment ?? ''}): the kernel leaves the device to usb-storage instead of the uas driver. The rule fires when the bundle shows the uas driver bound to the device's mass-storage interface: a kernel without the entry, or an override.`,
      applies_to: applies,
      when: [...when, { setting: { namespace: 'usb', key: 'storage_driver', eq: 'uas' } }],
      message: `{device} ({model}) firmware revision {firmware.bcd_device} runs under the uas driver; Linux ${t.kernel} never uses UAS with it (IGNORE_UAS)`,
      remediation: `Use a kernel that carries the entry, or boot with usb-storage.quirks=${id4(e.vendorId)}:${id4(e.productId)}:${known.get('IGNORE_UAS')?.letter ?? 'u'} so usb-storage drives the device; expect I/O errors and resets under uas until then.`,
      references: refs,
      tests: [
        { name: `${name} at ${h4(sample)} under uas`, expect: 'fail', devices: [device(e, sample, 'uas')] },
        { name: `${name} at ${h4(sample)} under usb-storage`, expect: 'pass', devices: [device(e, sample, 'usb-storage')] },
        { name: 'no interface driver was collected: skip', expect: 'skip', devices: [device(e, sample)] },
        { name: `product ${id4(otherPid)} is another device`, expect: 'not_applicable', devices: [device(e, sample, 'uas', otherPid)] },
      ],
    });
  }
  return out;
}

/** One rule per reachable, always-built entry (plus one for IGNORE_UAS), in table order. */
export function generateStorageRules(t: StorageTable): StorageRules {
  const known = new Map(t.flags.map((f) => [f.name, f]));
  const out: StorageRules = { rules: [], left: [] };
  const ids = new Set<string>();
  const seen = new Map<string, Range[]>();
  for (const e of t.entries) {
    const vp = `${id4(e.vendorId)}-${id4(e.productId)}`;
    const taken = seen.get(vp) ?? [];
    const left = subtract([e.bcdLo, e.bcdHi], taken);
    if (!e.condition) seen.set(vp, [...taken, [e.bcdLo, e.bcdHi]]);
    const unknown = e.flags.filter((f) => !known.has(f));
    if (e.condition) out.left.push({ entry: e, reason: `built only when ${e.condition}` });
    else if (left.length === 0) out.left.push({ entry: e, reason: 'earlier rows for the same device cover its whole bcdDevice range' });
    else if (e.flags.length === 0) out.left.push({ entry: e, reason: 'no flags (it sets only the protocol, transport or an init function)' });
    else if (unknown.length) throw new Error(`${e.file} line ${e.line}: flags not in usb_usual.h: ${unknown.join(', ')}`);
    else {
      const base0 = `usb.storage-quirk.${vp}${e.bcdLo === 0 && e.bcdHi >= 0x9999 ? '' : `.${id4(e.bcdLo)}-${id4(e.bcdHi)}`}${e.file.endsWith('uas.h') ? '.uas' : ''}`;
      let base = base0;
      for (let n = 2; ids.has(base); n++) base = `${base0}-${n}`;
      ids.add(base);
      out.rules.push(...rules(t, e, taken, left, base, known));
    }
  }
  return out;
}

/** The committed YAML; generated, so a test proves it is what the table gives. */
export function storageRulesYaml(t: StorageTable, g: StorageRules = generateStorageRules(t)): string {
  return generatedRulesYaml([
    `# GENERATED from Linux ${t.kernel} ${t.files.map((f) => `${f.file} (sha256 ${f.sha256})`).join(', ')} by \`npm run rules:upstream\`.`,
    '# Do not edit: change analyzer/classes/usb/upstream/ and regenerate. One rule per reachable entry (and one more for IGNORE_UAS).',
    ...g.left.map((l) => `# No rule for ${l.entry.file} line ${l.entry.line} (${id4(l.entry.vendorId)}:${id4(l.entry.productId)}): ${l.reason}.`),
  ], g.rules);
}
