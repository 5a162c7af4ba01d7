import { armRevisionName, cpuSignature, parseCpuinfo, parseMicrocodeVersion, type CpuInfo } from './cpuinfo.js';
import { logRevisionOf, MICROCODE_LOG_PREFIXES, microcodeFromLog, type MicrocodeLog } from './microcode-log.js';
import { parseLscpu, parseSavedCpuinfo } from './saved-cpuinfo.js';
import { kernelLogArtifact, storedKernelLog } from '../core/kernel-messages.js';
import { recordLineIssues, recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

const hex = (n: number): string => `0x${n.toString(16)}`;
const CPUINFO = 'proc/cpuinfo';
/** A /proc/cpuinfo a person saved (`cat /proc/cpuinfo`, a grep of its lines), replayed from a captured tree. */
const SAVED_CPUINFO = 'cmd/cat/%2fproc%2fcpuinfo.out';
const LSCPU = 'cmd/lscpu/_.out';

/** Where the processors come from: the host's /proc/cpuinfo, else a saved copy, else what a saved lscpu says of CPU 0. */
function cpusOf(ctx: LoadContext): { cpus: CpuInfo[]; artifact?: string; hypervisor?: boolean } {
  if (ctx.get(CPUINFO)) return { cpus: ctx.parse(CPUINFO, 'cpuinfo', (d) => parseCpuinfo(d.toString('utf8'))) ?? [], artifact: CPUINFO };
  const lscpu = ctx.get(LSCPU) ? ctx.parse(LSCPU, 'lscpu', (d) => parseLscpu(d.toString('utf8'))) : undefined;
  if (lscpu) recordLineIssues(ctx, LSCPU, 'lscpu', lscpu.issues);
  const saved = ctx.get(SAVED_CPUINFO) ? ctx.parse(SAVED_CPUINFO, 'cpuinfo', (d) => parseSavedCpuinfo(d.toString('utf8'))) : undefined;
  if (saved) recordLineIssues(ctx, SAVED_CPUINFO, 'cpuinfo', saved.issues);
  if (saved?.cpus.length) {
    // `grep microcode /proc/cpuinfo` beside `lscpu`: what the lines left out, lscpu tells (one model per host).
    const cpus = lscpu?.cpu ? saved.cpus.map((c) => ({ ...lscpu.cpu!, ...definedOf(c), processor: c.processor })) : saved.cpus;
    return { cpus, artifact: SAVED_CPUINFO, ...(lscpu?.hypervisor !== undefined ? { hypervisor: lscpu.hypervisor } : {}) };
  }
  if (lscpu?.cpu) return { cpus: [lscpu.cpu], artifact: LSCPU, ...(lscpu.hypervisor !== undefined ? { hypervisor: lscpu.hypervisor } : {}) };
  return { cpus: [] };
}

/** A CpuInfo's fields that a paste gave (grep's lines leave most out). */
function definedOf(c: CpuInfo): Partial<CpuInfo> {
  const kept = Object.entries(c).filter(([k, v]) => v !== undefined && !((k === 'flags' || k === 'bugs') && (v as string[]).length === 0));
  return Object.fromEntries(kept) as Partial<CpuInfo>;
}

/** The microcode lines of the bundle's kernel log, when it has one. */
function microcodeLog(ctx: LoadContext): { log: MicrocodeLog; artifact: string } | undefined {
  const artifact = kernelLogArtifact(ctx)?.name;
  if (artifact === undefined) return undefined;
  const log = microcodeFromLog([...storedKernelLog(ctx, MICROCODE_LOG_PREFIXES)].map((l) => l.text));
  return log.revision !== undefined || log.perCpu.size || log.cpu ? { log, artifact } : undefined;
}

function loadCpus(ctx: LoadContext): void {
  const found = cpusOf(ctx);
  const log = found.cpus.length && found.cpus.every((c) => c.microcode !== undefined) ? undefined : microcodeLog(ctx);
  // A saved kernel log alone (`dmesg | grep microcode`): CPU 0 as the log names it, with Intel's signature when logged.
  const cpus = found.cpus.length || !log ? found.cpus : [{ processor: 0, ...log.log.cpu, flags: [], bugs: [], fields: {} } satisfies CpuInfo];
  for (const c of cpus) {
    const key = `cpu:${c.processor}`;
    // lscpu prints no Model name where it knows no name for an ARM part (Kunpeng 920's 0xd02 before 2.41): the BIOS's is the one named.
    ctx.sink.device({ key, class: 'cpu', model: c.modelName ?? c.biosModelName ?? null });
    const sysVersion = `sys/devices/system/cpu/cpu${c.processor}/microcode/version`;
    const fromSys = ctx.get(sysVersion) ? ctx.parse(sysVersion, 'microcode-version', (d) => parseMicrocodeVersion(d.toString('utf8'))) : undefined;
    const fromLog = log ? logRevisionOf(log.log, c.processor) : undefined;
    const microcode = fromSys ?? c.microcode ?? fromLog;
    const fieldsFrom = found.artifact ?? log!.artifact;
    const artifact = fromSys !== undefined ? sysVersion : c.microcode !== undefined ? fieldsFrom : log?.artifact ?? fieldsFrom;
    if (microcode !== undefined) {
      const family = cpuSignature(c);
      ctx.sink.firmware({ deviceKey: key, component: 'microcode', version: hex(microcode), state: 'running', ...(family ? { family } : {}), artifact });
    }
    // Any source naming a hypervisor wins (WSL's cpuinfo has no hypervisor flag, its lscpu names one); the kernel's
    // microcode loader is off under a hypervisor, so its lines without `Hypervisor detected` say bare metal.
    // ARM's Features have no hypervisor flag: they tell nothing of one.
    const x86Flags = c.arm === undefined && (found.artifact === CPUINFO || c.flags.length > 0);
    const said = [x86Flags ? c.flags.includes('hypervisor') : undefined, found.hypervisor, log?.log.hypervisor];
    const hypervisor = said.includes(true) ? true : said.includes(false) ? false : undefined;
    recordSettings(ctx, key, 'cpu', {
      signature: cpuSignature(c), vendor_id: c.vendorId, family: c.family, model: c.model, stepping: c.stepping,
      bios_model_name: c.biosModelName, arm_implementer: c.arm?.implementer, arm_part: c.arm?.part, arm_variant: c.arm?.variant,
      arm_revision: c.arm?.revision, arm_rxpy: armRevisionName(c.arm), physical_id: c.physicalId, core_id: c.coreId, bugs: c.bugs.length || found.artifact === CPUINFO ? c.bugs : undefined, hypervisor,
    }, fieldsFrom);
    const flags = ctx.text(`sys/devices/system/cpu/cpu${c.processor}/microcode/processor_flags`);
    if (flags !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'cpu', key: 'processor_flags', value: flags.trim(), mode: 'current', artifact: `sys/devices/system/cpu/cpu${c.processor}/microcode/processor_flags` });
  }
}

/**
 * Processors from /proc/cpuinfo (or a saved copy, or a saved lscpu), with the microcode revision sysfs reports for
 * each, else cpuinfo's, else the one the kernel log's microcode lines leave running.
 */
export const cpuLoader: ClassLoader = {
  name: 'cpu',
  load: loadCpus,
};
