import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KernelTree } from './kernel-tree.js';
import type { UpstreamSource } from './source.js';

export interface SourceState {
  source: UpstreamSource;
  /** The committed table differs from what the kernel tree holds (undefined without a tree). */
  tableStale?: boolean;
  /** The committed rule file differs from what the committed table renders. */
  rulesStale: boolean;
  table: unknown;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Compares each source's committed table and rules with what the tree and the generator give. */
export function checkSources(rulesDir: string, sources: UpstreamSource[], tree?: KernelTree): SourceState[] {
  return sources.map((source) => {
    const committed = readJson(join(rulesDir, source.tableFile));
    const fresh = tree ? source.extract(tree) : undefined;
    const rules = readFileSync(join(rulesDir, source.rulesFile), 'utf8');
    return {
      source,
      table: committed,
      ...(fresh !== undefined ? { tableStale: json(fresh) !== json(committed) } : {}),
      rulesStale: source.render(committed) !== rules,
    };
  });
}

/** Re-reads every table from the tree (when given) and rewrites the tables and the rule files. */
export function writeSources(rulesDir: string, sources: UpstreamSource[], tree?: KernelTree): void {
  for (const s of sources) {
    const tablePath = join(rulesDir, s.tableFile);
    const table = tree ? s.extract(tree) : readJson(tablePath);
    mkdirSync(dirname(tablePath), { recursive: true });
    writeFileSync(tablePath, json(table));
    writeFileSync(join(rulesDir, s.rulesFile), s.render(table));
  }
}
