import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactBundle } from '../../bundle/redact/redact-bundle.js';
import { REDACTION } from '../../collector/classes/index.js';
import { importReport } from '../../collector/import/import-report.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';
import { sosFileName, sosMarkers, writeReport } from './report-builder.js';

/**
 * `fwsnap import --redact`: the bundle an import produces, redacted as `fwsnap redact` redacts it, with the token
 * map written beside it. The report holds identifiers in the outputs the import maps — hostname (uname, hostname,
 * every journal line), DMI serial, UUID and asset tag (dmidecode), drive serial and WWN (hdparm -I), NVMe serial
 * (nvme list), udev ids (lsscsi -i) — real public outputs with provenance where the class tests keep them.
 */

const real = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const TOP = 'sosreport-secrethost-2026-12-01-abcdefg';
const HOST = 'secrethost.example.org';
const SECRETS = [HOST, 'secrethost', '34353737-3035-4E43-3734-353130425732', '10331906-BB22-4716-8876-3DFEF8FA941E', 'ASSET-7781-XZ', 'PHLA75210153512DGN', '55cd2e414f0a032e', '14f0a032e', 'BTPY65250EQN512F', '3600508b1001c2d3e4f5a6b7c8d9e0f1a'];

function report(dir: string): string {
  const dmidecode = real('platform/fixtures/real/dmidecode/rhev-kvm-3.0.txt').replace('\tAsset Tag: Not Specified', '\tAsset Tag: ASSET-7781-XZ');
  const journal = real('kernel-log/fixtures/real/journal-k-monotonic-adl-guc-load-failed.txt').replace(/\] kernel:/g, `] ${HOST.split('.')[0]} kernel:`);
  const lsscsi = '[0:0:0:0]    disk    HP       LOGICAL VOLUME   1.34  /dev/sda   3600508b1001c2d3e4f5a6b7c8d9e0f1a\n';
  return writeReport(dir, TOP, {
    ...sosMarkers('4.12'),
    'sos_commands/host/hostname': `${HOST}\n`,
    'sos_commands/kernel/uname_-a': `Linux ${HOST} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux\n`,
    'sos_commands/hardware/dmidecode': dmidecode,
    [`sos_commands/ata/${sosFileName(['hdparm', '-I', '/dev/sdb'])}`]: real('ata/fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-I.txt'),
    'sos_commands/nvme/nvme_list': real('nvme/fixtures/report-outputs/nvme-list/intel-600p-lkml.txt'),
    'sos_commands/scsi/lsscsi': lsscsi,
    'sos_commands/logs/journalctl_--no-pager_--boot': journal,
  });
}

/** Every file of a bundle (manifest included), as text. */
function contents(bundle: string): string {
  const out = join(tempDir(), 'x');
  mkdirSync(out);
  const r = spawnSync('tar', ['-xzf', bundle, '-C', out]);
  if (r.status !== 0) throw new Error(`tar: ${r.stderr}`);
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [readFileSync(join(d, n), 'utf8')]));
  return walk(out).join('\n');
}

describe('fwsnap import --redact', () => {
  it('leaves none of the report\'s identifiers in the bundle, writes the map beside it, and equals import then fwsnap redact', async () => {
    const dir = tempDir();
    const input = report(dir);
    const plain = join(dir, 'plain.tar.gz');
    await importReport({ input, output: plain, isolation: 'inline' });
    const plainText = contents(plain);
    for (const s of SECRETS) expect(plainText, s).toContain(s);

    const out = join(dir, 'redacted.tar.gz');
    const r = await importReport({ input, output: out, isolation: 'inline', redact: {} });
    expect(r.path).toBe(out);
    expect(r.mapPath).toBe(`${out}.redaction-map.json`);
    expect(existsSync(r.mapPath!)).toBe(true);
    expect(r.secrets).toBeGreaterThanOrEqual(8);
    expect(r.manifest.host.hostname).not.toContain('secrethost');
    const text = contents(out);
    for (const s of SECRETS) expect(text.toLowerCase(), s).not.toContain(s.toLowerCase());
    const map = readFileSync(r.mapPath!, 'utf8');
    for (const s of ['PHLA75210153512DGN', 'BTPY65250EQN512F', 'ASSET-7781-XZ']) expect(map).toContain(s);

    const viaRedact = join(dir, 'via-redact.tar.gz');
    await redactBundle({ catalog: REDACTION, input: plain, output: viaRedact });
    const { manifest } = await importReport({ input, output: join(dir, 'again.tar.gz'), isolation: 'inline', redact: { mapPath: join(dir, 'fresh.map.json') } });
    const sums = (m: typeof manifest): string[] => m.artifacts.map((a) => `${a.name} ${a.sha256}`).sort();
    const viaManifest = JSON.parse(spawnSync('tar', ['-xzOf', viaRedact, 'manifest.json'], { encoding: 'utf8' }).stdout) as typeof manifest;
    expect(sums(manifest)).toEqual(sums(viaManifest));
  });

  it('CLI: prints the secrets replaced and the map; --map without --redact is a usage error; the map may not be the bundle', async () => {
    const dir = tempDir();
    const input = report(dir);
    const out = join(dir, 'case-1234.tar.gz');
    const ok = await runCli(['import', '--redact', input, '-o', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/secrets replaced: \d+/);
    expect(ok.stdout).toContain(`redaction map: ${out}.redaction-map.json`);
    expect(ok.stdout).not.toMatch(/not redacted/);
    expect((await runCli(['verify', out])).status).toBe(0);

    const usage = await runCli(['import', input, '-o', join(dir, 'b.tar.gz'), '--map', join(dir, 'm.json')]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--map needs --redact/);
    const same = await runCli(['import', '--redact', input, '-o', join(dir, 'c.tar.gz'), '--map', join(dir, 'c.tar.gz')]);
    expect(same.status).toBe(2);
    expect(existsSync(join(dir, 'c.tar.gz'))).toBe(false);
  });
});
