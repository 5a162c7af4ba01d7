import { FactContract } from '../facts/contract.js';
import type { AnalyzerClass, ClassLoader, StreamingLoader } from '../load/types.js';
import type { BuiltinCheck } from '../rules/builtin.js';
import { isVersionScheme, registerSchemes, type SchemeGuides, type VersionScheme } from '../version/index.js';
import { pci } from './pci/index.js';
import { nic } from './nic/index.js';
import { nvme } from './nvme/index.js';
import { ata } from './ata/index.js';
import { mlx5 } from './mlx5/index.js';
import { platform } from './platform/index.js';
import { cpu } from './cpu/index.js';
import { kernelLog } from './kernel-log/index.js';
import { rdma } from './rdma/index.js';
import { gpu } from './gpu/index.js';
import { scsi } from './scsi/index.js';
import { usb } from './usb/index.js';
import { cxl } from './cxl/index.js';

/**
 * Every device class the analyzer loads, in loading order: devices first, so later loaders can attach to them, and
 * a class before the classes that read its tables (their facts' `reads`; checked by loadsBeforeReaders).
 */
export const CLASSES: readonly AnalyzerClass[] = [
  pci,
  kernelLog,
  nic,
  nvme,
  ata,
  scsi,
  rdma,
  mlx5,
  gpu,
  usb,
  cxl,
  platform,
  cpu,
];

/** Throws when a class is registered before a class whose tables it reads (its loaders would find them empty). */
export function loadsBeforeReaders(classes: readonly AnalyzerClass[]): void {
  const at = new Map(classes.map((c, i) => [c.name, i]));
  classes.forEach((c, i) => {
    for (const read of c.facts.flatMap((f) => f.reads ?? [])) {
      const j = at.get(read);
      if (j === undefined) throw new Error(`class ${c.name} reads the tables of ${read}, which is not registered`);
      if (j > i) throw new Error(`class ${c.name} reads the tables of ${read}, which is registered after it: register ${read} first`);
    }
  });
}
loadsBeforeReaders(CLASSES);

// The version schemes the classes define, before anything reads a version with them (the loaders' firmware
// rows, rule validation, fw_cmp in SQL all reach the version engine through this module).
for (const c of CLASSES) registerSchemes(c.name, c.schemes ?? {});

export const CLASS_LOADERS: ClassLoader[] = CLASSES.flatMap((c) => c.loaders);
let facts: FactContract | undefined;
/** The declared facts of every registered class: what loaders may write and rules may read. */
export function shippedFacts(): FactContract {
  return (facts ??= new FactContract(CLASSES.flatMap((c) => c.facts)));
}
/** The classes' device-naming steps, run after every loader of a bundle. */
export const DEVICE_NAMERS: NonNullable<AnalyzerClass['nameDevices']>[] = CLASSES.flatMap((c) => (c.nameDevices ? [c.nameDevices] : []));
export const STREAMING_LOADERS: StreamingLoader[] = CLASSES.flatMap((c) => c.streaming ?? []);

/** Builtin checks of every class by name; a name claimed by two classes is a bug caught at start-up. */
export function checksOf(classes: readonly AnalyzerClass[]): Map<string, BuiltinCheck> {
  const out = new Map<string, BuiltinCheck>();
  for (const c of classes) {
    for (const [name, check] of Object.entries(c.checks ?? {})) {
      if (out.has(name)) throw new Error(`builtin check ${name} is declared twice (class ${c.name})`);
      out.set(name, check);
    }
  }
  return out;
}

export const BUILTIN_CHECKS: ReadonlyMap<string, BuiltinCheck> = checksOf(CLASSES);

/** Every class's version-scheme guides in one; a component, driver or vendor claimed by two classes is a bug caught at start-up. */
export function schemeGuidesOf(classes: readonly AnalyzerClass[]): Required<SchemeGuides> {
  const out = { components: {}, drivers: {}, driverPatterns: [], vendors: {} } as {
    components: Record<string, VersionScheme>; drivers: Record<string, VersionScheme>; driverPatterns: [RegExp, VersionScheme][]; vendors: Record<number, VersionScheme>;
  };
  for (const c of classes) {
    const g = c.versionSchemes ?? {};
    for (const kind of ['components', 'drivers', 'vendors'] as const) {
      for (const [k, v] of Object.entries(g[kind] ?? {})) {
        if (Object.hasOwn(out[kind], k)) throw new Error(`version scheme of ${kind.slice(0, -1)} ${k} is declared twice (class ${c.name})`);
        if (!isVersionScheme(v)) throw new Error(`${kind.slice(0, -1)} ${k} is read with version scheme ${v}, which neither analyzer/version nor a class defines (class ${c.name})`);
        (out[kind] as Record<string, VersionScheme>)[k] = v;
      }
    }
    for (const [re, s] of g.driverPatterns ?? []) {
      if (!isVersionScheme(s)) throw new Error(`drivers ${String(re)} are read with version scheme ${s}, which neither analyzer/version nor a class defines (class ${c.name})`);
      out.driverPatterns.push([re, s]);
    }
  }
  return out;
}

export const SCHEME_GUIDES: Required<SchemeGuides> = schemeGuidesOf(CLASSES);
