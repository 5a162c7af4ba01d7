import type { Db } from '../../db/database.js';
import { MLXCONFIG_LABEL_NAMESPACE, MLXCONFIG_NAMESPACE, MNVDA_SPACE_PREFIX } from './names.js';
import { resultsPerBundle, type BuiltinResult, type BuiltinSetResult } from '../../rules/builtin.js';
import { MLXCONFIG_DB, MlxconfigDb } from './config-db.js';
import { bundledVendorData, recordVendorData } from '../../vendor-data/store.js';
import { resolveVendorFile } from '../../vendor-data/vendor-data.js';
import { checkConstraints, enumDifferences, type NvMode, type NvSnapshot } from './constraints.js';
import { familiesOfMajor, fwMajor, MLX_FAMILIES } from './families.js';

const VENDOR = 0x15b3;

interface PciRow { bundle_id: number; device_key: string; device_id: number | null }

/** Mellanox PCI functions of the bundles in `rule_bundles`, by bundle then key. */
function mellanoxFunctions(db: Db): PciRow[] {
  return db
    .prepare(`SELECT d.bundle_id, d.device_key, d.device_id FROM rule_bundles rb CROSS JOIN devices d ON d.bundle_id = rb.bundle_id
      WHERE d.class = 'pci' AND d.vendor_id = ? ORDER BY d.bundle_id, d.device_key`)
    .all(VENDOR) as PciRow[];
}

/** The bundles of `rule_bundles` that hold any mlxconfig value or label: the others have nothing to check. */
function bundlesWithNvConfig(db: Db): number[] {
  return (db
    .prepare(`SELECT DISTINCT s.bundle_id FROM rule_bundles rb CROSS JOIN settings s ON s.bundle_id = rb.bundle_id WHERE s.namespace IN (?, ?) ORDER BY s.bundle_id`)
    .all(MLXCONFIG_NAMESPACE, MLXCONFIG_LABEL_NAMESPACE) as { bundle_id: number }[]).map((r) => r.bundle_id);
}

/** A per-bundle NV configuration check over the bundles of `rule_bundles` that have NV configuration. */
export function nvCheckOverSet(db: Db, check: (bundleId: number) => BuiltinResult[]): BuiltinSetResult[] {
  return resultsPerBundle(bundlesWithNvConfig(db), check);
}

/** The running firmware version of a PCI function from any source that reports it, with its PSID. */
function runningFirmware(db: Db, bundleId: number, bdf: string): { version?: string; psid?: string } {
  const rows = db.prepare(`SELECT f.component, f.version, f.state FROM firmware f JOIN devices d ON d.bundle_id = f.bundle_id AND d.device_key = f.device_key
      WHERE f.bundle_id = ? AND (d.device_key = ? OR d.pci_address = ?) ORDER BY d.device_key = ? DESC, f.rowid`).all(bundleId, bdf, bdf, bdf) as { component: string; version: string; state: string }[];
  const version = rows.find((r) => ['firmware', 'fw', 'fw.version'].includes(r.component) && r.state === 'running')?.version;
  const psid = rows.find((r) => r.component === 'psid' || r.component === 'fw.psid')?.version ?? /\(([^()]+)\)\s*$/.exec(version ?? '')?.[1];
  return { version: version?.replace(/\s*\([^()]*\)\s*$/, ''), psid };
}

/** Firmware major vs PCI device ID: a firmware image of another product family is a wrong or cross-flashed image. */
export function checkFirmwareFamily(db: Db): BuiltinSetResult[] {
  const out: BuiltinSetResult[] = [];
  for (const d of mellanoxFunctions(db)) {
    const family = d.device_id === null ? undefined : MLX_FAMILIES.get(d.device_id);
    if (!family) continue;
    const bundleId = d.bundle_id;
    const { version, psid } = runningFirmware(db, bundleId, d.device_key);
    const major = version === undefined ? undefined : fwMajor(version);
    const psidText = psid ? `PSID ${psid}` : 'PSID unknown';
    const evidence = { deviceId: `15b3:${d.device_id!.toString(16)}`, family: family.name, expectedMajor: family.fwMajor, version, psid };
    if (major === undefined) {
      out.push({ bundleId, deviceKey: d.device_key, result: 'skip', missing: 'running firmware version of the function', message: `${d.device_key} (${family.name}): no firmware version in the bundle`, evidence });
    } else if (major !== family.fwMajor) {
      const other = familiesOfMajor(major);
      out.push({
        bundleId,
        deviceKey: d.device_key,
        result: 'fail',
        evidence,
        message: `${d.device_key} is a ${family.name} (firmware family ${family.fwMajor}) but runs ${version}${other.length ? `, a ${other.join('/')} firmware` : ''} (${psidText})`,
      });
    } else {
      out.push({ bundleId, deviceKey: d.device_key, result: 'pass', evidence, message: `${d.device_key} (${family.name}) runs ${version}, family ${major} as expected (${psidText})` });
    }
  }
  return out;
}

