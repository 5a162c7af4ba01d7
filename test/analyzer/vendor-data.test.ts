import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { analyze } from '../../analyzer/analyze.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';
import { fakehostCopy } from '../helpers/fake-host/fakehost.js';

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const PCI_IDS = '# pci.ids made for this test\n#\tVersion: 2099.01.01\n15b3  Test Vendor Inc.\n\t101d  Test Adapter X\n';
const DEVICE = 'sys/bus/pci/devices/0000:3b:00.0';
const pciFunction = [
  { name: `${DEVICE}/vendor`, data: '0x15b3\n' },
  { name: `${DEVICE}/device`, data: '0x101d\n' },
];

// The mlxconfig database, pinned or captured like pci.ids for the mlx5 rules: test/mlx5/vendor-data.test.ts.
describe('reports name the vendor data they used', () => {
  it("names devices from the host's pci.ids in the bundle, and says so with its version and sha256 in every format", async () => {
    const path = join(tempDir(), 'b.tar.gz');
    await writeBundle(path, [...pciFunction, { name: 'usr/share/misc/pci.ids', data: PCI_IDS }]);
    const r = await analyze({ bundles: [path] });
    expect(r.db.prepare(`SELECT vendor_name, device_name FROM devices WHERE device_key = '0000:3b:00.0'`).get()).toEqual({ vendor_name: 'Test Vendor Inc.', device_name: 'Test Adapter X' });
    expect(r.report.bundles[0]!.vendorData).toEqual([
      { name: 'pci.ids', origin: 'bundle', path: 'usr/share/misc/pci.ids', version: '2099.01.01', sha256: sha256(PCI_IDS), usedFor: 'vendor and device names of PCI devices', note: null },
    ]);
    expect(r.report.notices).toEqual([]);
    expect(renderText(r.report)).toContain(`vendor data pci.ids 2099.01.01 (captured from the host (in the bundle) usr/share/misc/pci.ids, sha256 ${sha256(PCI_IDS)})`);
    expect(renderMarkdown(r.report)).toContain(`| testhost | pci.ids | bundle | usr/share/misc/pci.ids | 2099.01.01 | \`${sha256(PCI_IDS)}\` |`);
    expect(JSON.parse(JSON.stringify(r.report)).bundles[0].vendorData[0].sha256).toBe(sha256(PCI_IDS));
  });

  it("without the host's copy, uses the pci.ids pinned with the release and names it — or, with none pinned, this machine's, or says at the top that there was none", async () => {
    const path = join(tempDir(), 'b.tar.gz');
    await writeBundle(path, pciFunction);
    const [pinned] = (await analyze({ bundles: [path] })).report.bundles[0]!.vendorData;
    expect(pinned).toMatchObject({ name: 'pci.ids', origin: 'release', path: 'vendor-data/pci.ids.gz' });
    expect(pinned!.version).toMatch(/^\d{4}\.\d{2}\.\d{2}$/);
    process.env.FWSNAP_VENDOR_DATA = 'none';
    try {
      const r = await analyze({ bundles: [path] });
      const [v] = r.report.bundles[0]!.vendorData;
      const local = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids', '/usr/share/pci.ids', '/usr/local/share/pci.ids'].find((p) => existsSync(p));
      if (local) {
        expect(v).toMatchObject({ name: 'pci.ids', origin: 'analysing-machine', path: local, sha256: sha256(readFileSync(local)) });
        expect(v!.version).toMatch(/^\d{4}\.\d{2}\.\d{2}$/);
      } else {
        expect(v).toMatchObject({ name: 'pci.ids', origin: null });
        expect(r.report.notices[0]).toMatch(/^testhost: analysed without pci\.ids/);
      }
      process.env.FWSNAP_VENDOR_SYSTEM_ROOT = tempDir();
      const none = await analyze({ bundles: [path] });
      expect(none.report.bundles[0]!.vendorData[0]).toMatchObject({ name: 'pci.ids', origin: null });
      expect(none.report.notices[0]).toMatch(/^testhost: analysed without pci\.ids, needed for vendor and device names of PCI devices: not in the bundle, none pinned with this release, and not found on this machine/);
    } finally {
      delete process.env.FWSNAP_VENDOR_DATA;
      delete process.env.FWSNAP_VENDOR_SYSTEM_ROOT;
    }
  });

  it('a bundle without PCI devices names no pci.ids', async () => {
    const path = join(tempDir(), 'b.tar.gz');
    await writeBundle(path, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    expect((await analyze({ bundles: [path] })).report.bundles[0]!.vendorData).toEqual([]);
  });
});

describe("the host's pci.ids head in the bundle", () => {
  let tree: string;
  beforeAll(async () => {
    tree = await fakehostCopy();
  });

  it("the collector stores the head of the host's pci.ids, and the report compares its version with the one used", async () => {
    mkdirSync(join(tree, 'usr/share/misc'), { recursive: true });
    writeFileSync(join(tree, 'usr/share/misc/pci.ids'), PCI_IDS + '# filler line to pass the stored head\n'.repeat(200));
    const path = join(tempDir(), 'fh.tar.gz');
    await collect({ output: path, root: tree, isolation: 'inline' });
    const r = await analyze({ bundles: [path] });
    expect(r.db.prepare(`SELECT size, truncated FROM artifacts WHERE name = 'usr/share/misc/pci.ids'`).get()).toEqual({ size: 4096, truncated: 1 });
    const v = r.report.bundles[0]!.vendorData.find((x) => x.name === 'pci.ids')!;
    expect(v.origin).not.toBe('bundle');
    expect(v.note).toMatch(/the host's pci\.ids is version 2099\.01\.01 \(only its head is in the bundle\)/);
    if (v.origin) expect(v.note).toMatch(/names may differ from the host's lspci/);
    expect(renderText(r.report)).toContain("the host's pci.ids is version 2099.01.01");
  });
});
