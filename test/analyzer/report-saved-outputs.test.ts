/**
 * A tree holding only saved tool outputs (`collect --root` of cmd/<tool>/… files, no sys/ or proc/) read no host:
 * the report says how many outputs of which tools it holds, shows no host or kernel "unknown" as if read, lists no
 * kernel entry made of nothing, and says once that the live sources had nothing to read; a host's tree reads as before.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { markdownDeviceFindings, renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const SAVED = {
  'cmd/ethtool/-i_eth0.out': 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003e7\nexpansion-rom-version:\nbus-info: 0000:01:00.0\nsupports-statistics: yes\n',
  'cmd/ethtool/-i_eth1.out': 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003e7\nexpansion-rom-version:\nbus-info: 0000:01:00.1\nsupports-statistics: yes\n',
  'cmd/nvme/id-ctrl_nvme0.out': 'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\n',
  'notes.txt': 'what I ran\n',
};

const HOST = await fakehostRoot();

async function analysed(root: string): Promise<AnalyzeResult> {
  const bundle = join(tempDir(), 'b.tar.gz');
  await collect({ output: bundle, root, isolation: 'inline' });
  return analyze({ bundles: [bundle], minSeverity: 'low' });
}

describe('a bundle of saved outputs', () => {
  it('says what it holds and reads no host', async () => {
    const r = await analysed(treeOf(SAVED));
    const b = r.report.bundles[0]!;
    expect(b.savedOutputs).toEqual({ read: 3, tools: { ethtool: 2, nvme: 1 }, unread: 1 });
    expect([b.hostname, b.kernelRelease]).toEqual([null, null]);
    expect(r.report.inventory.map((e) => e.class)).not.toContain('kernel');
    const text = renderText(r.report);
    expect(text).toContain('3 saved outputs (ethtool 2, nvme 1), 1 file not read, no live host read');
    expect(text).not.toMatch(/unknown|no \/sys\/class|Linux kernel/);
    expect(text.match(/not a live host/g)).toHaveLength(1);
    expect(text).toMatch(/^ {2}sources skipped \(not a live host\): pci, /m);
    const md = renderMarkdown(r.report);
    expect(md).toContain('3 saved outputs (ethtool 2, nvme 1), 1 file not read, no live host read');
    expect(md).not.toMatch(/unknown|no \/sys\/class|Linux kernel/);
    const html = renderHtml(r.report);
    expect(html).toContain('3 saved outputs (ethtool 2, nvme 1), 1 file not read, no live host read');
    expect(html.match(/not a live host/g)).toHaveLength(1);
    expect(html).toMatch(/<li>[^<]*sources skipped \(not a live host\): pci, /);
    // The JSON report says why a source had nothing, of outputs as given: not of a host.
    const skipped = b.sources.filter((s) => s.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(3);
    for (const s of skipped) expect(s.reason).toBe('no saved output of this source in the tree (not a live host)');
  });

  it('a host tree reads as a host, kernel and sources as before', async () => {
    const r = await analysed(HOST);
    const b = r.report.bundles[0]!;
    expect(b.savedOutputs).toBeNull();
    expect(b.hostname).not.toBeNull();
    expect(r.report.inventory.map((e) => e.class)).toContain('kernel');
    expect(renderText(r.report)).toMatch(/^ {2}host \S+, kernel \S+, collected/m);
  });
});

describe('outputs saved under the names people give them', () => {
  const NAMED = {
    'cmd/nvme/nvme id-ctrl nvme0.txt': SAVED['cmd/nvme/id-ctrl_nvme0.out'],
    'cmd/ethtool/ethtool -i eth0.txt': `${SAVED['cmd/ethtool/-i_eth0.out']}an unknown line\n`,
    // Under the bundle's own name: nothing else to say.
    'cmd/ethtool/-i_eth1.out': SAVED['cmd/ethtool/-i_eth1.out'],
  };

  it('are named by the file the person saved, in the database, every report format and the problems', async () => {
    const r = await analysed(treeOf(NAMED));
    expect(r.db.prepare(`SELECT name, saved_as FROM artifacts WHERE origin_kind = 'cmd' AND name LIKE '%.out' ORDER BY name`).all()).toEqual([
      { name: 'cmd/ethtool/-i_eth0.out', saved_as: 'cmd/ethtool/ethtool -i eth0.txt' },
      { name: 'cmd/ethtool/-i_eth1.out', saved_as: null },
      { name: 'cmd/nvme/id-ctrl_%2fdev%2fnvme0.out', saved_as: 'cmd/nvme/nvme id-ctrl nvme0.txt' },
    ]);
    const fw = r.report.inventory.flatMap((e) => e.firmware).map((f) => [f.artifact, f.savedAs]);
    expect(fw).toContainEqual(['cmd/nvme/id-ctrl_%2fdev%2fnvme0.out', 'cmd/nvme/nvme id-ctrl nvme0.txt']);
    expect(fw).toContainEqual(['cmd/ethtool/-i_eth1.out', null]);
    const problem = r.report.bundles[0]!.problems.find((p) => p.code === 'PARSE-LINE')!;
    expect([problem.target, problem.savedAs]).toEqual(['cmd/ethtool/-i_eth0.out', 'cmd/ethtool/ethtool -i eth0.txt']);
    const text = renderText(r.report);
    expect(text).toContain('from: cmd/nvme/nvme id-ctrl nvme0.txt');
    expect(text).toContain('from: cmd/ethtool/-i_eth1.out');
    expect(text).toMatch(/analysis PARSE-LINE cmd\/ethtool\/ethtool -i eth0\.txt: .*line 7/);
    for (const other of [renderMarkdown(r.report), renderHtml(r.report)]) {
      expect(other).toContain('cmd/nvme/nvme id-ctrl nvme0.txt');
      expect(other).toContain('cmd/ethtool/ethtool -i eth0.txt');
      expect(other).not.toContain('id-ctrl_%2fdev%2fnvme0.out');
    }
  });

  it('two of them in one report: each entry and finding is named, and says which bundle it is on', async () => {
    const placeholder = { 'cmd/ethtool/ethtool -i eth0.txt': 'driver: atlantic\nversion: 5.4.0\nfirmware-version: x.x.x\nbus-info: 0000:01:00.0\n' };
    const bundles = [];
    for (const name of ['a', 'b']) {
      const bundle = join(tempDir(), `${name}.tar.gz`);
      await collect({ output: bundle, root: treeOf(placeholder), isolation: 'inline' });
      bundles.push(bundle);
    }
    const r = await analyze({ bundles, minSeverity: 'low' });
    const findings = r.report.findings.filter((f) => f.rule === 'core.firmware-version-unknown');
    expect(findings).toHaveLength(2);
    // An interface has no bus or model name of its own: the finding calls it as the inventory does.
    for (const f of findings) expect(f.deviceName).toBe('network interface eth0');
    const md = renderMarkdown(r.report);
    expect(md).toContain('| bundle 1 | network interface eth0 |');
    expect(md).toContain('#### network interface eth0 on bundle 2');
    expect(md).not.toMatch(/ on \n|^\|  \| network/m);
    const html = renderHtml(r.report);
    expect(html).toContain('<td>bundle 1</td><td>network interface eth0</td>');
    expect(html).toContain('<span class="muted">on bundle 2</span>');
    expect(html).not.toContain('<td></td><td>network interface eth0</td>');
    expect(renderText(r.report)).toContain('  network interface eth0 on bundle 1\n');
    // An entry named by its address says it once: no empty line where its location would be.
    const entry = r.report.inventory.find((e) => e.findings.length)!;
    const lines = markdownDeviceFindings({ ...entry, name: '0000:04:00.0', location: { pci: '0000:04:00.0', interfaces: [], dev: [], other: [] } }, false);
    expect(lines.slice(0, 3)).toEqual(['#### 0000:04:00.0', '', expect.stringMatching(/^- \*\*LOW\*\* /)]);
  });
});
