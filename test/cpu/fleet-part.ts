import type { FleetHostPart } from '../../bench/fleet/host-part.js';

const CPUS = [
  { model: 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz', microcode: '0x2007006', old: '0x2006e05' },
  { model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', microcode: '0xd0003b9', old: '0xd000375' },
];

/** Two CPUs of the generation's model with their microcode; an older one on a few hosts. */
export const cpuFleetPart: FleetHostPart = {
  sources: ['cpu'],
  devices: ({ odd, generation }) => {
    const cpu = CPUS[generation === 1 ? 1 : 0]!;
    // An old microcode shows in the histogram; no fleet rule reports CPUs (the cpu rules judge microcode per host).
    const microcode = odd(0.03, 'microcode') ? cpu.old : cpu.microcode;
    return [0, 1].map((c) => ({ key: `cpu:${c}`, class: 'cpu', model: cpu.model, firmware: [{ component: 'microcode', version: microcode }] }));
  },
};
