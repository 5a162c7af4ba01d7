/**
 * A captured tree of saved outputs, collected with `collect --root` (inline) and analysed: the setup of the tests
 * that check what a file saved under a person's name becomes in the database.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from './tmp.js';

/** Writes each file at its path in a new tree, collects the tree into a bundle and analyses it (every severity). */
export async function replayTree(files: Record<string, string | Buffer>): Promise<AnalyzeResult & { bundle: string }> {
  const dir = tempDir();
  for (const [name, data] of Object.entries(files)) {
    const file = join(dir, 'tree', name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
  }
  const bundle = join(dir, 'b.tar.gz');
  await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
  // Object.assign, not a spread: the result's report is built on first use, and a spread would build it.
  return Object.assign(await analyze({ bundles: [bundle], minSeverity: 'info' }), { bundle });
}

/** One saved output at `saveAs` in a tree, collected and analysed. */
export const replaySaved = (saveAs: string, data: string | Buffer): Promise<AnalyzeResult & { bundle: string }> => replayTree({ [saveAs]: data });

/** One saved output replayed: the messages of the collection issues of each code asked for, as the database lists them. */
export async function savedIssueMessages<C extends string>(saveAs: string, data: string | Buffer, codes: readonly C[]): Promise<Record<C, string[]>> {
  const { db } = await replaySaved(saveAs, data);
  try {
    const query = db.prepare('SELECT message FROM collection_issues WHERE code = ?');
    return Object.fromEntries(codes.map((c) => [c, (query.all(c) as { message: string }[]).map((r) => r.message)])) as Record<C, string[]>;
  } finally {
    db.close();
  }
}
