import type { FleetHostPart } from '../../bench/fleet/host-part.js';
import type { RuleTestDevice } from '../../analyzer/rules/types.js';

// Models and revisions as the drives report them (from the repository's fixtures).
const NVME = [
  { model: 'SAMSUNG MZQL23T8HCLS-00A07', vid: 0x144d, fw: 'GDC5602Q', old: 'GDC5302Q' },
  { model: 'INTEL SSDPE2KX040T8', vid: 0x8086, fw: 'VDV10184', old: 'VDV10170' },
];

/** One to four NVMe drives of the generation's model; the first with an older revision on a few hosts. */
export const nvmeFleetPart: FleetHostPart = {
  sources: ['nvme'],
  devices: ({ r, odd, generation }) => {
    const nvme = NVME[generation === 1 ? 1 : 0]!;
    const drives = 1 + Math.floor(r() * 4);
    const oldDrive = odd(0.04, 'nvme firmware');
    const out: RuleTestDevice[] = [];
    for (let d = 0; d < drives; d++) {
      out.push({ key: `nvme:nvme${d}`, class: 'nvme', vendor_id: nvme.vid, model: nvme.model, firmware: { firmware: oldDrive && d === 0 ? nvme.old : nvme.fw } });
    }
    return out;
  },
};
