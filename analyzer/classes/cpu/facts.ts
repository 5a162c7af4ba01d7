import type { ClassFacts } from '../../facts/types.js';

export const cpuFacts: ClassFacts = {
  name: 'cpu',
  // The microcode loader's lines of the kernel log give the running revision where no cpuinfo does (table kernel_log).
  reads: ['kernel-log'],
  doc: 'Logical CPUs from proc/cpuinfo (or a saved cat /proc/cpuinfo, grep of its lines or lscpu) and their microcode revision.',
  devices: [{ class: 'cpu', key: 'cpu:<n>', doc: 'model = cpuinfo model name (lscpu: Model name, else its BIOS Model name); a tree with only a saved kernel log of microcode lines gives cpu:0' }],
  firmware: [
    { devices: ['cpu'], component: 'microcode', states: ['running'], scheme: 'guessed', doc: '0x<hex> from sys/devices/system/cpu/cpuN/microcode/version, else cpuinfo microcode, else the revision the kernel log\'s microcode lines leave running (updated early: A -> B, Current revision:, sig=…, revision=, patch_level=; the CPU\'s own line first)' },
  ],
  settings: [
    {
      namespace: 'cpu',
      devices: ['cpu'],
      doc: 'from proc/cpuinfo (a saved copy, lscpu) and sys/devices/system/cpu/cpuN/microcode; from a kernel log alone, Intel\'s sig= gives family, model, stepping and signature',
      keys: {
        signature: { type: 'string', doc: 'FF-MM-SS, lowercase hex of the displayed family, model, stepping (06-55-04); absent off x86 (ARM: the arm_* keys)' },
        vendor_id: { type: 'string', doc: 'GenuineIntel, AuthenticAMD…' },
        family: { type: 'integer' },
        model: { type: 'integer', doc: 'x86 only (lscpu\'s Model on ARM is arm_revision)' },
        stepping: { type: 'integer', doc: 'x86 only (lscpu\'s Stepping on ARM gives arm_variant)' },
        bios_model_name: { type: 'string', doc: 'lscpu\'s BIOS Model name (SMBIOS processor version), as printed' },
        arm_implementer: { type: 'string', doc: 'ARM: cpuinfo CPU implementer, 0x41 (lscpu: its Vendor ID where lscpu prints the hex id)' },
        arm_part: { type: 'string', doc: 'ARM: cpuinfo CPU part, 0xd0c (lscpu prints its name as Model name instead)' },
        arm_variant: { type: 'integer', doc: 'ARM: cpuinfo CPU variant (lscpu: the r of Stepping rNpM, or Stepping 0xN)' },
        arm_revision: { type: 'integer', doc: 'ARM: cpuinfo CPU revision (lscpu: the p of Stepping rNpM, else its Model)' },
        arm_rxpy: { type: 'string', doc: 'ARM: the core revision as errata notices name it, r3p1 (variant 3, revision 1)' },
        physical_id: { type: 'integer' },
        core_id: { type: 'integer' },
        bugs: { type: 'list' },
        hypervisor: { type: 'boolean', doc: 'the hypervisor cpu flag (lscpu: a Hypervisor vendor line; a kernel log: Hypervisor detected); absent where a paste cannot tell (ARM flags have no such flag): microcode revisions under a hypervisor are unreliable' },
        processor_flags: { type: 'string', doc: 'microcode platform flags, when stored' },
      },
    },
  ],
};