/** mlxconfig values (numeric) and capability TLV images of each PCI function in the bundle. */
export function nvSnapshots(db: Db, bundleId: number): Map<string, NvSnapshot> {
  const snaps = new Map<string, NvSnapshot>();
  const snap = (key: string): NvSnapshot => {
    let s = snaps.get(key);
    if (!s) snaps.set(key, (s = { values: new Map(), capabilities: new Map() }));
    return s;
  };
  const labels = db.prepare(`SELECT device_key, key, value, mode FROM settings WHERE bundle_id = ? AND namespace = ? ORDER BY rowid`).all(bundleId, MLXCONFIG_LABEL_NAMESPACE) as { device_key: string; key: string; value: string | null; mode: NvMode }[];
  for (const r of labels) {
    if (r.value === null) continue;
    const s = snap(r.device_key);
    s.labels ??= new Map();
    s.labels.set(r.key, { ...s.labels.get(r.key), [r.mode]: r.value });
  }
  const settings = db.prepare(`SELECT device_key, key, value, mode FROM settings WHERE bundle_id = ? AND namespace = ? ORDER BY rowid`).all(bundleId, MLXCONFIG_NAMESPACE) as { device_key: string; key: string; value: string | null; mode: NvMode }[];
  for (const r of settings) {
    const s = snap(r.device_key);
    const v = r.value !== null && /^-?\d+$/.test(r.value) ? Number(r.value) : undefined;
    if (v === undefined) continue;
    const cur = s.values.get(r.key) ?? {};
    cur[r.mode] = v;
    s.values.set(r.key, cur);
  }
  // Each TLV's image is stored as blobs of big-endian words at their offsets (register_dumps).
  const dumps = db.prepare(`SELECT device_key, space, offset, data FROM register_dumps WHERE bundle_id = ? AND space LIKE ? ORDER BY rowid`).all(bundleId, `${MNVDA_SPACE_PREFIX}%`) as { device_key: string; space: string; offset: number; data: Buffer }[];
  const images = new Map<string, Map<string, { offset: number; data: Buffer }[]>>();
  for (const r of dumps) {
    if (!snaps.has(r.device_key)) continue;
    const perDev = images.get(r.device_key) ?? new Map<string, { offset: number; data: Buffer }[]>();
    images.set(r.device_key, perDev);
    const tlv = r.space.slice(MNVDA_SPACE_PREFIX.length);
    perDev.set(tlv, [...(perDev.get(tlv) ?? []), { offset: r.offset, data: r.data }]);
  }
  for (const [key, perDev] of images) {
    for (const [tlv, parts] of perDev) {
      const buf = Buffer.alloc(Math.max(...parts.map((p) => p.offset + p.data.length)));
      for (const p of parts) p.data.copy(buf, p.offset);
      snap(key).capabilities.set(tlv, buf);
    }
  }
  return snaps;
}

const dbBySha = new Map<string, MlxconfigDb>();

/** The mlxconfig database for a bundle: --mlxconfig-db, else the host's copy the bundle carried, else this machine's; recorded as vendor data. */
function configDbFor(db: Db, bundleId: number, option: string | undefined): MlxconfigDb | { missing: string; message: string } {
  const bundled = option ? undefined : bundledVendorData(db, bundleId, MLXCONFIG_DB.name);
  const { use, data } = resolveVendorFile(MLXCONFIG_DB, { option, bundle: (n) => (bundled?.path === n ? bundled.data : undefined) });
  let cfg: MlxconfigDb | undefined;
  if (data && use.sha256) {
    try {
      cfg = dbBySha.get(use.sha256) ?? MlxconfigDb.fromBuffer(data, use.path!);
      dbBySha.set(use.sha256, cfg);
    } catch (e) {
      Object.assign(use, { origin: null, note: `${use.path} is unusable (${(e as Error).message})` });
    }
  }
  if (!cfg) use.note = `${use.note}; the NV configuration was not checked against the vendor's constraints — install mstflint, pass --mlxconfig-db, or collect on a host that has it`;
  recordVendorData(db, bundleId, { ...use, data: use.origin === 'bundle' ? data : null });
  return cfg ?? { missing: `mlxconfig database (install mstflint or pass --mlxconfig-db)`, message: use.note ?? 'no mlxconfig database' };
}

