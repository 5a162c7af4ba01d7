import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { fakehostBundle } from '../analyzer/load/fakehost-bundle.js';
import { REDACTION } from '../../collector/classes/index.js';

type Row = Record<string, unknown>;

/** Columns that legitimately differ: what redaction replaces, and where each bundle lives. */
const HOST_FIELDS = new Set(['path', 'hostname', 'host', 'serial', 'redacted', 'collectedAt', 'generatedAt']);

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !HOST_FIELDS.has(k)).map(([k, x]) => [k, strip(x)]));
  return v;
}

describe('the analyzer on a redacted bundle', () => {
  let dir: string;
  let plain: AnalyzeResult;
  let redacted: AnalyzeResult;
  let cleanup: () => void;
  beforeAll(async () => {
    const b = await fakehostBundle();
    cleanup = b.cleanup;
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-redact-analyze-'));
    const out = join(dir, 'redacted.tar.gz');
    await redactBundle({ catalog: REDACTION, input: b.path, output: out });
    plain = await analyze({ bundles: [b.path] });
    redacted = await analyze({ bundles: [out] });
  }, 120_000);
  afterAll(() => {
    cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same findings, skips and errors', () => {
    expect(plain.report.findings.length).toBeGreaterThan(0);
    expect(strip(redacted.report.findings)).toEqual(strip(plain.report.findings));
    expect(strip(redacted.report.skipped)).toEqual(strip(plain.report.skipped));
    expect(strip(redacted.report.errors)).toEqual(strip(plain.report.errors));
    expect(redacted.report.summary).toEqual(plain.report.summary);
    expect(redacted.report.bundles[0]!.redacted).toBe(true);
    expect(redacted.report.bundles[0]!.hostname).not.toBe(plain.report.bundles[0]!.hostname);
  });

  it('stores the same firmware, devices and rule results, and the same settings except identifiers', () => {
    const rows = (r: AnalyzeResult, sql: string): Row[] => r.db.prepare(sql).all() as Row[];
    for (const sql of [
      'SELECT device_key, component, version, state FROM firmware ORDER BY 1, 2, 3, 4',
      'SELECT device_key, class, pci_address, parent_key, driver, model, vendor_id, device_id FROM devices ORDER BY 1',
      'SELECT rule_id, device_key, result, severity, message FROM rule_results ORDER BY 1, 2',
    ]) {
      const a = rows(plain, sql);
      expect(a.length, sql).toBeGreaterThan(0);
      expect(rows(redacted, sql), sql).toEqual(a);
    }
    const settings = (r: AnalyzeResult): Map<string, unknown> =>
      new Map(rows(r, 'SELECT device_key, namespace, key, mode, value FROM settings').map((x) => [`${x.device_key} ${x.namespace} ${x.key} ${x.mode}`, x.value]));
    const a = settings(plain);
    const b = settings(redacted);
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    expect(differing.length).toBeGreaterThan(0);
    const identifier = /serial|wwid|eui|nguid|uuid|guid|address|\bbase_mac\b|node_desc|subsysnqn|hostname|^net:ens2f0 ethtool\.regs /;
    expect(differing.filter((k) => !identifier.test(k))).toEqual([]);
  });
});
