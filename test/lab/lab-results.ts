import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BootResult } from './harness/boot.js';
import { loadLabBundle, type LabBundle } from './lab-bundle.js';

/** What one lab guest left in its result share (see test/lab/guest/scenario.sh for the layout). */
export interface LabRun {
  outDir: string;
  boot: BootResult;
  /** A file the guest left in its result share, or undefined. */
  file(name: string): Buffer | undefined;
  text(name: string): string | undefined;
  /** stdout of a real tool run in the guest (tools/<name>.out); throws with its stderr unless it exited 0. */
  tool(name: string): Buffer;
  /** The collector's bundle; throws when the guest produced none. */
  bundle(): LabBundle;
}

/** Reads a result share; `boot` is absent when checking the results an earlier run kept. */
export async function readLabResults(outDir: string, boot?: BootResult): Promise<LabRun> {
  if (!existsSync(join(outDir, 'done'))) throw new Error(`${outDir} holds no finished lab run (no "done" file)`);
  const file = (name: string): Buffer | undefined => {
    try {
      return readFileSync(join(outDir, name));
    } catch {
      return undefined;
    }
  };
  const text = (name: string): string | undefined => file(name)?.toString('utf8');
  const tool = (name: string): Buffer => {
    const status = text(`tools/${name}.status`)?.trim();
    if (status === undefined) throw new Error(`the guest did not run tool ${name} (no tools/${name}.status in ${outDir})`);
    if (status !== '0') throw new Error(`tool ${name} exited ${status} in the guest: ${text(`tools/${name}.err`)?.trim()}`);
    return file(`tools/${name}.out`) ?? Buffer.alloc(0);
  };
  const bundlePath = join(outDir, 'bundle.tar.gz');
  const loaded = existsSync(bundlePath) ? await loadLabBundle(bundlePath) : undefined;
  const bundle = (): LabBundle => {
    if (!loaded) throw new Error(`the collector left no bundle in the guest (exit ${text('collect.status')?.trim()}): ${text('collect.err')?.trim()}`);
    return loaded;
  };
  const finished = boot ?? { exitCode: 0, timedOut: false, durationMs: NaN, consoleLog: join(outDir, 'console.log'), consoleTail: '', phases: new Map<string, number>() };
  return { outDir, boot: finished, file, text, tool, bundle };
}
