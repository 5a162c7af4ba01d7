import type { FleetHostPart } from '../../bench/fleet/host-part.js';

// Models and revisions as the drives report them (from the repository's fixtures).
const SATA = [
  { model: 'Crucial_CT512MX100SSD1', fw: 'MU02', old: 'MU01' },
  { model: 'Samsung SSD 860 EVO 500GB', fw: 'RVT04B6Q', old: 'RVT02B6Q' },
];

/** A SATA drive on half the hosts, with an older revision on a few of them. */
export const ataFleetPart: FleetHostPart = {
  sources: ['ata'],
  devices: ({ r, pick, odd }) => {
    if (!(r() < 0.5)) return [];
    const sata = pick(SATA);
    return [{ key: 'ata:dev1.0', class: 'ata', model: sata.model, firmware: { firmware: odd(0.05, 'sata firmware') ? sata.old : sata.fw } }];
  },
};
