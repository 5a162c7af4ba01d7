import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * This host's own `sos report` (Debian's sosreport package, installed by .ci/run), made at test time in a private
 * directory and never kept, imported and compared with `fwsnap collect` of the same host: the same PCI functions
 * with the same ids and drivers, the same kernel release, the same CPU microcode and the same network drivers
 * and firmware versions. The extracted directory imports to the same artifacts as the archive.
 */

const SOS = ['/usr/bin/sos', '/usr/sbin/sos'].find((p) => existsSync(p));
const ROOT = process.getuid?.() === 0;
if (!SOS && process.env.CI === 'true') throw new Error('sos is not installed but CI=true: .ci/run installs sosreport');

const PLUGINS = 'pci,kernel,hardware,host,processor,networking,nvme,ata,block,scsi';

function rows(db: Db, sql: string): string[] {
  return (db.prepare(sql).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r));
}

describe.runIf(SOS && ROOT)('this host: sos report imported, next to fwsnap collect', () => {
  it('gives the same devices, drivers, firmware versions and kernel as collect', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const sosDir = join(dir, 'sos');
    mkdirSync(sosDir);
    const r = spawnSync(SOS!, ['report', '--batch', '--quiet', '--tmp-dir', sosDir, '-o', PLUGINS], { encoding: 'utf8', timeout: 200_000 });
    expect(r.status, r.stderr).toBe(0);
    const archive = readdirSync(sosDir).find((n) => /^sosreport-.*\.tar\.(xz|gz|bz2)$/.test(n));
    expect(archive, 'sos wrote an archive').toBeDefined();

    const imported = await importReport({ input: join(sosDir, archive!), output: join(dir, 'imported.tar.gz') });
    expect(imported.report).toBe('sosreport');
    expect(imported.manifest.issues.filter((i) => i.source === 'import' && i.code !== 'NOT_MAPPED')).toEqual([]);
    for (const a of imported.manifest.artifacts) expect(a.imported?.path, `${a.name} names its file in the report`).toMatch(/^(sos_commands|proc|sys|etc|usr)\//);
    // Config space came from /proc/bus/pci, not lspci text.
    expect(imported.manifest.artifacts.some((a) => /^sys\/bus\/pci\/devices\/[^/]+\/config$/.test(a.name) && a.imported?.path.startsWith('proc/bus/pci/'))).toBe(true);

    const extracted = join(dir, 'extracted');
    mkdirSync(extracted);
    expect(spawnSync('tar', ['-x', '-f', join(sosDir, archive!), '-C', extracted]).status).toBe(0);
    const fromDir = await importReport({ input: join(extracted, readdirSync(extracted)[0]!), output: join(dir, 'from-dir.tar.gz') });
    const entries = (m: typeof imported.manifest): string[] => m.artifacts.map((a) => `${a.name} ${a.sha256} ${a.imported?.path}`).sort();
    expect(entries(fromDir.manifest)).toEqual(entries(imported.manifest));

    await collect({ output: join(dir, 'collected.tar.gz'), only: ['pci', 'cpu', 'platform', 'nic'] });

    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    try {
      await loadBundle(a, join(dir, 'imported.tar.gz'));
      await loadBundle(b, join(dir, 'collected.tar.gz'));
      const pci = `SELECT device_key, vendor_id, device_id, driver FROM devices WHERE class = 'pci' ORDER BY device_key`;
      expect(rows(a, pci).length).toBeGreaterThan(0);
      expect(rows(a, pci)).toEqual(rows(b, pci));
      const firmware = `SELECT device_key, component, state, version FROM firmware WHERE device_key LIKE 'cpu%' OR device_key LIKE 'net:%' ORDER BY 1, 2, 3`;
      expect(rows(a, firmware)).toEqual(rows(b, firmware));
      const nets = `SELECT device_key, driver, pci_address FROM devices WHERE class = 'net' AND driver IS NOT NULL ORDER BY device_key`;
      expect(rows(a, nets)).toEqual(rows(b, nets));
      const kernel = `SELECT kernel_release FROM bundles`;
      expect(rows(a, kernel)).toEqual(rows(b, kernel));
    } finally {
      a.close();
      b.close();
    }
  });
});
