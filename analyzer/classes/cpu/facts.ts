import type { ClassFacts } from '../../facts/types.js';

export const cpuFacts: ClassFacts = {
  name: 'cpu',
  doc: 'Logical CPUs from proc/cpuinfo and their microcode revision.',
  devices: [{ class: 'cpu', key: 'cpu:<n>', doc: 'model = cpuinfo model name' }],
  firmware: [
    { devices: ['cpu'], component: 'microcode', states: ['running'], scheme: 'guessed', doc: '0x<hex> from sys/devices/system/cpu/cpuN/microcode/version, else cpuinfo microcode' },
  ],
  settings: [
    {
      namespace: 'cpu',
      devices: ['cpu'],
      doc: 'from proc/cpuinfo and sys/devices/system/cpu/cpuN/microcode',
      keys: {
        signature: { type: 'string', doc: 'FF-MM-SS, lowercase hex of the displayed family, model, stepping (06-55-04); absent off x86' },
        vendor_id: { type: 'string', doc: 'GenuineIntel, AuthenticAMD…' },
        family: { type: 'integer' },
        model: { type: 'integer' },
        stepping: { type: 'integer' },
        physical_id: { type: 'integer' },
        core_id: { type: 'integer' },
        bugs: { type: 'list' },
        hypervisor: { type: 'boolean', doc: 'the hypervisor cpu flag: microcode revisions under a hypervisor are unreliable' },
        processor_flags: { type: 'string', doc: 'microcode platform flags, when stored' },
      },
    },
  ],
};
