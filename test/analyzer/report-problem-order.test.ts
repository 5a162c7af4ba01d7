/**
 * What a support engineer reads first among a bundle's problems: real problems (a line a parser could not read)
 * and sources with nothing to read before the notes about how outputs were pasted (a note after a value, words around the output), which are counted
 * and listed last, in every format, whole or written bundle by bundle.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { writeReportStreamed, type StreamFormat } from '../../analyzer/report/stream.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

// A pasted network interface's driver query with words around it and a note after a value, then an identify of a
// drive holding a line no parser reads (loaded after the first, so its problem is recorded after the notes).
const TREE = {
  'cmd/ethtool/-i_eth0.out':
    'Here is what ethtool says on the box:\n\ndriver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800003e7   <-- this is the old one\nexpansion-rom-version:\nbus-info: 0000:01:00.0\nsupports-statistics: yes\n\nThanks, Bob\n',
  'cmd/nvme/id-ctrl_nvme0.out':
    'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\n%% garbage here %%\nrab       : 2\n',
};

async function analysed(): Promise<AnalyzeResult> {
  const bundle = join(tempDir(), 'pasted.tar.gz');
  await collect({ output: bundle, root: treeOf(TREE), isolation: 'inline' });
  return analyze({ bundles: [bundle], minSeverity: 'low' });
}

async function streamed(r: AnalyzeResult, format: StreamFormat): Promise<string> {
  let out = '';
  await writeReportStreamed(r.db, r.bundleIds, r.rules, 'low', async (s) => void (out += s), { format });
  return out;
}

const before = (text: string, first: string, then: string): void => {
  expect(text).toContain(first);
  expect(text).toContain(then);
  expect(text.indexOf(first)).toBeLessThan(text.indexOf(then));
};

describe('problems before the notes about how outputs were pasted', () => {
  it('json lists the problems first and marks the notes', async () => {
    const r = await analysed();
    const problems = r.report.bundles[0]!.problems;
    expect(problems.map((p) => [p.code, p.paste])).toEqual([
      ['PARSE-LINE', false],
      ['PASTE-AROUND', true],
      ['PASTE-NOTE', true],
    ]);
  }, 60_000);

  it('text, Markdown and HTML show the problem, then the notes counted under one heading', async () => {
    const r = await analysed();
    const text = renderText(r.report);
    before(text, 'PARSE-LINE', '2 notes about how outputs were pasted');
    before(text, '2 notes about how outputs were pasted', 'PASTE-NOTE');
    expect(text.match(/PASTE-NOTE/g)).toHaveLength(1);
    // Sources with nothing to read in a tree of saved outputs are no problem either: after the problems, before the notes, on one line.
    const skipped = r.report.bundles[0]!.sources.filter((x) => x.status === 'skipped').at(-1)!.name;
    before(text, 'PARSE-LINE', 'sources skipped (not a live host): ');
    before(text, `, ${skipped}\n`, '2 notes about how outputs were pasted');
    const md = renderMarkdown(r.report);
    before(md, '`PARSE-LINE`', '2 notes about how outputs were pasted');
    before(md, '2 notes about how outputs were pasted', '`PASTE-AROUND`');
    before(md, '`PARSE-LINE`', `sources skipped (not a live host): `);
    expect(md).toContain(`\`${skipped}\`\n`);
    const html = renderHtml(r.report);
    before(html, 'PARSE-LINE', '2 notes about how outputs were pasted');
    before(html, '2 notes about how outputs were pasted', 'PASTE-NOTE');
    before(html, 'PASTE-NOTE', '<h2>Devices');
    expect(await streamed(r, 'text')).toBe(text);
    expect(await streamed(r, 'markdown')).toBe(md);
    expect(await streamed(r, 'html')).toBe(html);
  }, 60_000);
});
