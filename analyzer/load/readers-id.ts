import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOL_VERSION } from '../../bundle/version.js';

/** Where `npm run build` records the readers of the compiled analyzer (the hash of the sources it was built from). */
const RECORDED = fileURLToPath(new URL('./readers-id.txt', import.meta.url));
/** The analyzer's sources: above this module when running from them, beside the compiled analyzer's directory otherwise. */
const SOURCES = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../../../analyzer', import.meta.url));

/** The fwsnap version and a hash of the analyzer's TypeScript sources under root (their names and contents), or undefined with none. */
export function sourceReadersId(root: string): string | undefined {
  const h = createHash('sha256');
  let files = 0;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        h.update(relative(root, p)).update('\0').update(readFileSync(p)).update('\0');
        files++;
      }
    }
  };
  try {
    walk(root);
  } catch {
    return undefined;
  }
  return files > 0 ? `${TOOL_VERSION}+${h.digest('hex').slice(0, 16)}` : undefined;
}

let memo: string | undefined;

/**
 * What made a bundle's rows: this fwsnap's analyzer (parsers, loaders), named by its version and its sources' hash —
 * recorded by the build for the compiled analyzer, computed once per process when running from the sources, the same
 * for both. A bundle a database holds from other readers is loaded again when named, so its rows are what this fwsnap
 * reads in it (old bundles improve when parsers do, in a kept database too).
 */
export function readersId(): string {
  if (memo !== undefined) return memo;
  if (existsSync(RECORDED)) memo = readFileSync(RECORDED, 'utf8').trim();
  else memo = sourceReadersId(SOURCES) ?? TOOL_VERSION;
  return memo;
}

/** Build step: records the readers of the compiled analyzer beside it. */
export function recordReadersId(): string {
  const id = sourceReadersId(SOURCES) ?? TOOL_VERSION;
  writeFileSync(RECORDED, `${id}\n`);
  return id;
}
