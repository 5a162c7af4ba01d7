import type { ClassFacts, KeyDeclaration } from '../../facts/types.js';

const t = (doc?: string): KeyDeclaration => ({ type: 'text', ...(doc ? { doc } : {}) });

/** What a smartctl output (text or -j) adds to the drive it describes; the drive may be ATA, NVMe or SCSI. */
export const smartctlFacts: ClassFacts = {
  name: 'smartctl',
  doc: 'smartctl outputs saved in a captured tree (cmd/smartctl/…): identity, firmware and health of the drive they describe, attached to the device with the same serial, the NVMe controller of an nvme node or the ATA device under the block device; otherwise a device of its own (ata:<node>, nvme:<node>, block:<node>, with @<-d type> for a port behind a RAID controller).',
  devices: [],
  firmware: [
    { devices: ['block'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'a SCSI drive\'s Revision as smartctl printed it' },
  ],
  settings: [
    {
      namespace: 'smartctl',
      devices: ['ata', 'nvme', 'block'],
      doc: 'the information section of smartctl -i/-a/-x (or its -j members) and the health line',
      keys: {
        protocol: { type: 'string', values: ['ATA', 'NVMe', 'SCSI'] },
        model: t(), serial: t('as printed'), model_family: t('smartctl drive database family'), firmware_version: t(),
        capacity_bytes: { type: 'integer', unit: 'bytes' },
        sata_version: t('SATA Version is'), ata_version: t('ATA Version is'), nvme_version: t('NVMe Version'),
        smart_available: { type: 'boolean' }, smart_enabled: { type: 'boolean' },
        health: t('PASSED/FAILED (ATA, NVMe) or OK (SCSI)'),
        frmw: { type: 'integer', doc: 'NVMe FRMW from "Firmware Updates (0x..)"' },
        firmware_slots: { type: 'integer' }, slot1_read_only: { type: 'boolean' }, activation_without_reset: { type: 'boolean' },
      },
    },
    {
      namespace: 'smartctl.power-state',
      devices: ['ata', 'nvme', 'block'],
      doc: 'NVMe power states from smartctl\'s Supported Power States table',
      open: { type: 'string', source: 'ps<N> per row; value "<max W>W[ non-operational] enlat:<µs> exlat:<µs>"', pattern: /^ps\d+$/ },
    },
  ],
};
