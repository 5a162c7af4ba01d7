import type { ClassFacts, KeyDeclaration } from '../../facts/types.js';
import { ATA_TRIM_MODES } from './ata.js';

const bools = (...names: string[]): Record<string, KeyDeclaration> => Object.fromEntries(names.map((n) => [n, { type: 'boolean' } satisfies KeyDeclaration]));
const ATTRIBUTE = /^[A-Za-z0-9_.-]+$/;
const t = (doc?: string): KeyDeclaration => ({ type: 'text', ...(doc ? { doc } : {}) });

/** What a smartctl output (text or -j) adds to the drive it describes; the drive may be ATA, NVMe or SCSI. */
const SMARTCTL_DOC = 'smartctl outputs saved in a captured tree (cmd/smartctl/…): identity, firmware and health of the drive they describe, attached to the device with the same serial, the NVMe controller of an nvme node or the ATA device under the block device; otherwise a device of its own (ata:<node>, nvme:<node>, block:<node>, with @<-d type> for a port behind a RAID controller).';

export const ataFacts: ClassFacts = {
  name: 'ata',
  doc: 'Block devices (sys/block) and ATA devices (sys/class/ata_device): IDENTIFY, the kernel\'s TRIM decision, link power management. Also ' + SMARTCTL_DOC,
  devices: [
    { class: 'block', key: 'block:<disk>', doc: 'model/serial from device/model and device/serial; parent = nvme:<ctrl> for NVMe namespaces, ata:<devP.D> for a disk on a libata device, else the PCI function' },
    { class: 'ata', key: 'ata:<devP.D>', doc: 'model/serial from IDENTIFY (without a readable IDENTIFY: model and firmware from its SCSI disk\'s INQUIRY, vendor ATA, a model of 16 characters, or of 15 with the space after it, stored ending in …); parent = the controller\'s PCI function (its disk block:<disk> names it as parent); empty ports get no row. ata:<disk> (no parent) from an imported report\'s hdparm -I / -i when sysfs has no device with its serial, and from a listing of the SCSI layer without SCSI sysfs (lsscsi: a disk of vendor ATA not behind a firmware SATL; ata:<devP.D> where a udev walk of its host names the libata port)' },
  ],
  firmware: [
    { devices: ['ata'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'IDENTIFY words 23–26, trimmed (all 8 characters, unlike sysfs rev); hdparm\'s Firmware Revision / FwRev for an imported report; where only the SCSI layer names the drive (sysfs rev, lsscsi, lsblk without udev), its INQUIRY revision (the firmware\'s last 4 characters, or first 4 when those are blank) with … before it (…1630 of VA111630): a firmware condition decides such a version only where the firmwares it lists would end otherwise, else the rule skips' },
    { devices: ['block'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'a SCSI drive\'s Revision as smartctl printed it; of vendor ATA (a SAT layer: smartctl -d scsi, a bridge without ATA passthrough) 4 of the drive\'s firmware characters, with … before it as every SCSI source stores it; a placeholder (libata\'s n/a) as printed, unknown' },
  ],
  settings: [
    {
      namespace: 'queue',
      devices: ['block'],
      doc: 'each queue/ attribute typed: 0/1 flags as booleans, integers as numbers, other text as read',
      keys: {
        scheduler: { type: 'string', doc: 'the active elevator (mq-deadline, none)' },
        scheduler_available: { type: 'list' },
      },
      open: { type: 'text', source: 'attribute names of sys/block/<disk>/queue/ (rotational, logical_block_size, write_cache…)', pattern: ATTRIBUTE },
    },
    {
      namespace: 'sysfs',
      devices: ['block'],
      doc: 'the disk\'s own attributes; device/<attr> for the SCSI/NVMe device attributes (INQUIRY/VPD blobs excluded)',
      open: { type: 'text', source: 'attribute names of sys/block/<disk>/ and device/<attr> of its device directory', pattern: /^(?:device\/)?[A-Za-z0-9_.-]+$/ },
    },
    {
      namespace: 'ata',
      devices: ['ata'],
      doc: 'from IDENTIFY (or hdparm -I\'s decode of it in an imported report: ncq_send_receive is not printed there), the trim attribute and the SCSI host\'s link power management policy',
      keys: {
        major_version: { type: 'integer', doc: 'ATA/ACS major: 8 = ACS, 9 = ACS-2, 10 = ACS-3, 11 = ACS-4' },
        sectors: { type: 'integer' },
        logical_sector_size: { type: 'integer', unit: 'bytes', doc: 'hdparm -I `Logical  Sector size` (or `Logical/Physical Sector size`, 512 without a valid word 106)' },
        physical_sector_size: { type: 'integer', unit: 'bytes', doc: 'hdparm -I `Physical Sector size`' },
        logical_sector_offset: { type: 'integer', unit: 'bytes', doc: 'hdparm -I `Logical Sector-0 offset`: where the first logical sector starts in the first physical sector (word 209)' },
        queue_depth: { type: 'integer', doc: 'null without NCQ' },
        sata_max_gen: { type: 'integer', doc: '1/2/3 = 1.5/3/6 Gb/s' },
        rotation_rate: { type: 'text', doc: 'non-rotating, or RPM; null when not reported' },
        checksum_valid: { type: 'boolean', doc: 'word 255; null without the A5h signature' },
        ...bools(
          'lba48', 'ncq', 'ncq_send_receive', 'hipm', 'dipm_supported', 'dipm_enabled', 'devsleep', 'trim', 'deterministic_read_after_trim',
          'zeroes_after_trim', 'write_cache_supported', 'write_cache_enabled', 'read_look_ahead_enabled', 'smart_supported', 'smart_enabled', 'fua',
          'security.supported', 'security.enabled', 'security.locked', 'security.frozen',
        ),
        trim_mode: { type: 'string', values: ATA_TRIM_MODES, doc: 'the kernel\'s decision from the trim attribute (forced_unqueued: a NO_NCQ_TRIM quirk applied)' },
        lpm_policy: { type: 'string', doc: 'link_power_management_policy of the SCSI host the disk sits on (max_performance, medium_power, med_power_with_dipm, min_power…)' },
      },
    },
    {
      namespace: 'sysfs',
      devices: ['ata'],
      doc: 'ata_device attributes; link/<attr> for the ATA link',
      keys: Object.fromEntries(['class', 'gscr', 'ering', 'spdn_cnt', 'pio_mode', 'dma_mode', 'xfer_mode'].map((k) => [k, { type: 'text' }])),
      open: { type: 'text', source: 'attribute names of sys/class/ata_link/<link>/ (link/sata_spd, link/sata_spd_limit, link/hw_sata_spd_limit)', pattern: /^link\/[A-Za-z0-9_.-]+$/ },
    },
    {
      namespace: 'smartctl',
      devices: ['ata', 'nvme', 'block', 'scsi'],
      doc: 'the information section of smartctl -i/-a/-x (or its -j members) and the health line',
      keys: {
        protocol: { type: 'string', values: ['ATA', 'NVMe', 'SCSI'] },
        model: t(), serial: t('as printed'), wwn: t('the world wide name as lower-case hex: LU WWN Device Id (ATA), Logical Unit id (SCSI), Namespace 1 IEEE EUI-64 (NVMe)'), model_family: t('smartctl drive database family'), firmware_version: t(),
        capacity_bytes: { type: 'integer', unit: 'bytes' },
        sata_version: t('SATA Version is'), ata_version: t('ATA Version is'), nvme_version: t('NVMe Version'),
        smart_available: { type: 'boolean' }, smart_enabled: { type: 'boolean' },
        health: t('PASSED/FAILED (ATA, NVMe); OK or the informational exception with its sense codes as the text prints it (SCSI: `FAILURE PREDICTION THRESHOLD EXCEEDED [asc=5d, ascq=0]`, also from -j smart_status.scsi)'),
        warning: t('the drive database\'s warning for this model and firmware ("A firmware update for this drive may be available, see …"), its lines joined'),
        frmw: { type: 'integer', doc: 'NVMe FRMW from "Firmware Updates (0x..)"' },
        firmware_slots: { type: 'integer' }, slot1_read_only: { type: 'boolean' }, activation_without_reset: { type: 'boolean' },
      },
    },
    {
      namespace: 'smartctl.attribute',
      devices: ['ata', 'block', 'scsi'],
      doc: 'the ATA SMART attribute table smartctl -A/-a/-x prints (long or brief form) or -j gives (ata_smart_attributes.table), also its rows kept alone by a filter (`| grep -i temp`): one row per attribute id, the same keys and values whichever form printed it',
      open: {
        type: 'text',
        source: '<id>/<field> per row: name (Temperature_Celsius), flags (0x0022; the long form and -j only), value, worst, thresh (the normalized bytes; absent where smartctl prints ---), type (Pre-fail, Old_age), updated (Always, Offline), when_failed (FAILING_NOW, In_the_past or - as the long form prints it; the brief form\'s NOW and Past, -j\'s now and past), raw (the raw value as printed: 36 (Min/Max 18/45))',
        pattern: /^\d{1,3}\/(?:name|flags|value|worst|thresh|type|updated|when_failed|raw)$/,
      },
    },
    {
      namespace: 'smartctl.power-state',
      devices: ['ata', 'nvme', 'block', 'scsi'],
      doc: 'NVMe power states from smartctl\'s Supported Power States table',
      open: { type: 'string', source: 'ps<N> per row; value "<max W>W[ non-operational] enlat:<µs> exlat:<µs>"', pattern: /^ps\d+$/ },
    },
  ],
};
