import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';
import { FAKEHOST } from '../../fake-host/fakehost-facts.js';

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

/** The shared fake host's CPUs: four logical Xeon Gold 6130 CPUs in two packages, microcode 0x2007006. */
export function fakehostCpus(tree: FakeTree): void {
  const cpuinfo: string[] = [];
  for (let i = 0; i < FAKEHOST.cpus; i++) {
    tree.attrs(`sys/devices/system/cpu/cpu${i}/microcode`, { version: FAKEHOST.microcode, processor_flags: '0x1' });
    tree.attrs(`sys/devices/system/cpu/cpu${i}/topology`, { physical_package_id: String(i >> 1), core_id: String(i & 1) });
    cpuinfo.push([
      `processor\t: ${i}`, 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 85', 'model name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz',
      'stepping\t: 4', `microcode\t: ${FAKEHOST.microcode}`, 'cpu MHz\t\t: 2100.000', 'cache size\t: 22528 KB', `physical id\t: ${i >> 1}`,
      'siblings\t: 2', `core id\t\t: ${i & 1}`, 'cpu cores\t: 2', `apicid\t\t: ${i * 2}`, 'fpu\t\t: yes', 'cpuid level\t: 22',
      'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc art arch_perfmon pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2 ssse3 sdbg fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm 3dnowprefetch cpuid_fault epb cat_l3 cdp_l3 invpcid_single pti intel_ppin ssbd mba ibrs ibpb stibp tpr_shadow vnmi flexpriority ept vpid ept_ad fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm cqm mpx rdt_a avx512f avx512dq rdseed adx smap clflushopt clwb intel_pt avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local dtherm ida arat pln pts pku ospke md_clear flush_l1d arch_capabilities',
      'bugs\t\t: cpu_meltdown spectre_v1 spectre_v2 spec_store_bypass l1tf mds swapgs taa itlb_multihit mmio_stale_data retbleed gds',
      'bogomips\t: 4200.00', 'clflush size\t: 64', 'cache_alignment\t: 64', 'address sizes\t: 46 bits physical, 48 bits virtual', 'power management:', '', '',
    ].join('\n'));
  }
  tree.file('proc/cpuinfo', cpuinfo.join(''));
  tree.attrs('sys/devices/system/cpu', { online: `0-${FAKEHOST.cpus - 1}`, possible: `0-${FAKEHOST.cpus - 1}`, present: `0-${FAKEHOST.cpus - 1}` });

}
