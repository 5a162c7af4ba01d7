/**
 * A column-aligned output whose runs of spaces a person's editor or forum turned into tabs (as `unexpand -a` does:
 * the blanks before each tab stop, every 8 columns, become one tab) is read as the output it was: a tab stands for the
 * spaces up to the next tab stop, as a terminal shows it. Before, every tab was read as 8 spaces, which moved the rest of
 * its line right and off the columns the dashes under the heading set. Real samples: the `nvme list` outputs of
 * test/nvme/fixtures/report-outputs/nvme-list (each file's provenance beside it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';
import { cleanText } from '../../analyzer/parsers/text-input.js';

const dir = new URL('./fixtures/report-outputs/nvme-list/', import.meta.url);
// A mail's quoted-printable lines are cut at 76 columns: tab stops count on the line the person saw, not on those.
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt') && !/=\r?\n/.test(readFileSync(new URL(f, dir), 'utf8')));

/** A line as `unexpand -a` writes it: two or more blanks ending at a tab stop become a tab. */
const unexpand = (line: string): string => {
  let out = '';
  for (let at = 0; at < line.length; at += 8) {
    const chunk = line.slice(at, at + 8);
    out += chunk.length === 8 && / {2,}$/.test(chunk) ? `${chunk.trimEnd()}\t` : chunk;
  }
  return out;
};

describe('an output whose spaces became tabs', () => {
  it('a tab is the spaces up to the next tab stop', () => {
    expect(cleanText('ab\tc\n\td\nabcdefgh\ti').lines.map((l) => l.text)).toEqual(['ab      c', '        d', 'abcdefgh        i']);
  });

  it.each(samples)('nvme list %s: the same drives, serials, models and firmware', (name) => {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const tabbed = text.split('\n').map(unexpand).join('\n');
    const mid = tabbed.split('\n').some((l) => /\S\t/.test(l));
    expect(mid).toBe(true);
    const read = parseNvmeList(text).entries;
    expect(read.length).toBeGreaterThan(0);
    expect(parseNvmeList(tabbed).entries).toEqual(read);
  });
});
