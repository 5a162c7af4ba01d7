import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import type { Rule } from '../../analyzer/rules/types.js';
import { collect } from '../../collector/collect.js';
import { replayedFromSaved } from './replayed-from.js';

/**
 * A real tool output from a public source with its provenance file (`<name>.provenance.yaml` beside
 * `<name>.txt|.json`): where it was published, the name a person would save it under in a captured tree,
 * and the truth a person reads off it.
 */
export interface RealSample {
  name: string;
  file: string;
  provenance: Provenance;
}

export interface Provenance {
  tool: string;
  format: 'text' | 'json';
  command: string;
  saved_as: string;
  source: Record<string, unknown>;
  licence: string;
  copied: string;
  truth: Truth;
}

export interface Truth {
  /** The device class the sample's drive loads as (a registered class's name). */
  class: string;
  model?: string;
  serial?: string;
  serial_redacted?: boolean;
  firmware?: string;
  vid?: number;
  /** null: the output states no version (NVMe VER 0), so none may be stored. */
  version?: string | null;
  frmw?: number;
  firmware_slots?: number;
  slot1_read_only?: boolean;
  activation_without_reset?: boolean;
  npss?: number;
  apsta?: number;
  power_states?: string[];
  afi?: number;
  active_slot?: number;
  next_reset_slot?: number | null;
  slots?: Record<string, string>;
  pending?: string | null;
  smart_health?: string;
  interface?: string;
  sata_version?: string;
  /** The drive database's warning smartctl printed (`==> WARNING: …`), its lines joined. */
  warning?: string;
  /** Part of the reason the output is not read as data (the output itself shows it holds none of the device's); parsed when absent. */
  parse_error?: string;
  /** How many lines were recorded as unread (PARSE-LINE issues); unchecked when absent. */
  line_issues?: number;
  /** nvme smart-log values as stored (namespace nvme.smart), by key. */
  smart?: Record<string, number | string | null>;
  /** The world wide name smartctl printed, as lower-case hex (setting smartctl.wwn). */
  wwn?: string;
  /** Other settings as stored, by `<namespace>/<key>` (hdparm -I's decoded IDENTIFY). */
  settings?: Record<string, number | string | boolean>;
  /** Rules that rightly raise a high or critical finding on this sample (a failed SMART health); any other is a false alarm. */
  alarms?: string[];
  /** The libata quirk rules (ata.libata-quirk.*) that fail on this sample, at any severity; unchecked when absent. */
  libata_findings?: string[];
}

/**
 * Every sample under a corpus directory (recursively), found by its provenance file; `anyCorpus`: a provenance file
 * with no .txt or .json beside it (another corpus's: a CSV drive list, a binary dump) is passed over, not refused.
 */
