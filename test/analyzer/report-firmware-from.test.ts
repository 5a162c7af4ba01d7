/**
 * The text, Markdown and HTML reports of a bundle of saved outputs say which saved output each entry's firmware was
 * read from (JSON gives `artifact` per firmware row); a host's bundle reads as before, no longer.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { writeReportStreamed, type StreamFormat } from '../../analyzer/report/stream.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const TREE = {
  'cmd/ethtool/-i_eth0.out': 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003e7\nexpansion-rom-version:\nbus-info: 0000:01:00.0\nsupports-statistics: yes\n',
  'cmd/nvme/id-ctrl_nvme0.out': 'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\n',
};

const HOST = await fakehostRoot();

/** The head of a real BlueField-2 `mlxconfig -e q` (mstflint issue 830) and a real bnxt param show quoted in a mail. */
const MLXCONFIG_Q = `Device #1:
----------

Device type:    BlueField2
Name:           MBF2H512C-AECO_Ax
Description:    BlueField-2 P-Series DPU 25GbE Dual-Port SFP56; integrated BMC; PCIe Gen4 x8; Secure Boot Enabled; Crypto Enabled; 16GB on-board DDR; 1GbE OOB management; FHHL
Device:         ca:00.0

Configurations:                                      Default         Current         Next Boot
         HOST_CHAINING_MODE                          DISABLED(0)     DISABLED(0)     DISABLED(0)
         INTERNAL_CPU_MODEL                          EMBEDDED_CPU(1) EMBEDDED_CPU(1) EMBEDDED_CPU(1)
`;
const DEVLINK_PARAM = `>> > > $ devlink dev param show pci/0000:3b:00.0 name allow_fw_live_reset
>> > > pci/0000:3b:00.0:
>> > >   name allow_fw_live_reset type generic
>> > >     values:
>> > >       cmode runtime value false
>> > >       cmode permanent value false
`;

async function analysed(root: string): Promise<AnalyzeResult> {
  const bundle = join(tempDir(), 'b.tar.gz');
  await collect({ output: bundle, root, isolation: 'inline' });
  return analyze({ bundles: [bundle], minSeverity: 'low' });
}

async function streamed(r: AnalyzeResult, format: StreamFormat): Promise<string> {
  let out = '';
  await writeReportStreamed(r.db, r.bundleIds, r.rules, 'low', async (s) => void (out += s), { format });
  return out;
}

describe('where firmware was read from', () => {
  it('each entry of a bundle of saved outputs names the outputs its firmware came from', async () => {
    const r = await analysed(treeOf(TREE));
    const artifacts = r.report.inventory.flatMap((e) => e.firmware.map((f) => f.artifact));
    expect(artifacts).toContain('cmd/ethtool/-i_eth0.out');
    const text = renderText(r.report);
    expect(text).toMatch(/^ {4}firmware: .*0x800003e7.*\n {4}from: cmd\/ethtool\/-i_eth0\.out$/m);
    // Saved as id-ctrl_nvme0.out, stored as id-ctrl_%2fdev%2fnvme0.out: the report names the file the person saved.
    expect(text).toMatch(/^ {4}firmware: .*2B2QEXM7.*\n {4}from: cmd\/nvme\/id-ctrl_nvme0\.out$/m);
    const md = renderMarkdown(r.report);
    expect(md).toMatch(/0x800003e7[^|\n]*<br>from: `cmd\/ethtool\/-i_eth0\.out` \|/);
    const html = renderHtml(r.report);
    expect(html).toContain('from: <code>cmd/ethtool/-i_eth0.out</code>');
    expect(await streamed(r, 'text')).toBe(text);
    expect(await streamed(r, 'markdown')).toBe(md);
    expect(await streamed(r, 'html')).toBe(html);
  });

  it('an entry known only from settings (mlxconfig q, devlink param show) names its outputs too, and says its firmware is not in them', async () => {
    const r = await analysed(treeOf({
      'cmd/mlxconfig/mlxconfig q.txt': MLXCONFIG_Q,
      'cmd/devlink/devlink dev param show.txt': DEVLINK_PARAM,
    }));
    const outputs = Object.fromEntries(r.report.inventory.map((e) => [e.location.pci, e.outputs]));
    expect(outputs).toEqual({ '0000:ca:00.0': ['cmd/mlxconfig/mlxconfig q.txt'], '0000:3b:00.0': ['cmd/devlink/devlink dev param show.txt'] });
    const text = renderText(r.report);
    expect(text).toMatch(/^ {2}BlueField-2 MBF2H512C-AECO_Ax\n {4}at 0000:ca:00\.0\n {4}firmware: not in these outputs\n {4}from: cmd\/mlxconfig\/mlxconfig q\.txt$/m);
    expect(text).toMatch(/^ {2}0000:3b:00\.0\n {4}firmware: not in these outputs\n {4}from: cmd\/devlink\/devlink dev param show\.txt$/m);
    const md = renderMarkdown(r.report);
    expect(md).toContain('not in these outputs<br>from: `cmd/mlxconfig/mlxconfig q.txt` |');
    const html = renderHtml(r.report);
    expect(html).toContain('from: <code>cmd/devlink/devlink dev param show.txt</code>');
    expect(await streamed(r, 'text')).toBe(text);
    expect(await streamed(r, 'markdown')).toBe(md);
    expect(await streamed(r, 'html')).toBe(html);
  });

  it("a host's bundle lists no sources in its text inventory", async () => {
    const r = await analysed(HOST);
    expect(r.report.inventory.some((e) => e.firmware.some((f) => f.artifact))).toBe(true);
    expect(renderText(r.report)).not.toMatch(/^ {4}from: /m);
    expect(renderMarkdown(r.report)).not.toContain('<br>from: ');
    expect(r.report.inventory.every((e) => e.outputs === undefined)).toBe(true);
    expect(renderText(r.report)).not.toContain('not in these outputs');
  });
});
