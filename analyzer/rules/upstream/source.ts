import type { KernelTree } from './kernel-tree.js';

/**
 * A rule file produced from an upstream table: which files of the kernel tree it reads, where the extracted
 * table is kept (so the rules can be regenerated and checked without the tree), and how to render the rules.
 */
export interface UpstreamSource<T = unknown> {
  name: string;
  /** Kernel files read, relative to the tree root. */
  files: string[];
  /** The extracted table, relative to the rules directory (JSON). */
  tableFile: string;
  /** The generated rule file, relative to the rules directory. */
  rulesFile: string;
  extract(tree: KernelTree): T;
  render(table: T): string;
  /** What the table says about itself, for the report: kernel version, file, sha256, rows. */
  describe(table: T): { kernel: string; file: string; sha256: string; rows: number; rules: number; unreachable: number };
}