/** A list as a person reads it in a report line: its first names, and how many more (the evidence keeps them all). */
function firstOf(names: readonly string[], shown = 4): string {
  return names.length <= shown + 1 ? names.join(', ') : `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

/**
 * Why constraints were not checked, in one readable line: the capability fields a query pasted or saved never carries
 * (the MNVDA registers, read only on the host) are counted apart from the values the output did not print.
 */
function skipMessage(constraints: number, params: readonly string[], missing: readonly string[]): string {
  const caps = missing.filter((m) => m.startsWith('capability '));
  const values = missing.filter((m) => !m.startsWith('capability '));
  const lacks = [
    ...(caps.length ? [`${caps.length} capability field(s) of the device (${firstOf(caps.map((c) => c.slice('capability '.length)), 2)}), which only a collection on the host reads from its registers`] : []),
    ...(values.length ? [firstOf(values)] : []),
  ];
  return `${constraints} constraint(s) of ${params.length} setting(s) (${firstOf(params)}) not checked: the bundle lacks ${lacks.join('; and ')}`;
}

/** The vendor's own constraints (mlxconfig host DB) on each function's current and next-boot values. */
export function checkNvConstraints(db: Db, bundleId: number, options: Record<string, string | undefined>): BuiltinResult[] {
  const snaps = nvSnapshots(db, bundleId);
  if (snaps.size === 0) return [];
  const cfg = configDbFor(db, bundleId, options.mlxconfigDb);
  if (!(cfg instanceof MlxconfigDb)) return [...snaps.keys()].map((deviceKey) => ({ deviceKey, result: 'skip' as const, missing: cfg.missing, message: cfg.message }));
  const path = cfg.path;
  const out: BuiltinResult[] = [];
  for (const [deviceKey, snap] of snaps) {
    const found = checkConstraints(cfg, snap);
    const fails = found.filter((f) => f.result === 'fail');
    for (const f of fails) {
      out.push({ deviceKey, result: 'fail', message: f.message, evidence: { kind: f.kind, mode: f.mode, params: f.params, expression: f.expression, inputs: f.inputs, database: path } });
    }
    const skips = found.filter((f) => f.result === 'skip');
    const missing = [...new Set(skips.flatMap((f) => f.missing ?? []))];
    if (skips.length) out.push({ deviceKey, result: 'skip', missing: missing.join(', '), message: skipMessage(skips.length, [...new Set(skips.flatMap((f) => f.params))], missing) });
    if (!fails.length && !skips.length) out.push({ deviceKey, result: 'pass', message: `${deviceKey}: every printed setting meets the vendor constraints` });
  }
  return out;
}

/** Where the device's tool and the mlxconfig database give one value name different numbers (informational: the device is trusted). */
export function checkNvDatabaseDiffers(db: Db, bundleId: number, options: Record<string, string | undefined>): BuiltinResult[] {
  const snaps = nvSnapshots(db, bundleId);
  if (![...snaps.values()].some((s) => s.labels?.size)) return [];
  const cfg = configDbFor(db, bundleId, options.mlxconfigDb);
  if (!(cfg instanceof MlxconfigDb)) return [...snaps.keys()].map((deviceKey) => ({ deviceKey, result: 'skip' as const, missing: cfg.missing, message: cfg.message }));
  const path = cfg.path;
  const out: BuiltinResult[] = [];
  for (const [deviceKey, snap] of snaps) {
    if (!snap.labels?.size) continue;
    const diffs = enumDifferences(cfg, snap);
    if (diffs.length === 0) {
      out.push({ deviceKey, result: 'pass', message: `${deviceKey}: every value name the tool printed has the same number in the mlxconfig database` });
      continue;
    }
    const text = diffs.map((d) => `${d.param} ${d.mode === 'current' ? 'current' : 'next boot'} ${d.printed.label}(${d.printed.number}) — the database ${d.database === undefined ? `has no ${d.printed.label} (${d.known})` : `gives ${d.printed.label} the number ${d.database}`}`);
    out.push({ deviceKey, result: 'fail', message: text.join('; '), evidence: { differences: diffs, database: path } });
  }
  return out;
}
