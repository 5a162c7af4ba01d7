import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the lab keeps built boot images and run directories: the OS temp dir, never the repository. */
export function labCacheDir(): string {
  return join(tmpdir(), 'fwsnap-lab');
}

/** Removes the older builds of one kind (same name prefix) once a new one is in place. */
export function pruneCache(dir: string, prefix: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith(prefix) && path !== keep && !name.endsWith('.tmp')) rmSync(path, { force: true });
  }
}
