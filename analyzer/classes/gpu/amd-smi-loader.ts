import type { LoadContext } from '../../load/types.js';
import type { AmdSmiGpu, AmdSmiOutput } from './amd-smi-gpu.js';
import { parseAmdSmi } from './amd-smi.js';
import { parseRocmSmi } from './rocm-smi.js';

export interface AmdGpuDraft {
  key: string;
  bdf: string | null;
  model: string | null;
  serial: string | null;
  /** Component → row; the first source to give a component keeps it (sysfs before the tools). */
  firmware: Map<string, { version: string; scheme: 'plain' | 'hex'; artifact: string }>;
  settings: Map<string, [string, string]>;
}

/** A GPU no bus id places: the tool's own index, each tool's apart (nothing says two tools number GPUs alike). */
const UNPLACED: Record<string, string> = { 'rocm-smi': 'rocm', 'amd-smi': 'amdsmi' };
const OUTPUT = /^cmd\/(rocm-smi|amd-smi)\/[^/]+\.out$/;
const PARSERS: Record<string, [string, (b: Buffer) => AmdSmiOutput]> = {
  'rocm-smi': ['rocm-smi', parseRocmSmi],
  'amd-smi': ['amd-smi', parseAmdSmi],
};

/**
 * Saved rocm-smi and amd-smi outputs (every form, every copy) onto the GPUs of amdgpu's sysfs: a GPU is the one of its
 * bus id; else the one its index has in another output of the same tool that prints the bus id; else — when no output of
 * that tool prints one — the host's amdgpu function at that place in bus order (both tools number GPUs by bus id) where
 * the tree shows as many; else it is `gpu:rocm-<index>` (amd-smi's `gpu:amdsmi-<index>`), with no PCI function (a `GPU-NO-ADDRESS` issue). What sysfs
 * gives wins; of the tools' outputs the first read that gives a value keeps it.
 */
export function loadAmdSmiOutputs(ctx: LoadContext, drafts: Map<string, AmdGpuDraft>): void {
  const host = [...drafts.values()].flatMap((d) => (d.bdf ? [d.bdf] : [])).sort();
  for (const tool of ['rocm-smi', 'amd-smi']) {
    const read: [string, AmdSmiOutput][] = [];
    for (const name of ctx.names(OUTPUT).filter((n) => OUTPUT.exec(n)![1] === tool)) {
      const [parser, parse] = PARSERS[tool]!;
      const out = ctx.parse(name, parser, parse);
      if (!out) continue;
      for (const i of out.issues) ctx.sink.issue('PARSE-LINE', `${parser}: line ${i.line} "${i.text}": ${i.message}`, name);
      read.push([name, out]);
    }
    const byIndex = new Map<number, string>();
    for (const [, out] of read) for (const g of out.gpus) if (g.bdf && !byIndex.has(g.index)) byIndex.set(g.index, g.bdf);
    const counts = read.map(([, o]) => o.gpus.length);
    for (const [name, out] of read) {
      for (const g of out.gpus) {
        const bdf = g.bdf ?? byIndex.get(g.index) ?? (byIndex.size === 0 && counts.every((c) => c === host.length) ? host[g.index] : undefined);
        const key = bdf ? `gpu:${bdf}` : `gpu:${UNPLACED[tool]}-${g.index}`;
        let d = drafts.get(key);
        if (!d) {
          d = { key, bdf: bdf ?? null, model: null, serial: null, firmware: new Map(), settings: new Map() };
          drafts.set(key, d);
          if (!bdf) ctx.sink.issue('GPU-NO-ADDRESS', `${tool}: GPU ${g.index} (${g.model ?? 'no name'}) has no PCI bus id, and no other output of the tree places it: stored as ${key}`, name);
        }
        merge(d, g, out, name);
      }
    }
  }
}

function merge(d: AmdGpuDraft, g: AmdSmiGpu, out: AmdSmiOutput, artifact: string): void {
  d.model ??= g.model ?? null;
  d.serial ??= g.serial ?? null;
  const fw = (component: string, version: string | undefined, scheme: 'plain' | 'hex'): void => {
    if (version && !d.firmware.has(component)) d.firmware.set(component, { version, scheme, artifact });
  };
  fw('amdgpu.vbios', g.vbios, 'plain');
  fw('amdgpu.vbios.build', g.vbiosBuild, 'plain');
  for (const [block, v] of g.firmware) fw(`amdgpu.${block}`, v, 'hex');
  for (const [block, v] of g.firmwarePrinted ?? []) fw(`amdgpu.${block}`, v, 'plain');
  if (out.driverVersion && !d.settings.has('driver_version')) d.settings.set('driver_version', [out.driverVersion, artifact]);
}
