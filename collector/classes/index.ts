import { RedactionCatalog } from '../../bundle/redact/classify.js';
import type { CollectorClass, Source } from '../source.js';
import { composeSource } from '../source-parts.js';
import { pci } from './pci/index.js';
import { nic } from './nic/index.js';
import { nvme } from './nvme/index.js';
import { ata } from './ata/index.js';
import { platform } from './platform/index.js';
import { cpu } from './cpu/index.js';
import { kernelLog } from './kernel-log/index.js';
import { rdma } from './rdma/index.js';
import { mlx5 } from './mlx5/index.js';
import { gpu } from './gpu/index.js';
import { scsi } from './scsi/index.js';
import { usb } from './usb/index.js';
import { cxl } from './cxl/index.js';

/** Every device class the collector knows, in the order their sources run and are reported. */
export const CLASSES: readonly CollectorClass[] = [
  pci,
  nic,
  nvme,
  ata,
  scsi,
  platform,
  cpu,
  kernelLog,
  rdma,
  mlx5,
  gpu,
  usb,
  cxl,
];

/** What redaction knows of every class's artifacts (`collect --redact`, `fwsnap redact`). */
export const REDACTION = new RedactionCatalog(CLASSES.flatMap((c) => (c.redaction ? [c.redaction] : [])));

/** The one source a class runs as: its own source, or its sources as parts of one named like the class. */
export function classSource(c: CollectorClass): Source {
  const [only, ...more] = c.sources;
  if (only && more.length === 0 && only.name === c.name) return only;
  return composeSource(c.name, c.sources.map((s) => s.description).join('; '), c.sources);
}

/** Every class's source, in order. */
export const SOURCES: readonly Source[] = CLASSES.map(classSource);
export const SOURCE_NAMES: readonly string[] = SOURCES.map((s) => s.name);

/**
 * Other names `--only`/`--skip` accept for a class's source: source names of earlier releases (`storage`, `net`, …)
 * and the names of its parts (`devlink`, `smartctl`, …).
 */
export const SOURCE_ALIASES: ReadonlyMap<string, string> = new Map(
  CLASSES.flatMap((c) => [...(c.aliases ?? []), ...c.sources.map((s) => s.name)].filter((a) => a !== c.name).map((a) => [a, c.name] as const)),
);

/** The current source name for a name or an alias; undefined when unknown. */
export function canonicalSourceName(s: string): string | undefined {
  return SOURCE_NAMES.includes(s) ? s : SOURCE_ALIASES.get(s);
}

/**
 * A class's source by name, or one part of one (tests run e.g. the `devlink` part of `nic` alone), or the module
 * at `modulePath` (tests) that exports `source`.
 */
export async function loadSource(name: string, modulePath?: string): Promise<Source> {
  if (!modulePath) {
    const found = SOURCES.find((s) => s.name === name) ?? CLASSES.flatMap((c) => c.sources).find((s) => s.name === name);
    if (!found) throw new Error(`no source named ${name}`);
    return found;
  }
  const mod = (await import(modulePath)) as { source?: Source };
  if (!mod.source || typeof mod.source.collect !== 'function') throw new Error(`module for source ${name} exports no source`);
  return mod.source;
}
