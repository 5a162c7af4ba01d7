import { cpuSignature, parseCpuinfo, parseMicrocodeVersion } from './cpuinfo.js';
import { recordSettings } from '../../load/loader-util.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';

const hex = (n: number): string => `0x${n.toString(16)}`;

function loadCpus(ctx: LoadContext): void {
  const cpus = ctx.parse('proc/cpuinfo', 'cpuinfo', (d) => parseCpuinfo(d.toString('utf8'))) ?? [];
  for (const c of cpus) {
    const key = `cpu:${c.processor}`;
    ctx.sink.device({ key, class: 'cpu', model: c.modelName ?? null });
    const sysVersion = `sys/devices/system/cpu/cpu${c.processor}/microcode/version`;
    const fromSys = ctx.get(sysVersion) ? ctx.parse(sysVersion, 'microcode-version', (d) => parseMicrocodeVersion(d.toString('utf8'))) : undefined;
    const microcode = fromSys ?? c.microcode;
    if (microcode !== undefined) {
      const family = cpuSignature(c);
      ctx.sink.firmware({ deviceKey: key, component: 'microcode', version: hex(microcode), state: 'running', ...(family ? { family } : {}), artifact: fromSys !== undefined ? sysVersion : 'proc/cpuinfo' });
    }
    recordSettings(ctx, key, 'cpu', {
      signature: cpuSignature(c), vendor_id: c.vendorId, family: c.family, model: c.model, stepping: c.stepping,
      physical_id: c.physicalId, core_id: c.coreId, bugs: c.bugs, hypervisor: c.flags.includes('hypervisor'),
    }, 'proc/cpuinfo');
    const flags = ctx.text(`sys/devices/system/cpu/cpu${c.processor}/microcode/processor_flags`);
    if (flags !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'cpu', key: 'processor_flags', value: flags.trim(), mode: 'current', artifact: `sys/devices/system/cpu/cpu${c.processor}/microcode/processor_flags` });
  }
}

/** Processors from /proc/cpuinfo, with the microcode revision sysfs reports for each (cpuinfo's otherwise). */
export const cpuLoader: ClassLoader = {
  name: 'cpu',
  load: loadCpus,
};
