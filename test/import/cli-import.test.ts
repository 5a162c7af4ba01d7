import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { packReport, sosMarkers, writeReport } from './report-builder.js';

// A real ethtool -i output (a copy of the nic class's sample, with its provenance).
const ETHTOOL = new URL('./fixtures/mlx5-cx4lx-ethq8.txt', import.meta.url).pathname;
const TOP = 'sosreport-host-2026-12-01-abcdefg';

function report(dir: string): string {
  writeReport(dir, TOP, {
    ...sosMarkers('4.12'),
    'sos_commands/networking/ethtool_-i_p3p1': readFileSync(ETHTOOL),
    'sos_commands/networking/ethtool_-S_p3p1': 'NIC statistics:\n',
  });
  return packReport(dir, TOP, 'gzip', join(dir, `${TOP}.tar.gz`));
}

describe('fwsnap import and analyze REPORT', () => {
  it('writes a bundle that verifies, names what it did not map, and analyze takes the report directly', async () => {
    const dir = tempDir();
    const archive = report(dir);
    const imp = await runCli(['import', archive, '-o', join(dir, 'b.tar.gz')]);
    expect(imp.status, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('report: sosreport 4.12.0');
    expect(imp.stdout).toContain('sos_commands/networking/ethtool_-S_p3p1');
    expect((await runCli(['verify', join(dir, 'b.tar.gz')])).status).toBe(0);
    const again = await runCli(['import', archive, '-o', join(dir, 'b.tar.gz')]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);

    const an = await runCli(['analyze', archive, '--format', 'json', '--min-severity', 'info']);
    expect(an.stderr).toMatch(/is a sosreport 4\.12\.0: imported/);
    expect(an.status === 0 || an.status === 1, an.stderr).toBe(true);
    const json = JSON.parse(an.stdout) as { devices: { key: string }[] };
    expect(JSON.stringify(json)).toContain('14.23.1020');
    // The temporary bundle is gone when analyze ends: the report names the report it came from.
    expect((JSON.parse(an.stdout) as { bundles: { path: string }[] }).bundles[0]!.path).toBe(`${archive} (imported)`);
    expect(an.stdout).not.toContain('fwsnap-analyze-');
  });

  it('diff and fleet take reports as analyze does: each imported, named as the report, nothing left in TMPDIR', async () => {
    const dir = tempDir();
    const archive = report(dir);
    const extracted = join(dir, TOP);
    const tmp = tempDir();
    const env = { ...process.env, TMPDIR: tmp };
    const d = await runCli(['diff', extracted, archive, '--format', 'json'], { env });
    expect(d.status, d.stderr).toBe(0);
    expect(d.stderr).toMatch(/is a sosreport 4\.12\.0: imported/);
    expect(d.stdout).toContain(`${TOP} (imported)`);
    const f = await runCli(['fleet', extracted, archive, '--format', 'json'], { env });
    expect(f.status === 0 || f.status === 1, f.stderr).toBe(true);
    expect(f.stdout).toContain('14.23.1020');
    expect(readdirSync(tmp).filter((n) => n.startsWith('fwsnap-'))).toEqual([]);
    const missing = await runCli(['fleet', extracted, join(dir, 'none.tar.gz')], { env });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^fwsnap fleet: cannot open .*none\.tar\.gz: no such file\n$/);
  });

  it('exits 2 with one line for what is not a report', async () => {
    const dir = tempDir();
    const r = await runCli(['import', '/etc/hostname', '-o', join(dir, 'x.tar.gz')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^fwsnap import: .*not a report/);
    expect(existsSync(join(dir, 'x.tar.gz'))).toBe(false);
  });
});
