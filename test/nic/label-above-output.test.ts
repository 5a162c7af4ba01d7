import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { savedIssueMessages } from '../helpers/replay-tree.js';

/**
 * A person's one-word label in lower case on its own line above a pasted output (`example:`, `output:`, `before:`):
 * neither ethtool -i nor devlink prints such a line first, so it is text around the output, never an unread line of
 * the parser. Inside an output the same line stays the parser's.
 */
const real = (f: string): string => readFileSync(new URL(`./fixtures/real/${f}.txt`, import.meta.url), 'utf8');

async function read(savedAs: string, text: string): Promise<{ parse: string[]; around: string[] }> {
  const r = await savedIssueMessages(savedAs, text, ['PARSE-LINE', 'PASTE-AROUND']);
  return { parse: r['PARSE-LINE'], around: r['PASTE-AROUND'] };
}

describe('a lower-case one-word label above an output', () => {
  it.each(['example:', 'output:', 'before:', 'e.g.', 'E.g.:', 'i.e.:', 'eg:'])('%s above ethtool -i: around the output', async (label) => {
    const r = await read('cmd/ethtool/ethtool-i-eth0.txt', `${label}\n${real('ethtool-i/e1000e-ethq11')}`);
    expect(r.parse).toEqual([]);
    expect(r.around).toEqual(['text around the output, 1 line, not read (line 1)']);
  });

  it.each(['example:', 'output:', 'e.g.'])('%s above devlink dev info: around the output', async (label) => {
    const r = await read('cmd/devlink/dev_info.txt', `${label}\n${real('devlink-dev-info/qed-two-pf')}`);
    expect(r.parse).toEqual([]);
    expect(r.around).toEqual(['text around the output, 1 line, not read (line 1)']);
  });

  it('inside ethtool -i, between its fields: the parser\'s', async () => {
    const [head, ...rest] = real('ethtool-i/e1000e-ethq11').split('\n');
    const r = await read('cmd/ethtool/ethtool-i-eth0.txt', `${head}\nexample:\n${rest.join('\n')}`);
    expect(r.parse).toHaveLength(1);
  });
});
