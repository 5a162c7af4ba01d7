import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first argument with which the single-file collector, forked as a worker, runs as one (collector/executable). */
export const WORKER_SENTINEL = 'fwsnap-collector-worker';

const WORKER_FILE = 'worker-main.cjs';

let embedded = false;

/** Inside the single-file collector the executable is its own worker entry. */
export function useEmbeddedWorker(): void {
  embedded = true;
}

/**
 * The worker entry `npm run build` writes as one CommonJS file (scripts/bundle-collect.mjs). Under the test runner
 * this module is TypeScript, so look in dist/.
 */
export function workerEntry(): string {
  if (embedded) return WORKER_SENTINEL;
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, WORKER_FILE);
  if (existsSync(beside)) return beside;
  const marker = `${sep}collector${sep}run`;
  const root = here.slice(0, here.lastIndexOf(marker));
  const built = join(root, 'dist', 'collector', 'run', WORKER_FILE);
  if (!existsSync(built)) throw new Error(`collector worker not built: ${built} is missing (run npm run build)`);
  return built;
}
