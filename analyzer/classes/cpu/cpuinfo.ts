import { ParseError } from '../../parsers/errors.js';

export interface CpuInfo {
  processor: number;
  vendorId?: string;
  /** As the kernel displays it: already including the extended family (e.g. 25 for AMD Zen 3). */
  family?: number;
  model?: number;
  stepping?: number;
  microcode?: number;
  modelName?: string;
  /** lscpu's `BIOS Model name` (SMBIOS type 4 Version), as printed. */
  biosModelName?: string;
  /** arm64's identification (MIDR_EL1 fields): cpuinfo's CPU implementer/part/variant/revision, or lscpu's Vendor ID/Stepping/Model. */
  arm?: ArmId;
  physicalId?: number;
  coreId?: number;
  flags: string[];
  bugs: string[];
  /** Every `key : value` line of the block. */
  fields: Record<string, string>;
}

export interface ArmId {
  /** `0x41`, lowercase hex as cpuinfo prints it. */
  implementer?: string;
  /** `0xd0c`. */
  part?: string;
  /** The major revision, the r of rNpM. */
  variant?: number;
  /** The minor revision, the p of rNpM. */
  revision?: number;
}

function int(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  const n = /^0x[0-9a-f]+$/i.test(t) ? Number.parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** One CPU's `key : value` fields as cpuinfo names them; undefined without a numeric `processor` (arm64's header block). */
export function cpuInfoOf(fields: Record<string, string>): CpuInfo | undefined {
  if (fields.processor === undefined) return undefined;
  const processor = int(fields.processor);
  if (processor === undefined) return undefined; // e.g. arm64's "Processor : AArch64 Processor rev 4" header
  return {
    processor,
    vendorId: fields.vendor_id,
    family: int(fields['cpu family']),
    model: int(fields.model),
    stepping: int(fields.stepping),
    microcode: int(fields.microcode),
    modelName: fields['model name'],
    biosModelName: fields['bios model name'],
    arm: armIdOf(fields),
    physicalId: int(fields['physical id']),
    coreId: int(fields['core id']),
    flags: (fields.flags ?? fields.Features ?? '').split(/\s+/).filter(Boolean),
    bugs: (fields.bugs ?? '').split(/\s+/).filter(Boolean),
    fields,
  };
}

const hexOf = (v: string | undefined): string | undefined => (v !== undefined && /^0x[0-9a-f]+$/i.test(v.trim()) ? v.trim().toLowerCase() : undefined);

/** arm64's `CPU implementer`, `CPU part`, `CPU variant`, `CPU revision` lines; undefined off ARM. */
function armIdOf(fields: Record<string, string>): ArmId | undefined {
  const id: ArmId = {
    implementer: hexOf(fields['CPU implementer']),
    part: hexOf(fields['CPU part']),
    variant: int(fields['CPU variant']),
    revision: int(fields['CPU revision']),
  };
  const kept = Object.entries(id).filter(([, v]) => v !== undefined);
  return kept.length ? (Object.fromEntries(kept) as ArmId) : undefined;
}

/** ARM's name of a core's revision, `r3p1` (variant 3, revision 1), as its errata notices write it. */
export function armRevisionName(id: ArmId | undefined): string | undefined {
  return id?.variant !== undefined && id.revision !== undefined ? `r${id.variant}p${id.revision}` : undefined;
}

/** /proc/cpuinfo: one block per logical CPU, blocks separated by blank lines. Non-x86 blocks keep their ARM id and `fields`. */
export function parseCpuinfo(text: string): CpuInfo[] {
  const out: CpuInfo[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      const i = line.indexOf(':');
      if (i < 0) continue;
      fields[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    const cpu = cpuInfoOf(fields);
    if (cpu) out.push(cpu);
  }
  if (out.length === 0 && text.trim() !== '') throw new ParseError('cpuinfo', 'no "processor : N" block');
  return out;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** 'FF-MM-SS' in lowercase hex as Intel's microcode release notes write it, e.g. '06-55-04'; undefined off x86. */
export function cpuSignature(c: Pick<CpuInfo, 'family' | 'model' | 'stepping'>): string | undefined {
  if (c.family === undefined || c.model === undefined || c.stepping === undefined) return undefined;
  return `${hex2(c.family)}-${hex2(c.model)}-${hex2(c.stepping)}`;
}

/** /sys/devices/system/cpu/cpuN/microcode/version: "0x2b000571". */
export function parseMicrocodeVersion(text: string): number {
  const n = int(text);
  if (n === undefined) throw new ParseError('microcode-version', `"${text.trim().slice(0, 40)}" is not a number`);
  return n;
}