export function realSamples(dir: string, anyCorpus = false): RealSample[] {
  const out: RealSample[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.provenance.yaml')) {
        const stem = p.slice(0, -'.provenance.yaml'.length);
        const file = [`${stem}.txt`, `${stem}.json`].find((f) => existsSync(f));
        if (!file && anyCorpus) continue;
        if (!file) throw new Error(`${p}: no ${stem}.txt or .json beside it`);
        out.push({ name: stem.slice(dir.length + 1), file, provenance: parse(readFileSync(p, 'utf8')) as Provenance });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface Replayed {
  db: Db;
  bundleId: number;
  artifact: string;
  bundle: string;
}

/**
 * Replays a sample as a user would: saved into a fresh tree under its `saved_as` name, collected with
 * `collect --root` (the sources of `only`), the bundle loaded into SQLite with every loader.
 */
export async function replaySample(s: RealSample, tmp: string, only: string[]): Promise<Replayed> {
  const tree = join(tmp, 'tree');
  mkdirSync(dirname(join(tree, s.provenance.saved_as)), { recursive: true });
  writeFileSync(join(tree, s.provenance.saved_as), readFileSync(s.file));
  const out = join(tmp, 'bundle.tar.gz');
  const r = await collect({ output: out, root: tree, only, isolation: 'inline' });
  const art = r.manifest.artifacts.find((a) => replayedFromSaved(a, s.provenance.saved_as) && a.origin.kind === 'cmd' && a.origin.stream === 'stdout');
  expect(art, `${s.provenance.saved_as} reached the bundle (issues: ${JSON.stringify(r.manifest.issues)})`).toBeDefined();
  const db = openDatabase(':memory:');
  const { bundleId } = await loadBundle(db, out);
  return { db, bundleId, artifact: art!.name, bundle: out };
}

let shippedRules: readonly Rule[] | undefined;

/**
 * Runs the shipped rules over the replayed bundle: every high or critical finding must be one the sample's
 * truth names (`alarms`), and each one named must be raised (issue 11: no false alarm on real input).
 */
export function assertNoFalseAlarm(s: RealSample, r: Replayed): void {
  shippedRules ??= loadRules(defaultRulesDir());
  const failed = runRules(r.db, r.bundleId, shippedRules).filter((o) => o.result === 'fail');
  const raised = failed.filter((o) => o.severity === 'high' || o.severity === 'critical');
  expect([...new Set(raised.map((o) => o.ruleId))].sort(), 'high or critical findings').toEqual([...(s.provenance.truth.alarms ?? [])].sort());
  const quirks = s.provenance.truth.libata_findings;
  if (quirks !== undefined) {
    const found = new Set(failed.map((o) => o.ruleId).filter((id) => id.startsWith('ata.libata-quirk.')));
    expect([...found].sort(), 'libata quirk findings').toEqual([...quirks].sort());
  }
}

const all = (db: Db, sql: string, ...args: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...args) as Record<string, unknown>[];
const bool = (b: boolean): string => (b ? '1' : '0');

/** Asserts every truth the provenance states against the rows; returns the device key it found. */
export function assertTruth(s: RealSample, r: Replayed): string {
  const t = s.provenance.truth;
  const { db, artifact } = r;
  const parseError = all(db, `SELECT parse_error FROM artifacts WHERE name = ?`, artifact)[0]?.parse_error;
  if (t.parse_error !== undefined) expect(String(parseError), `${artifact} not read, and why`).toContain(t.parse_error);
  else expect(parseError, `${artifact} parsed`).toBeNull();
  const devices = all(db, `SELECT device_key, class, model, serial FROM devices WHERE class = ?`, t.class);
  expect(devices, `one ${t.class} device`).toHaveLength(1);
  const dev = devices[0]!;
  const key = dev.device_key as string;
  const setting = (ns: string, k: string): unknown => all(db, `SELECT value FROM settings WHERE device_key = ? AND namespace = ? AND key = ?`, key, ns, k)[0]?.value;
  const fw = (state: string): unknown[] => all(db, `SELECT version FROM firmware WHERE device_key = ? AND component = 'firmware' AND state = ?`, key, state).map((x) => x.version);
  if (t.model !== undefined) expect(dev.model, 'model').toBe(t.model);
  if (t.serial !== undefined) expect(dev.serial, 'serial').toBe(t.serial);
  if (t.firmware !== undefined) expect(fw('running'), 'running firmware').toEqual([t.firmware]);
  if (t.vid !== undefined) expect(all(db, `SELECT vendor_id FROM devices WHERE device_key = ?`, key)[0]?.vendor_id, 'vendor id').toBe(t.vid);
  const ns = s.provenance.tool === 'smartctl' ? 'smartctl' : 'nvme.id-ctrl';
  if (t.frmw !== undefined) expect(setting(ns, 'frmw'), 'frmw').toBe(String(t.frmw));
  if (t.firmware_slots !== undefined) expect(setting(ns, 'firmware_slots'), 'firmware slots').toBe(String(t.firmware_slots));
  if (t.slot1_read_only !== undefined) expect(setting(ns, 'slot1_read_only'), 'slot 1 read-only').toBe(bool(t.slot1_read_only));
  if (t.activation_without_reset !== undefined) expect(setting(ns, 'activation_without_reset'), 'activation without reset').toBe(bool(t.activation_without_reset));
  if (t.version !== undefined) expect(setting('nvme.id-ctrl', 'version') ?? null, 'NVMe version').toBe(t.version);
  if (t.npss !== undefined) expect(setting('nvme.id-ctrl', 'power_states'), 'power state count').toBe(String(t.npss + 1));
  if (t.apsta !== undefined) expect(setting('nvme.id-ctrl', 'apst_supported'), 'APSTA').toBe(bool((t.apsta & 1) === 1));
  if (t.power_states !== undefined) {
    expect(all(db, `SELECT key FROM settings WHERE device_key = ? AND namespace = 'nvme.power-state' ORDER BY key`, key).map((x) => x.key), 'power states').toEqual(t.power_states);
  }
  if (t.active_slot !== undefined) expect(setting('nvme.fw-log', 'active_slot'), 'active slot').toBe(String(t.active_slot));
  if (t.next_reset_slot !== undefined) expect(setting('nvme.fw-log', 'next_reset_slot') ?? null, 'next reset slot').toBe(t.next_reset_slot === null ? null : String(t.next_reset_slot));
  if (t.slots !== undefined) {
    const got = Object.fromEntries(all(db, `SELECT state, version FROM firmware WHERE device_key = ? AND state LIKE 'slot-%'`, key).map((x) => [String(x.state).slice(5), x.version]));
    expect(got, 'slots').toEqual(Object.fromEntries(Object.entries(t.slots).map(([k, v]) => [String(k), v])));
  }
  if (t.pending !== undefined) expect(fw('pending'), 'pending firmware').toEqual(t.pending === null ? [] : [t.pending]);
  if (t.smart_health !== undefined) expect(setting('smartctl', 'health'), 'SMART health').toBe(t.smart_health);
  if (t.interface !== undefined && s.provenance.tool === 'smartctl') expect(setting('smartctl', 'protocol'), 'interface').toBe(t.interface);
  if (t.sata_version !== undefined) expect(setting('smartctl', 'sata_version'), 'SATA version').toBe(t.sata_version);
  if (t.warning !== undefined) expect(setting('smartctl', 'warning'), 'drive database warning').toBe(t.warning);
  for (const [k, v] of Object.entries(t.smart ?? {})) expect(setting('nvme.smart', k), `smart-log ${k}`).toBe(v === null ? null : String(v));
  if (t.wwn !== undefined) expect(setting('smartctl', 'wwn'), 'world wide name').toBe(t.wwn);
  for (const [k, v] of Object.entries(t.settings ?? {})) {
    const at = k.indexOf('/');
    expect(setting(k.slice(0, at), k.slice(at + 1)), `setting ${k}`).toBe(typeof v === 'boolean' ? bool(v) : String(v));
  }
  if (t.line_issues !== undefined) expect(all(db, `SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).map((x) => x.message), 'unread lines').toHaveLength(t.line_issues);
  return key;
}
