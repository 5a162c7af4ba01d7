/**
 * What a web page's code block adds on lines of its own when its text is copied: a forum's label above the block
 * (`Code:`, `Code (Text):`, `Code: Select all`) and a syntax highlighter's line-number gutter (`1 2 3 … N |`). Neither is
 * the tool's: the text layer sets them aside as the block's markup, so a parser never reads them as unread output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../analyzer/parsers/text-input.js';
import { parseMstflintRuns } from '../../analyzer/classes/mlx5/mstflint-query.js';

const real = (name: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${name}`, import.meta.url), 'utf8');
const fences = (raw: string): number[] => cleanText(raw).noise.filter((n) => n.kind === 'fence').map((n) => n.no);

describe('a code block copied from a web page', () => {
  it("a forum's `Code:` label above the block is set aside (a real ServeTheHome post: the command typed above, the label, flint's query)", () => {
    const text = real('cx2-fs2-sun-oem-forum-code-label-sth.txt');
    expect(fences(text)).toEqual([2]);
    const { runs, issues } = parseMstflintRuns(text);
    expect(issues).toEqual([]);
    expect(runs.map((r) => [r.device, r.query.fwVersion, r.query.psid])).toEqual([['19:00.0', '2.9.1000', 'SUN0150000009']]);
  });

  it('the label as XenForo names a language and phpBB offers a selection, over the block', () => {
    for (const label of ['Code (Text):', 'Code: Select all', 'CODE:']) expect(fences(`${label}\nFW Version:      2.9.1000\nPSID:            SUN0150000009`)).toEqual([1]);
  });

  it('a `Code:` line with nothing after it, or a field of that name with a value, is not a label', () => {
    expect(fences('PSID: MT_1\nCode:')).toEqual([]);
    expect(fences('Code: 0x12\nPSID: MT_1')).toEqual([]);
  });

  it("a highlighter's gutter `1 2 … N |` before its code cell is set aside, the code flattened onto one line or not", () => {
    expect(fences(real('cx3-fs2-powershell-command-glued-flattened-line-gutter-blog.txt'))).toEqual([1]);
    expect(fences('1 2 3 |\nFW Version: 2.9.1000\nDevice ID: 26428\nPSID: MT_1 |')).toEqual([1]);
  });

  it('a gutter without its border counts the lines after it: 1 to N over N lines, else the line is left to the parser', () => {
    expect(fences('1 2 3\nFW Version: 2.9.1000\nDevice ID: 26428\nPSID: MT_1')).toEqual([1]);
    expect(fences('1 2 3\nFW Version: 2.9.1000\nPSID: MT_1')).toEqual([]);
    expect(fences('1 2 4\nFW Version: 2.9.1000\nDevice ID: 26428\nPSID: MT_1')).toEqual([]);
    expect(fences('1 2\nFW Version: 2.9.1000\nPSID: MT_1')).toEqual([]);
  });
});
