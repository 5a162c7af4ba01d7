import type { ClassFacts } from '../../facts/types.js';
import { DMI_ATTRIBUTES } from './dmi.js';

export const platformFacts: ClassFacts = {
  name: 'platform',
  doc: 'The machine: DMI identification and the BIOS version (sys/class/dmi/id).',
  devices: [{ class: 'platform', key: 'platform', doc: 'model = "<sys_vendor> <product_name>"' }],
  firmware: [{ devices: ['platform'], component: 'bios', states: ['running'], scheme: 'guessed', doc: 'DMI bios_version' }],
  settings: [
    {
      namespace: 'dmi',
      devices: ['platform'],
      doc: 'DMI attributes as read, trimmed; serial numbers and UUIDs are not copied',
      keys: {
        ...Object.fromEntries(DMI_ATTRIBUTES.map((a) => [a, { type: 'string' as const }])),
        bios_date_iso: { type: 'string', doc: 'YYYY-MM-DD from MM/DD/YYYY' },
      },
    },
  ],
};
