import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import { vendorDataOf } from '../vendor-data/store.js';
import type { VendorDataUse } from '../vendor-data/vendor-data.js';
import { SEVERITIES, type Rule, type Severity } from '../rules/types.js';
import { CLASSES } from '../classes/index.js';
import type { DeviceInventoryRole } from '../load/types.js';
import { buildInventory, savedNamesOf, type InventoryDevice } from './inventory.js';
import { hexPciIds } from './ids.js';
import { classRemediation } from './class-remediation.js';
import { fillPlaceholders } from './placeholders.js';
import { orderProblems, type ReportProblem } from './problems.js';
import { reportSources, savedOutputsOf } from './saved-outputs.js';

/** The JSON report (`--format json`); its shape is documented in docs/report-format.md and versioned by `schema`. */
export interface Report {
  schema: 'fwsnap-report/2';
  generatedAt: string;
  minSeverity: Severity;
  /** What the reader must know before the findings: vendor data an analysis had to run without. */
  notices: string[];
  bundles: ReportBundle[];
  /** Every device with its location, driver, firmware and its findings grouped by cause (docs/report-format.md). */
  inventory: InventoryDevice[];
  findings: Finding[];
  skipped: SkipEntry[];
  errors: SkipEntry[];
  summary: { findings: Record<Severity, number>; passed: number; skipped: number; errors: number; rules: number; belowThreshold: number };
}

export interface ReportBundle {
  id: number;
  path: string;
  hostname: string | null;
  kernelRelease: string | null;
  collectedAt: string | null;
  toolVersion: string | null;
  complete: boolean;
  redacted: boolean;
  /** The bundle's identity: sha256 of its manifest (null for bundles loaded before fwsnap recorded it). */
  manifestSha256: string | null;
  devices: number;
  sources: { name: string; status: string; reason: string | null }[];
  /**
   * A bundle of saved tool outputs (`collect --root` of a tree holding no host's own files, only outputs under
   * `cmd/`, `ioctl/`): how many outputs were read, by tool, and how many files no class read. Null for a bundle that
   * read a host (live, a captured host tree, an imported report).
   */
  savedOutputs: SavedOutputs | null;
  /** Problems first, notes about how outputs were pasted (`paste: true`) last (analyzer/report/problems.ts). */
  problems: ReportProblem[];
  /** The vendor data (pci.ids, mstflint databases) the analysis used, or needed and lacked (origin null). */
  vendorData: VendorDataUse[];
}

export interface SavedOutputs {
  read: number;
  /** Outputs read by tool (`devlink: 2`), tools in name order. */
  tools: Record<string, number>;
  /** Files of the tree no class read (kept under `unread/`). */
  unread: number;
}

export interface Finding {
  bundle: number;
  host: string | null;
  rule: string;
  title: string;
  severity: Severity;
  device: string | null;
  deviceName: string | null;
  message: string;
  evidence: Record<string, unknown> | null;
  remediation: string;
  references: string[];
}

export interface SkipEntry {
  bundle: number;
  rule: string;
  device: string | null;
  reason: string;
}

const ORIGIN_TEXT: Record<string, string> = {
  bundle: 'captured from the host (in the bundle)',
  option: 'given on the command line',
  release: 'pinned with this fwsnap release',
  'analysing-machine': "this analysing machine's file",
};

/** `pci.ids 2024.01.20 (this analysing machine's file /usr/share/misc/pci.ids, sha256 …)` */
export function describeVendorData(v: VendorDataUse): string {
  if (v.origin === null) return `${v.name}: missing — ${v.note ?? 'not found'}`;
  return `${v.name}${v.version ? ` ${v.version}` : ''} (${ORIGIN_TEXT[v.origin] ?? v.origin} ${v.path ?? ''}, sha256 ${v.sha256 ?? '?'})${v.note ? `; ${v.note}` : ''}`;
}

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

const ROLES: ReadonlyMap<string, DeviceInventoryRole> = new Map(CLASSES.flatMap((c) => Object.entries(c.inventory ?? {})));

interface PlaceholderDevice {
  class: string;
  pci_address: string | null;
}

interface ResultRow {
  bundle_id: number;
  rule_id: string;
  device_key: string | null;
  result: string;
  severity: Severity;
  message: string | null;
  evidence: string | null;
  missing: string | null;
  hostname: string | null;
  device_name: string | null;
}

const RESULT_ROWS = `SELECT r.*, b.hostname, TRIM(COALESCE(d.vendor_name, '') || ' ' || COALESCE(d.device_name, d.model, '')) AS device_name
      FROM rule_results r JOIN bundles b ON b.id = r.bundle_id
      LEFT JOIN devices d ON d.bundle_id = r.bundle_id AND d.device_key = r.device_key`;

/** A failed rule result as the report shows it. */
export function findingOf(db: Db, r: ResultRow, rule: Rule | undefined): Finding {
  const deviceRows = cachedStatement(db, `SELECT class, pci_address FROM devices WHERE bundle_id = ? AND device_key = ?`);
  return {
    bundle: r.bundle_id, host: r.hostname, rule: r.rule_id, title: rule?.title ?? r.rule_id, severity: r.severity, device: r.device_key,
    deviceName: r.device_name || null, message: r.message ?? '', evidence: r.evidence ? hexPciIds(JSON.parse(r.evidence) as Record<string, unknown>) : null,
    remediation: fillPlaceholders(classRemediation(db, r.rule_id, r.bundle_id, r.device_key) ?? rule?.remediation ?? '', r.device_key, deviceRows.get(r.bundle_id, r.device_key) as PlaceholderDevice | undefined, ROLES),
    references: rule?.references ?? [],
  };
}

