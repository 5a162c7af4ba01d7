import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';

function fakeBundle(): string {
  const out = join(tempDir(), 'fake.tar.gz');
  const r = fwsnap(['collect', '--root', FAKEHOST, '-o', out]);
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe('fwsnap analyze', () => {
  beforeAll(ensureBuilt);

  it('reports the fake host in JSON with a stable schema, and exits 1 for findings', () => {
    const r = fwsnap(['analyze', fakeBundle(), '--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.schema).toBe('fwsnap-report/2');
    expect(report.bundles).toHaveLength(1);
    expect(report.bundles[0]).toMatchObject({ hostname: 'fakehost', complete: true });
    for (const f of report.findings) {
      expect(f).toEqual(expect.objectContaining({ rule: expect.any(String), severity: expect.any(String), message: expect.any(String), remediation: expect.any(String) }));
      expect(f.references.length).toBeGreaterThan(0);
      expect(f.message).not.toMatch(/\{[^}]*\?\}/);
    }
  });

  it('honours --min-severity in the report and the exit status', () => {
    const bundle = fakeBundle();
    const all = JSON.parse(fwsnap(['analyze', bundle, '--format', 'json']).stdout) as Report;
    const r = fwsnap(['analyze', bundle, '--format', 'json', '--min-severity', 'critical']);
    const crit = JSON.parse(r.stdout) as Report;
    expect(crit.findings.every((f) => f.severity === 'critical')).toBe(true);
    expect(crit.summary.belowThreshold).toBe(all.findings.length - crit.findings.length + all.summary.belowThreshold);
    expect(r.status).toBe(crit.findings.length ? 1 : 0);
  });

  it('renders text with findings per device and Markdown ready for a ticket', () => {
    const bundle = fakeBundle();
    const text = fwsnap(['analyze', bundle]).stdout;
    expect(text).toMatch(/^fakehost: \d+ problem\(s\) on \d+ of \d+ inventory entries \(\d+ devices\)/);
    expect(text).toMatch(/^Bundle .*fake\.tar\.gz\n  host fakehost/m);
    expect(text).toMatch(/^INVENTORY: \d+ entries \(\d+ devices\)$/m);
    expect(text).toMatch(/^    (HIGH|MEDIUM) \[/m);
    expect(text).toMatch(/^      fix: /m);
    expect(text).toMatch(/^      ref: /m);
    const md = fwsnap(['analyze', bundle, '--format', 'markdown']).stdout;
    expect(md).toContain('## fwsnap report');
    expect(md).toContain('| device | location | driver | firmware | findings |');
  });

  it('keeps many bundles in one database', () => {
    const dir = tempDir();
    const a = fakeBundle();
    const b = fakeBundle();
    const db = join(dir, 'fleet.db');
    fwsnap(['analyze', a, b, '--db', db, '--format', 'json']);
    const conn = new Database(db, { readonly: true });
    expect((conn.prepare('SELECT COUNT(*) AS n FROM bundles').get() as { n: number }).n).toBe(2);
    const per = conn.prepare('SELECT bundle_id, COUNT(*) AS n FROM rule_results GROUP BY bundle_id').all() as { n: number }[];
    expect(per).toHaveLength(2);
    expect(per[0]!.n).toBe(per[1]!.n);
    conn.close();
  });

  it('exits 2 for unusable input and names it', () => {
    const r = fwsnap(['analyze', join(tempDir(), 'nope.tar.gz')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.tar.gz');
  });
});

describe('fwsnap query', () => {
  beforeAll(ensureBuilt);

  it('answers SQL over a bundle, as JSON and CSV', () => {
    const bundle = fakeBundle();
    const r = fwsnap(['query', bundle, "SELECT device_key, driver FROM devices WHERE class = 'pci' AND driver = 'mlx5_core' ORDER BY device_key", '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ device_key: '0000:3b:00.0', driver: 'mlx5_core' }, { device_key: '0000:3b:00.1', driver: 'mlx5_core' }]);
    const csv = fwsnap(['query', bundle, "SELECT component, version FROM firmware WHERE device_key = 'nvme:nvme0' AND state = 'running'", '--format', 'csv']);
    expect(csv.stdout).toBe('component,version\nfirmware,GDC5602Q\n');
  });

  it('holds the kernel log, with the PCI function each driver message names', () => {
    const r = fwsnap(['query', fakeBundle(), "SELECT device_key, level FROM kernel_log WHERE text LIKE 'ahci %AHCI%'", '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ device_key: '0000:00:17.0', level: 6 }]);
  });

  it('refuses writes, on a bundle and on a database file', () => {
    const bundle = fakeBundle();
    const del = fwsnap(['query', bundle, 'DELETE FROM devices']);
    expect(del.status).toBe(2);
    expect(del.stderr).toMatch(/read-only|only statements that return rows/);
    const db = join(tempDir(), 'x.db');
    fwsnap(['analyze', bundle, '--db', db]);
    const ins = fwsnap(['query', db, "INSERT INTO meta VALUES ('a', 'b') RETURNING key"]);
    expect(ins.status).toBe(2);
    expect(ins.stderr).toMatch(/readonly|read-only/i);
    expect(JSON.parse(fwsnap(['query', db, 'SELECT COUNT(*) AS n FROM meta', '--format', 'json']).stdout)).toEqual([{ n: 1 }]);
  });
});

describe('fwsnap check', () => {
  beforeAll(ensureBuilt);

  it('collects this host, analyzes it and reports, keeping the bundle only when asked', () => {
    const dir = tempDir();
    const r = fwsnap(['check', '--format', 'json', '-o', join(dir, 'host.tar.gz')]);
    expect([0, 1], r.stderr).toContain(r.status);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.bundles[0]!.hostname).toBe(hostname());
    expect(report.bundles[0]!.devices).toBeGreaterThan(0);
    expect(report.errors).toEqual([]);
    expect(r.stderr).toMatch(/^devices: .*pci \d+/m);
    expect(fwsnap(['verify', join(dir, 'host.tar.gz')]).status).toBe(0);
  });
});
