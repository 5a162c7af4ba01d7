import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

const RENDERED = new Set(['cpu/signature', 'cpu/vendor_id', 'cpu/hypervisor']);
const ON = new Set(['true', '1', 'y', 'yes', 'on']);

/**
 * Logical CPUs: one /proc/cpuinfo block each (vendor, family/model/stepping in decimal as the kernel prints
 * them, model name, microcode, flags with `hypervisor` under one) and the revision the microcode driver
 * reports in /sys/devices/system/cpu/cpuN/microcode/version.
 */
export const cpuFakeHost: FakeHostPart = {
  classes: ['cpu'],
  // Rules read the boot CPU (cpu:0) as the host's: each description is a host of its own.
  hostWide: true,
  unsupported(d) {
    for (const s of d.settings ?? []) if (!RENDERED.has(`${s.namespace}/${s.key}`)) return `setting ${s.namespace}/${s.key} has no renderer`;
    const sig = d.settings?.find((s) => s.key === 'signature')?.value;
    if (sig !== undefined && !/^[0-9a-f]{2}-[0-9a-f]{2}-[0-9a-f]{2}$/.test(String(sig))) return `signature ${String(sig)} is not family-model-stepping`;
    const fw = Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version, state: undefined }));
    if (fw.some((f) => f.component !== 'microcode' || (f.state ?? 'running') !== 'running' || !/^0x[0-9a-f]+$/i.test(f.version))) return 'a CPU has one running microcode revision, in hex';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const n = names.next('cpu');
    const get = (k: string): string | undefined => {
      const v = d.settings?.find((s) => s.namespace === 'cpu' && s.key === k)?.value;
      return v === undefined || v === null ? undefined : String(v);
    };
    const [family, model, stepping] = (get('signature') ?? '').split('-').map((x) => parseInt(x, 16));
    const microcode = Array.isArray(d.firmware) ? d.firmware[0]?.version : d.firmware?.microcode;
    const lines = [
      `processor\t: ${n}`,
      ...(get('vendor_id') ? [`vendor_id\t: ${get('vendor_id')}`] : []),
      ...(family !== undefined && !Number.isNaN(family) ? [`cpu family\t: ${family}`, `model\t\t: ${model}`] : []),
      `model name\t: ${d.model ?? ''}`,
      ...(stepping !== undefined && !Number.isNaN(stepping) ? [`stepping\t: ${stepping}`] : []),
      ...(microcode ? [`microcode\t: ${microcode.toLowerCase()}`] : []),
      `flags\t\t: fpu vme de pse tsc msr${ON.has((get('hypervisor') ?? '').toLowerCase()) ? ' hypervisor' : ''}`,
    ];
    tree.append('proc/cpuinfo', `${lines.join('\n')}\n\n`);
    if (microcode) tree.file(`sys/devices/system/cpu/cpu${n}/microcode/version`, `${microcode.toLowerCase()}\n`);
    else tree.dir(`sys/devices/system/cpu/cpu${n}`);
    return `cpu:${n}`;
  },
};
