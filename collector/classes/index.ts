import type { CollectorClass, Source } from '../source.js';
import { pci } from './pci/index.js';
import { nic } from './nic/index.js';
import { nvme } from './nvme/index.js';
import { ata } from './ata/index.js';
import { platform } from './platform/index.js';
import { rdma } from './rdma/index.js';
import { mlx5 } from './mlx5/index.js';

/** Every device class the collector knows, in the order their sources run and are reported. */
export const CLASSES: readonly CollectorClass[] = [
  pci,
  nic,
  nvme,
  ata,
  platform,
  rdma,
  mlx5,
];

/** Every source of every class, in order. */
export const SOURCES: readonly Source[] = CLASSES.flatMap((c) => c.sources);
export const SOURCE_NAMES: readonly string[] = SOURCES.map((s) => s.name);

export function isSourceName(s: string): boolean {
  return SOURCE_NAMES.includes(s);
}

/** A built-in source by name, or the module at `modulePath` (tests) that exports `source`. */
export async function loadSource(name: string, modulePath?: string): Promise<Source> {
  if (!modulePath) {
    const builtIn = SOURCES.find((s) => s.name === name);
    if (!builtIn) throw new Error(`no source named ${name}`);
    return builtIn;
  }
  const mod = (await import(modulePath)) as { source?: Source };
  if (!mod.source || typeof mod.source.collect !== 'function') throw new Error(`module for source ${name} exports no source`);
  return mod.source;
}
