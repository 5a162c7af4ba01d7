import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh temporary directory, removed when the calling test finishes. Call it inside a test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes these files (paths relative to root) under root, making its folders; returns root. */
export function writeTree(root: string, files: Record<string, string | Buffer>): string {
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  return root;
}

/** A fresh temporary tree holding these files (paths relative to its root), removed when the calling test finishes. */
export function treeOf(files: Record<string, string | Buffer>): string {
  return writeTree(tempDir(), files);
}
