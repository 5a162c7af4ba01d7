import type { CpuInfo } from './cpuinfo.js';

/** What the kernel log says of the microcode: the revision each line leaves running, in log order. */
export interface MicrocodeLog {
  /** The revision the last line that names one leaves running on every CPU (an update, a `Current revision`, `sig=…`). */
  revision?: number;
  /** The last revision each CPU's own line names (`CPU3: patch_level=0x…`, `CPU0 sig=…, revision=…`). */
  perCpu: Map<number, number>;
  /** The family, model and stepping of Intel's `sig=0x…` (CPUID leaf 1 EAX), as cpuinfo displays them. */
  cpu?: Pick<CpuInfo, 'family' | 'model' | 'stepping'>;
  /**
   * The kernel's `Hypervisor detected:` line was logged. Without it the loader's own lines say bare metal: since 4.x
   * the kernel does not run the microcode loader under a hypervisor (check_loader_disabled_bsp).
   */
  hypervisor: boolean;
}

/** The prefixes the microcode loader logs under (`x86/microcode:` in 4.x and 5.x kernels), and the hypervisor line. */
export const MICROCODE_LOG_PREFIXES = ['microcode:', 'x86/microcode:', 'Hypervisor detected:'];

const HEX = '0x([0-9a-fA-F]+)';
/** Lines whose last revision is the one running after them, on the CPU they name or on every CPU. */
const RUNNING: RegExp[] = [
  // 6.6+: `updated early: 0xf0 -> 0xf4, date = …`; late: `Microcode revision: 0x… -> 0x…`, `Reload succeeded, microcode revision: 0x… -> 0x…`.
  new RegExp(`(?:updated early|revision):\\s*${HEX}\\s*->\\s*${HEX}`),
  // 6.7+: `Current revision: 0x000000f4`.
  new RegExp(`^Current revision:\\s*${HEX}`),
  // Intel, 3.x–6.5: `microcode updated early to revision 0xd6, date = …`; late: `updated to revision 0x3b`, `CPU0 updated to revision 0x28`.
  new RegExp(`(?:^|\\s)updated (?:early )?to revision ${HEX}`, 'i'),
  // AMD: `microcode updated early to new patch_level=0x010000db`, `CPU0: patch_level=0x08108109`, late `CPU0: new patch_level=0x…`.
  new RegExp(`patch_level=${HEX}`),
  // Intel: `sig=0x406e3, pf=0x80, revision=0xd6` (`CPU0 sig=…` before 4.x).
  new RegExp(`sig=0x[0-9a-fA-F]+,\\s*pf=0x[0-9a-fA-F]+,\\s*revision=${HEX}`),
];
const CPU = /^CPU(\d+)[: ]/;
const SIG = /sig=0x([0-9a-fA-F]+)/;

/** Intel's processor signature as cpuinfo displays it: the extended family and model folded in as the kernel does. */
function signatureOf(sig: number): Pick<CpuInfo, 'family' | 'model' | 'stepping'> {
  let family = (sig >> 8) & 0xf;
  let model = (sig >> 4) & 0xf;
  if (family === 0xf) family += (sig >> 20) & 0xff;
  if (family >= 6) model |= ((sig >> 16) & 0xf) << 4;
  return { family, model, stepping: sig & 0xf };
}

/**
 * The microcode lines of a kernel log (texts without their timestamp, from `microcode:` or `x86/microcode:`), each
 * kernel's form since 3.x: early and late updates, Intel's `sig=…, revision=…` and `Current revision:`, AMD's
 * `patch_level=`. `Updated early from:` names the revision replaced, not the one running, and is left out.
 */
export function microcodeFromLog(texts: Iterable<string>): MicrocodeLog {
  const out: MicrocodeLog = { perCpu: new Map(), hypervisor: false };
  for (const full of texts) {
    if (full.startsWith('Hypervisor detected:')) {
      out.hypervisor = true;
      continue;
    }
    const text = full.replace(/^(?:x86\/)?microcode:\s*/, '');
    for (const re of RUNNING) {
      const m = re.exec(text);
      if (!m) continue;
      const revision = Number.parseInt(m[m.length - 1]!, 16);
      const cpu = CPU.exec(text);
      if (cpu) out.perCpu.set(Number(cpu[1]), revision);
      else out.revision = revision;
      break;
    }
    const sig = SIG.exec(text);
    if (sig) out.cpu = signatureOf(Number.parseInt(sig[1]!, 16));
  }
  return out;
}

/** The revision the log leaves running on one CPU: its own last line's, else the last line for every CPU. */
export function logRevisionOf(log: MicrocodeLog, processor: number): number | undefined {
  return log.perCpu.get(processor) ?? log.revision;
}
