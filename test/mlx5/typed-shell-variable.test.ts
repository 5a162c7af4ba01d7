import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/** A real ConnectX-4 query (fixtures/real/mstflint/cx4-fs3-pve-query), its command typed as a script's: `-d $DEV`. */
const QUERY = readFileSync(new URL('./fixtures/real/mstflint/cx4-fs3-pve-query.txt', import.meta.url), 'utf8').split('\n').slice(1).join('\n');

async function keys(files: Record<string, string>): Promise<{ keys: string[]; notRead: number }> {
  const bundle = join(tempDir(), 'b.tar.gz');
  const { manifest } = await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    const rows = db.prepare(`SELECT DISTINCT device_key FROM firmware WHERE component = 'firmware'`).all() as { device_key: string }[];
    return { keys: rows.map((r) => r.device_key), notRead: manifest.issues.filter((i) => i.code === 'NOT_READ').length };
  } finally {
    db.close();
  }
}

describe('a flint query typed with a shell variable or substitution for its device', () => {
  it.each(['$DEV', '"$dev"', '${MST_DEV}', '$(mst status -v | grep pciconf0 | cut -f1)', '/dev/mst/$dev'])('-d %s: read in a ticket and under cmd/flint/, the card keyed by its GUID', async (dev) => {
    const text = `$ flint -d ${dev} query\n${QUERY}`;
    const trees: Record<string, string>[] = [{ 'ticket.txt': text }, { 'cmd/flint/query.txt': text }];
    for (const tree of trees) {
      expect(await keys(tree), Object.keys(tree)[0]).toEqual({ keys: ['mst:guid-ec0d9a030076eae2'], notRead: 0 });
    }
  }, 60_000);
});
