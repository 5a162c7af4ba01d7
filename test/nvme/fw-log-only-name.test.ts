/**
 * An NVMe controller known only from a saved `nvme fw-log` says nothing of itself (no model, no PCI function): the
 * report calls it by what it is and its node, `NVMe controller /dev/nvme1`, not by the bare node.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/** The slots of a real Kioxia fw-log (fixtures/real/fw-log/kioxia-1tcrs105-rabbit-three-slots), its device line made nvme1's and unindented. */
const FW_LOG = `Firmware Log for device:nvme1
afi  : 0x1
frs1 : 0x3530315352435431 (1TCRS105)
frs2 : 0x3430315352435431 (1TCRS104)
frs3 : 0x3430315352435431 (1TCRS104)
`;

describe('an NVMe controller known only from nvme fw-log', () => {
  it('is named "NVMe controller /dev/nvme1" in every format, its node said once', async () => {
    const bundle = join(tempDir(), 'b.tar.gz');
    await collect({ output: bundle, root: treeOf({ 'cmd/nvme/nvme fw-log nvme1.txt': FW_LOG }), isolation: 'inline' });
    const r = await analyze({ bundles: [bundle], minSeverity: 'low' });
    expect(r.report.inventory.map((e) => [e.key, e.name])).toEqual([['nvme:nvme1', 'NVMe controller /dev/nvme1']]);
    const text = renderText(r.report);
    expect(text).toMatch(/^ {2}NVMe controller \/dev\/nvme1\n {4}firmware: firmware 1TCRS105 \(slot-1\); firmware 1TCRS104 \(slot-2, slot-3\)\n {4}from: cmd\/nvme\/nvme fw-log nvme1\.txt$/m);
    expect(text).not.toMatch(/^ {4}(at|device) \/dev\/nvme1/m);
    expect(renderMarkdown(r.report)).toContain('NVMe controller /dev/nvme1');
    expect(renderHtml(r.report)).toContain('NVMe controller /dev/nvme1');
  });
});