/**
 * A finding's message without the `<device key>: ` many rules open it with, for a line that already names the device
 * (`of`: only when the finding is on that device itself, not one of the entry's interfaces or views).
 */
export const messageAfterDevice = (f: Pick<Finding, 'device' | 'message'>, of: string | null = f.device): string =>
  f.device !== null && f.device === of && f.message.startsWith(`${f.device}: `) ? f.message.slice(f.device.length + 2) : f.message;

/** The order findings are listed in: most severe first, then by rule, then by device. */
export const findingOrder = (a: Finding, b: Finding): number =>
  severityRank(a.severity) - severityRank(b.severity) || a.rule.localeCompare(b.rule) || (a.device ?? '').localeCompare(b.device ?? '');

/**
 * The failed results of `ruleId` at `severity` over the bundles listed in temp table `report_bundles`, in report
 * order (the caller fills the table; analyzer/report/stream.ts): what buildReport lists of them, without the rest.
 */
export function findingsOfRule(db: Db, ruleId: string, severity: Severity, rule: Rule | undefined): Finding[] {
  const rows = cachedStatement(db, `${RESULT_ROWS}
      WHERE r.bundle_id IN (SELECT id FROM temp.report_bundles) AND r.result = 'fail' AND r.rule_id = ? AND r.severity = ? ORDER BY r.bundle_id, r.rowid`).all(ruleId, severity) as ResultRow[];
  return rows.map((r) => findingOf(db, r, rule)).sort(findingOrder);
}

export function buildReport(db: Db, bundleIds: number[], rules: readonly Rule[], minSeverity: Severity): Report {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const bundles: ReportBundle[] = bundleIds.map((id) => {
    const b = cachedStatement(db, `SELECT * FROM bundles WHERE id = ?`).get(id) as Record<string, unknown>;
    const saved = savedOutputsOf(db, id);
    return {
      id,
      path: b.path as string,
      hostname: (b.hostname as string | null) ?? null,
      kernelRelease: (b.kernel_release as string | null) ?? null,
      collectedAt: (b.collected_at as string | null) ?? null,
      toolVersion: (b.tool_version as string | null) ?? null,
      complete: b.complete === 1,
      redacted: b.redacted === 1,
      manifestSha256: (b.manifest_sha256 as string | null) ?? null,
      devices: (cachedStatement(db, `SELECT COUNT(*) AS n FROM devices WHERE bundle_id = ?`).get(id) as { n: number }).n,
      sources: reportSources(cachedStatement(db, `SELECT name, status, reason FROM sources WHERE bundle_id = ? ORDER BY rowid`).all(id) as ReportBundle['sources'], saved !== null),
      savedOutputs: saved,
      problems: orderProblems(
        cachedStatement(db, `SELECT stage, target, code, message FROM collection_issues WHERE bundle_id = ? AND stage IN ('bundle', 'analyze') ORDER BY rowid`)
          .all(id) as Omit<ReportProblem, 'paste' | 'savedAs'>[],
        savedNamesOf(db, id),
      ),
      vendorData: vendorDataOf(db, id),
    };
  });
  const notices = bundles.flatMap((b) =>
    b.vendorData.filter((v) => v.origin === null).map((v) => `${b.hostname ?? b.path}: analysed without ${v.name}, needed for ${v.usedFor}: ${v.note ?? 'not found'}`),
  );
  const where = bundleIds.length === 1 ? 'r.bundle_id = ?' : `r.bundle_id IN (${bundleIds.map(() => '?').join(',') || 'NULL'})`;
  const sql = `${RESULT_ROWS}
      WHERE ${where} ORDER BY r.bundle_id, r.rowid`;
  const rows = (bundleIds.length === 1 ? cachedStatement(db, sql) : db.prepare(sql)).all(...bundleIds) as ResultRow[];
  const findings: Finding[] = [];
  const skipped: SkipEntry[] = [];
  const errors: SkipEntry[] = [];
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let passed = 0;
  let below = 0;
  for (const r of rows) {
    const rule = byId.get(r.rule_id);
    if (r.result === 'pass') passed++;
    else if (r.result === 'skip') skipped.push({ bundle: r.bundle_id, rule: r.rule_id, device: r.device_key, reason: r.message ?? `missing ${r.missing}` });
    else if (r.result === 'error') errors.push({ bundle: r.bundle_id, rule: r.rule_id, device: r.device_key, reason: r.message ?? 'error' });
    else if (severityRank(r.severity) > severityRank(minSeverity)) below++;
    else {
      counts[r.severity]++;
      findings.push(findingOf(db, r, rule));
    }
  }
  findings.sort(findingOrder);
  const inventory = buildInventory(db, bundleIds, findings, rules, ROLES, new Set(bundles.filter((b) => b.savedOutputs).map((b) => b.id)));
  // A device with no bus or model name of its own (an interface, a function lspci named by address) is called as its entry is.
  const entryName = new Map(inventory.flatMap((e) => e.keys.map((k) => [`${e.bundle}\u0000${k}`, e.name] as const)));
  for (const f of findings) if (f.deviceName === null && f.device !== null) f.deviceName = entryName.get(`${f.bundle}\u0000${f.device}`) ?? null;
  return {
    schema: 'fwsnap-report/2',
    generatedAt: new Date().toISOString(),
    minSeverity,
    notices,
    bundles,
    inventory,
    findings,
    skipped,
    errors,
    summary: { findings: counts, passed, skipped: skipped.length, errors: errors.length, rules: rules.length, belowThreshold: below },
  };
}
