import { classTables } from '../db/class-schema.js';
import type { Db } from '../db/database.js';
import type { ComparedSettings } from '../load/types.js';
import type { Rule, Severity } from '../rules/types.js';
import { keyText, type InventoryDevice } from './inventory.js';
import { firmwareSummary, placeText } from './inventory-text.js';
import { buildReport, type Finding, type Report } from './model.js';

/** What `fwsnap diff` compares two bundles by: documented in docs/report-format.md (`fwsnap-diff/1`). */
export interface Diff {
  schema: 'fwsnap-diff/1';
  a: DiffSide;
  b: DiffSide;
  devices: { added: DiffDevice[]; removed: DiffDevice[] };
  firmware: DiffChange[];
  settings: DiffChange[];
  findings: { new: Finding[]; resolved: Finding[] };
  /** Number of differences of every kind; 0 means the bundles agree on everything compared. */
  differences: number;
}

export interface DiffSide {
  bundle: number;
  path: string;
  hostname: string | null;
  collectedAt: string | null;
  manifestSha256: string | null;
}

export interface DiffDevice {
  key: string;
  /** The device as the report names it; with where it is or its key when two devices of the diff would read alike. */
  name: string;
  /** Where it is, as the report says it (`0000:3b:00.0, eth0`), when its name does not already say it; else ''. */
  at: string;
  firmware: string[];
}

/** One value that differs: `before` null when it is new in B, `after` null when B lacks it. */
export interface DiffChange {
  device: string;
  name: string;
  /** `firmware`, `NV config (next_boot)`, `module parameter`, `PCIe link`… */
  kind: string;
  item: string;
  before: string | null;
  after: string | null;
}

const side = (r: Report): DiffSide => {
  const b = r.bundles[0]!;
  return { bundle: b.id, path: b.path, hostname: b.hostname, collectedAt: b.collectedAt, manifestSha256: b.manifestSha256 };
};

const matches = (c: ComparedSettings, namespace: string, key: string, mode: string): boolean =>
  (c.namespace.endsWith('*') ? namespace.startsWith(c.namespace.slice(0, -1)) : namespace === c.namespace) &&
  (!c.modes || c.modes.includes(mode)) &&
  (!c.keys || c.keys.test(key));

/** Every compared value of one inventory entry, by a name that is the same on both sides. */
function valuesOf(db: Db, d: InventoryDevice, compared: readonly ComparedSettings[]): Map<string, { kind: string; item: string; value: string }> {
  const out = new Map<string, { kind: string; item: string; value: string }>();
  for (const f of d.firmware) {
    const k = `firmware\u0000${f.component} (${f.state})`;
    const prev = out.get(k);
    out.set(k, { kind: 'firmware', item: `${f.component} (${f.state})`, value: prev && prev.value !== f.version ? `${prev.value}, ${f.version}` : f.version });
  }
  if (!d.keys.length) return out;
  const inKeys = d.keys.map(() => '?').join(',');
  // Read row by row: only the compared settings are kept (a device may carry thousands of others).
  const settings = db
    .prepare(`SELECT device_key, namespace, key, value, mode FROM settings WHERE bundle_id = ? AND device_key IN (${inKeys}) ORDER BY rowid`)
    .iterate(d.bundle, ...d.keys) as IterableIterator<{ device_key: string; namespace: string; key: string; value: string | null; mode: string }>;
  for (const s of settings) {
    const c = compared.find((x) => matches(x, s.namespace, s.key, s.mode));
    if (!c) continue;
    const kind = c.modes && c.modes.length > 1 ? `${c.label} (${s.mode.replace('_', ' ')})` : c.label;
    const item = `${c.namespace.endsWith('*') ? `${s.namespace.slice(c.namespace.length - 1)}.` : ''}${s.key}${s.device_key === d.key ? '' : ` on ${s.device_key}`}`;
    out.set(`${kind}\u0000${item}`, { kind, item, value: s.value ?? '' });
  }
  for (const t of classTables()) {
    for (const v of t.diff?.(db, d.bundle, d.key) ?? []) {
      const k = `${v.kind}\u0000${v.item}`;
      if (!out.has(k)) out.set(k, v);
    }
  }
  return out;
}

const findingId = (f: Finding): string => `${f.rule}\u0000${f.device ?? ''}`;

/** How much of a device's name says what it is, beyond where it is (`0000:63:00.0` alone says nothing). */
function identityLength(d: InventoryDevice): number {
  let rest = d.name;
  for (const where of [d.location.pci, ...d.location.interfaces, ...d.location.dev, ...d.location.other, keyText(d.key)]) if (where) rest = rest.replaceAll(where, '');
  return rest.replace(/[\s—,()]+/g, '').length;
}

