import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { renderText } from '../../analyzer/report/text.js';
import type { PinnedEntry } from '../../analyzer/vendor-data/pinned.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PINNED = join(ROOT, 'vendor-data');
const manifest = (): { files: PinnedEntry[] } => JSON.parse(readFileSync(join(PINNED, 'manifest.json'), 'utf8')) as { files: PinnedEntry[] };
const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

// An X710 (8086:1572) without a driver while i40e is loaded: nic.i40e.driver-not-bound fires, and its message
// carries the device's name from pci.ids ("{device} ({name}) has no driver bound …").
const DEVICE = 'sys/bus/pci/devices/0000:3b:00.0';
const BUNDLE = [
  { name: `${DEVICE}/vendor`, data: '0x8086\n' },
  { name: `${DEVICE}/device`, data: '0x1572\n' },
  { name: 'proc/modules', data: 'i40e 577536 0 - Live 0x0000000000000000\n' },
];
/** A pci.ids that names the same device otherwise, as an older or newer release of the file would. */
const OTHER_PCI_IDS = '#\tVersion: 2001.01.01\n8086  Some Other Name For Intel\n\t1572  Renamed Adapter\n';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

async function findings(bundle: string): Promise<{ findings: unknown[]; pciIds: unknown; text: string }> {
  const r = await analyze({ bundles: [bundle] });
  return {
    findings: r.report.findings.map((f) => [f.rule, f.device, f.message]),
    pciIds: r.report.bundles[0]!.vendorData.find((v) => v.name === 'pci.ids'),
    text: renderText(r.report),
  };
}

describe('vendor data pinned with the release (vendor-data/)', () => {
  it('holds pci.ids and the mstflint databases, each matching its recorded sha256, size, package and licence', () => {
    const files = manifest().files;
    expect(files.map((f) => f.name).sort()).toEqual(['mlxconfig-db', 'pci.ids', 'register-layouts']);
    for (const f of files) {
      const data = gunzipSync(readFileSync(join(PINNED, f.file)));
      expect(sha256(data), f.name).toBe(f.sha256);
      expect(data.length, f.name).toBe(f.size);
      expect(f.packageVersion, f.name).toMatch(/^\S+$/);
      expect(readFileSync(join(PINNED, f.copyright), 'utf8'), f.name).toMatch(/^License: /m);
    }
    expect(files.find((f) => f.name === 'pci.ids')).toMatchObject({ package: 'pci.ids', license: 'GPL-2.0-or-later OR BSD-3-Clause' });
  });

  it('is shipped by npm pack', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const paths = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ['manifest.json', ...manifest().files.map((x) => x.file), ...manifest().files.map((x) => x.copyright)]) expect(paths).toContain(`vendor-data/${f}`);
  });

  it('gives the same findings whatever pci.ids the analysing machine has, or without one, and the report names it', async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    await writeBundle(bundle, BUNDLE);
    const root = tempDir();
    mkdirSync(join(root, 'usr/share/misc'), { recursive: true });
    writeFileSync(join(root, 'usr/share/misc/pci.ids'), OTHER_PCI_IDS);

    const pinned = manifest().files.find((f) => f.name === 'pci.ids')!;
    const runs = [];
    for (const systemRoot of ['/', root, tempDir()]) {
      process.env.FWSNAP_VENDOR_SYSTEM_ROOT = systemRoot;
      runs.push(await findings(bundle));
    }
    expect(runs[0]!.findings).toEqual([['nic.i40e.driver-not-bound', '0000:3b:00.0', expect.stringMatching(/^0000:3b:00\.0 \(Intel Corporation Ethernet Controller X710/)]]);
    expect(runs[1]!.findings).toEqual(runs[0]!.findings);
    expect(runs[2]!.findings).toEqual(runs[0]!.findings);
    expect(runs[1]!.pciIds).toEqual(runs[0]!.pciIds);
    expect(runs[2]!.pciIds).toEqual(runs[0]!.pciIds);
    expect(runs[0]!.text).toMatch(/^ {2}vendor data pci\.ids \d{4}\.\d\d\.\d\d \(pinned with this fwsnap release vendor-data\/pci\.ids\.gz, sha256 [0-9a-f]{64}\); Debian package pci\.ids \S+, \/usr\/share\/misc\/pci\.ids$/m);
    expect(runs[0]!.text).toContain(`sha256 ${pinned.sha256}); Debian package pci.ids ${pinned.packageVersion},`);
    expect(runs[0]!.pciIds).toMatchObject({ origin: 'release', path: 'vendor-data/pci.ids.gz', sha256: pinned.sha256, note: `Debian package pci.ids ${pinned.packageVersion}, /usr/share/misc/pci.ids` });

    // The test has teeth: without the pinned copy, the analysing machine's file decides the names.
    process.env.FWSNAP_VENDOR_DATA = 'none';
    process.env.FWSNAP_VENDOR_SYSTEM_ROOT = root;
    const other = await findings(bundle);
    expect(other.findings).toEqual([['nic.i40e.driver-not-bound', '0000:3b:00.0', expect.stringMatching(/^0000:3b:00\.0 \(Some Other Name For Intel Renamed Adapter\)/)]]);
    expect(other.pciIds).toMatchObject({ origin: 'analysing-machine', path: join(root, 'usr/share/misc/pci.ids'), version: '2001.01.01' });
  });

  it("the host's own copy in the bundle still comes first", async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    await writeBundle(bundle, [...BUNDLE, { name: 'usr/share/misc/pci.ids', data: OTHER_PCI_IDS }]);
    const r = await findings(bundle);
    expect(r.pciIds).toMatchObject({ origin: 'bundle', sha256: sha256(OTHER_PCI_IDS) });
    expect(r.findings).toEqual([['nic.i40e.driver-not-bound', '0000:3b:00.0', expect.stringContaining('Renamed Adapter')]]);
  });

  it.skipIf(!existsSync('/usr/share/misc/pci.ids') || !existsSync('/usr/share/mstflint'))('npm run vendor-data rebuilds the same bytes from the same Debian packages', () => {
    const out = tempDir();
    const check = spawnSync('node', [join(ROOT, 'scripts/vendor-data.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    execFileSync('node', [join(ROOT, 'scripts/vendor-data.mjs')], { env: { ...process.env, FWSNAP_VENDOR_DATA_OUT: out }, stdio: 'ignore' });
    const rebuilt = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: PinnedEntry[] };
    for (const f of manifest().files) {
      const r = rebuilt.files.find((x) => x.name === f.name)!;
      // Where the installed package is the pinned version, the rebuild is byte-identical.
      if (r.packageVersion === f.packageVersion) {
        expect(check).toContain(`${f.name}: pinned ${f.package} ${f.packageVersion}, installed ${f.package} ${f.packageVersion} (same bytes)`);
        expect(readFileSync(join(out, r.file)).equals(readFileSync(join(PINNED, f.file))), f.name).toBe(true);
      }
    }
  });
});
