import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect } from '../../../collector/collect.js';
import { fakehostRoot } from '../../helpers/fake-host/fakehost.js';

export const FAKEHOST = await fakehostRoot();

/** Collects the shared fake host (every source, in-process) into a bundle in a fresh temporary directory. */
export async function fakehostBundle(): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-load-'));
  const r = await collect({ output: join(dir, 'fakehost.tar.gz'), root: FAKEHOST, isolation: 'inline' });
  return { path: r.path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
