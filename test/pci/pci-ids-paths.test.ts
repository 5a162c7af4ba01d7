import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { PCI_IDS } from '../../analyzer/classes/pci/pci-names.js';
import { collect } from '../../collector/collect.js';
import { PCI_IDS_PATHS } from '../../collector/classes/pci/attributes.js';
import { tempDir } from '../helpers/tmp.js';

const PCI_IDS_TEXT = '# pci.ids made for this test\n#\tVersion: 2099.02.03\n15b3  Test Vendor Inc.\n\t101d  Test Adapter X\n';
const FUNCTION = 'sys/bus/pci/devices/0000:3b:00.0';

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : name.endsWith('.ts') ? [p] : [];
  });

describe("where pci.ids is looked for: one list, the collector's, read by the analyzer too", () => {
  it('is defined once in the pci class (the collector half; the analyzer imports it)', () => {
    const defining = ['collector', 'analyzer'].flatMap((top) => sources(top)).filter((f) => /\bPCI_IDS_PATHS\s*[:=]/.test(readFileSync(f, 'utf8')));
    expect(defining).toEqual([join('collector', 'classes', 'pci', 'attributes.ts')]);
    expect(PCI_IDS.bundlePaths).toEqual(PCI_IDS_PATHS.map((p) => p.slice(1)));
    expect(PCI_IDS.systemPaths).toEqual(PCI_IDS_PATHS);
  });

  for (const path of PCI_IDS_PATHS) {
    it(`a host's pci.ids at ${path} is stored by the collector and names the devices in the report`, async () => {
      const dir = tempDir();
      const root = join(dir, 'host');
      const put = (rel: string, text: string): void => {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
      };
      put(`${FUNCTION}/vendor`, '0x15b3\n');
      put(`${FUNCTION}/device`, '0x101d\n');
      put(path, PCI_IDS_TEXT);
      const bundle = join(dir, 'b.tar.gz');
      await collect({ output: bundle, root, only: ['pci'], isolation: 'inline' });
      const r = await analyze({ bundles: [bundle] });
      expect(r.db.prepare(`SELECT vendor_name, device_name FROM devices WHERE device_key = '0000:3b:00.0'`).get()).toEqual({ vendor_name: 'Test Vendor Inc.', device_name: 'Test Adapter X' });
      expect(r.report.bundles[0]!.vendorData.map((v) => [v.name, v.origin, v.path, v.version])).toEqual([['pci.ids', 'bundle', path.slice(1), '2099.02.03']]);
      r.db.close();
    }, 60_000);
  }
});