/**
 * One readable name per entry of either side, as the report names it (of a device on both sides, B's name unless A's
 * says more of what it is: after an update a ticket may hold only outputs that name the card by its address): where
 * two entries would read alike, each is told by where it is (its PCI address, else the place the report gives), else by its key.
 */
function readableNames(a: Iterable<InventoryDevice>, b: Iterable<InventoryDevice>): Map<string, string> {
  const byKey = new Map<string, InventoryDevice>();
  for (const d of a) byKey.set(d.key, d);
  for (const d of b) {
    const before = byKey.get(d.key);
    if (!before || identityLength(d) >= identityLength(before)) byKey.set(d.key, d);
  }
  const names = new Map([...byKey].map(([k, d]) => [k, d.name]));
  const clashing = (): Set<string> => {
    const count = new Map<string, number>();
    for (const n of names.values()) count.set(n, (count.get(n) ?? 0) + 1);
    return new Set([...names].filter(([, n]) => count.get(n)! > 1).map(([k]) => k));
  };
  const place = (d: InventoryDevice): string => d.location.pci ?? (placeText(d) || keyText(d.key));
  for (const k of clashing()) names.set(k, `${byKey.get(k)!.name} (${place(byKey.get(k)!)})`);
  for (const k of clashing()) names.set(k, `${byKey.get(k)!.name} (${k})`);
  return names;
}

/** A finding with its device called by its entry's readable name. */
function namedFinding(f: Finding, entries: Map<string, InventoryDevice>, names: Map<string, string>): Finding {
  const entry = f.device === null ? undefined : entries.get(f.device);
  return { ...f, deviceName: (entry && names.get(entry.key)) ?? f.deviceName };
}


/** Compares bundle `a` with bundle `b` of one database (A before, B after). */
export function diffBundles(db: Db, a: number, b: number, rules: readonly Rule[], minSeverity: Severity, compared: readonly ComparedSettings[]): Diff {
  const ra = buildReport(db, [a], rules, minSeverity);
  const rb = buildReport(db, [b], rules, minSeverity);
  const ia = new Map(ra.inventory.filter((d) => d.key !== 'host').map((d) => [d.key, d]));
  const ib = new Map(rb.inventory.filter((d) => d.key !== 'host').map((d) => [d.key, d]));
  const names = readableNames(ia.values(), ib.values());
  const brief = (d: InventoryDevice): DiffDevice => ({ key: d.key, name: names.get(d.key)!, at: names.get(d.key) === d.name ? placeText(d) : '', firmware: firmwareSummary(d.firmware) });
  const added = [...ib.values()].filter((d) => !ia.has(d.key)).map(brief);
  const removed = [...ia.values()].filter((d) => !ib.has(d.key)).map(brief);
  const firmware: DiffChange[] = [];
  const settings: DiffChange[] = [];
  for (const [key, da] of ia) {
    const db2 = ib.get(key);
    if (!db2) continue;
    const va = valuesOf(db, da, compared);
    const vb = valuesOf(db, db2, compared);
    for (const k of new Set([...va.keys(), ...vb.keys()])) {
      const x = va.get(k);
      const y = vb.get(k);
      if (x?.value === y?.value) continue;
      const c = { device: key, name: names.get(key)!, kind: (x ?? y)!.kind, item: (x ?? y)!.item, before: x?.value ?? null, after: y?.value ?? null };
      (c.kind === 'firmware' ? firmware : settings).push(c);
    }
  }
  const fa = new Set(ra.findings.map(findingId));
  const fb = new Set(rb.findings.map(findingId));
  const entriesOf = (r: Report): Map<string, InventoryDevice> => new Map(r.inventory.flatMap((d) => d.keys.map((k) => [k, d] as const)));
  const [ea, eb] = [entriesOf(ra), entriesOf(rb)];
  const newFindings = rb.findings.filter((f) => !fa.has(findingId(f))).map((f) => namedFinding(f, eb, names));
  const resolved = ra.findings.filter((f) => !fb.has(findingId(f))).map((f) => namedFinding(f, ea, names));
  return {
    schema: 'fwsnap-diff/1',
    a: side(ra),
    b: side(rb),
    devices: { added, removed },
    firmware,
    settings,
    findings: { new: newFindings, resolved },
    differences: added.length + removed.length + firmware.length + settings.length + newFindings.length + resolved.length,
  };
}
