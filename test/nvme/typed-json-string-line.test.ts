/**
 * A JSON string alone on its line is no typed command (collector/typed-commands.ts). The real smartctl -j output of a
 * netdata issue (fixtures/real/smartctl/netdata-firecuda530-json-redacted.json), run as `smartctl --json --all /dev/nvme1
 * --device nvme`: its argv ends in "nvme" on a line of its own. Before, that line was a bare `nvme` typed, which cut
 * the document in two (the drive not read, a NOT_READ).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSES } from '../../collector/classes/index.js';
import { typedParts } from '../../collector/typed-commands.js';

const TOOLS = new Set(CLASSES.flatMap((c) => Object.keys(c.commands ?? {})));
const typed = (text: string): string[] => typedParts(Buffer.from(text), TOOLS).map((p) => p.argv.join(' '));
const DOC = readFileSync(new URL('./fixtures/real/smartctl/netdata-firecuda530-json-redacted.json', import.meta.url), 'utf8');

describe('a JSON string alone on its line', () => {
  it("a tool's name quoted as an array's last element or a member's value starts no part", () => {
    expect(typed(`$ sudo smartctl --json --all /dev/nvme1 --device nvme\n${DOC}`)).toEqual(['smartctl --json --all /dev/nvme1 --device nvme']);
    expect(typed('  "nvme"\n  "ethtool",\n  "lspci"\n')).toEqual([]);
  });
  it('a command typed bare is still one', () => {
    expect(typed('nvme list\nsmartctl -a /dev/nvme0\n')).toEqual(['nvme list', 'smartctl -a /dev/nvme0']);
  });
});
