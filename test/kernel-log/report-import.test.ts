import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { importReport } from '../../collector/import/import-report.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { sosMarkers, writeReport } from '../import/report-builder.js';

/**
 * The kernel log of a report is plain `dmesg` text (sos: sos_commands/kernel/dmesg; supportconfig: `dmesg -T` in
 * boot.txt), which has no priorities. It loads into kernel_log with level NULL, and the kernel-log rules that
 * match the text fire on the imported report. The log lines are real (fixtures/real, with provenance).
 */

const REAL = (name: string): string => readFileSync(new URL(`./fixtures/real/${name}`, import.meta.url), 'utf8');
const DMESG = REAL('dmesg-dg2-guc-recommended.txt') + REAL('dmesg-megaraid-fw-fault.txt');
const TOP = 'sosreport-host-2026-12-01-abcdefg';

interface Log {
  level: number | null;
  usec: number | null;
  device_key: string | null;
  artifact: string;
}

async function kernelLog(bundle: string): Promise<Log[]> {
  const db = openDatabase(':memory:');
  try {
    await loadBundle(db, bundle);
    return db.prepare(`SELECT level, usec, device_key, artifact FROM kernel_log ORDER BY rowid`).all() as Log[];
  } finally {
    db.close();
  }
}

describe('the kernel log of an imported report', () => {
  it('a sosreport\'s plain dmesg loads without levels, and kernel-log rules fire on it', async () => {
    const dir = tempDir();
    const report = writeReport(dir, TOP, { ...sosMarkers('4.12'), 'sos_commands/kernel/dmesg': DMESG });
    const bundle = join(dir, 'imported.tar.gz');
    const imported = await importReport({ input: report, output: bundle, isolation: 'inline' });
    const stored = imported.manifest.artifacts.find((a) => a.imported?.path === 'sos_commands/kernel/dmesg');
    expect(stored?.name).toBe('cmd/dmesg/_.out');
    const source = imported.manifest.sources.find((s) => s.name === 'kernel-log');
    expect(source?.reason ?? '').not.toMatch(/not installed/);
    expect(source?.reason).toMatch(/captured tree/);

    const rows = await kernelLog(bundle);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.level === null)).toBe(true);
    expect(rows[2]).toMatchObject({ usec: 922_031, device_key: '0000:0b:00.0' });
    expect(rows[8]).toMatchObject({ usec: 1_661_722_829, device_key: '0000:18:00.0' });

    const an = await runCli(['analyze', bundle, '--format', 'json', '--min-severity', 'info']);
    expect(an.status, an.stderr).toBe(1);
    const fails = (JSON.parse(an.stdout) as { findings: { rule: string; device: string; result?: string; message: string }[] }).findings;
    const fired = (rule: string) => fails.find((f) => f.rule === rule);
    expect(fired('gpu.intel-uc-firmware-older-than-recommended')?.message).toMatch(/70\.12\.1\) is recommended, but only .*70\.11\.0/);
    expect(fired('scsi.megaraid-sas.firmware-fault')?.message).toMatch(/FAULT state 1 time\(s\).*Fault code:0x10000/);
  });

  it('a supportconfig\'s dmesg -T loads without levels or boot times', async () => {
    const dir = tempDir();
    const frame = (cmdline: string, out: string): string => `#==[ Command ]======================================#\n# ${cmdline}\n${out}\n`;
    const report = writeReport(dir, 'scc_host_261201_1130', {
      'supportconfig.txt': 'Script Version:      3.2.10\n',
      'basic-environment.txt': frame('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026\n'),
      'boot.txt': frame('/bin/dmesg -T', REAL('dmesg-T-el7.txt')),
    });
    const bundle = join(dir, 'imported.tar.gz');
    await importReport({ input: report, output: bundle, isolation: 'inline' });
    const rows = await kernelLog(bundle);
    expect(rows.map((r) => [r.level, r.usec, r.artifact])).toEqual(Array(3).fill([null, null, 'cmd/dmesg/-T.out']));
  });
  it('a report\'s dmesg saved in another display form (-T -x) loads with the levels it prints; a dmesg that clears the buffer is not read', async () => {
    const dir = tempDir();
    const report = writeReport(dir, TOP, {
      ...sosMarkers('4.12'),
      'sos_commands/kernel/dmesg_-T_-x': REAL('dmesg-x-T-skl-guc-debug.txt'),
      'sos_commands/kernel/dmesg_-c': REAL('dmesg-el7.txt'),
    });
    const bundle = join(dir, 'imported.tar.gz');
    const imported = await importReport({ input: report, output: bundle, isolation: 'inline' });
    expect(imported.manifest.artifacts.map((a) => a.name).filter((n) => n.startsWith('cmd/dmesg/'))).toEqual(['cmd/dmesg/-T_-x.out']);
    const rows = await kernelLog(bundle);
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.level === 7 && r.usec === null && r.artifact === 'cmd/dmesg/-T_-x.out')).toBe(true);
  });
  it('a report\'s kernel journal saved as `journalctl -k -o json` loads with each entry\'s priority and the kernel\'s own time', async () => {
    const dir = tempDir();
    const report = writeReport(dir, TOP, { ...sosMarkers('4.12'), 'sos_commands/logs/journalctl_--no-pager_-k_-o_json': REAL('journal-json-nvme-medium-error.txt') });
    const bundle = join(dir, 'imported.tar.gz');
    await importReport({ input: report, output: bundle, isolation: 'inline' });
    expect(await kernelLog(bundle)).toEqual([{ level: 3, usec: 1_805_611_354, device_key: null, artifact: 'cmd/journalctl/--no-pager_-k_-o_json.out' }]);
  });
});
