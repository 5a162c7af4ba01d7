import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runSource } from '../../collector/fake-kernel/run-source.js';
import { SHARED_HOST_PARTS } from './shared-host-parts.js';
import { FakeTree } from '../../../collector/fake-host/tree.js';

export { FAKEHOST } from '../../../collector/fake-host/fakehost-facts.js';

/**
 * The shared fake host, a Dell PowerEdge R740 (see fakehost-facts.ts), written under `root` by the class parts
 * registered in shared-host-parts.ts; its ioctl answers are what the classes' sources store when they run against
 * its files with the class's fake device, so they are the bytes a live collection of it would give.
 */
export async function buildFakehost(root: string): Promise<void> {
  const tree = new FakeTree(root);
  for (const part of SHARED_HOST_PARTS) part.write(tree);
  for (const { source, transport } of SHARED_HOST_PARTS.flatMap((p) => (p.ioctls ? [p.ioctls] : []))) {
    const run = await runSource(source, { root, replay: false, transport });
    if (run.status !== 'ok') throw new Error(`building the fake host: ${source} ${run.status} ${run.reason ?? ''} ${JSON.stringify(run.issues)}`);
    for (const [artifactName, a] of run.artifacts) if (artifactName.startsWith('ioctl/')) tree.file(artifactName, a.data);
  }
}

let built: Promise<{ root: string; host: string }> | undefined;
let copies = 0;

/**
 * The shared fake host, built once per test file in a temporary directory removed after the file's tests. Await it at
 * the top level of the test file (vitest then removes it in an afterAll of that file).
 */
export function fakehostRoot(): Promise<string> {
  built ??= (async () => {
    const root = mkdtempSync(join(tmpdir(), 'fwsnap-fakehost-'));
    // Test workers are ended by a signal, so an 'exit' handler alone would leave the tree behind.
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    await buildFakehost(join(root, 'fakehost'));
    return { root, host: join(root, 'fakehost') };
  })();
  return built.then((b) => b.host);
}

/**
 * A fresh copy of the shared fake host for a test to alter, beside the built one and removed with it after the test
 * file (symbolic links are copied as they are, so the copy's sysfs links point inside the copy).
 */
export async function fakehostCopy(): Promise<string> {
  await fakehostRoot();
  const { root, host } = await built!;
  const copy = join(root, `copy-${copies++}`);
  cpSync(host, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}
