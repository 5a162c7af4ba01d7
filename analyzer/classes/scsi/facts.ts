import type { ClassFacts } from '../../facts/types.js';

const ATTRIBUTE = /^[A-Za-z0-9_.-]+$/;

export const scsiFacts: ClassFacts = {
  name: 'scsi',
  // Its rules read the kernel log (table kernel_log).
  reads: ['kernel-log'],
  doc: 'SCSI hosts (HBAs, RAID and FC adapters) with their drivers\' cached versions, SCSI devices with INQUIRY and VPD identity, SAS expanders and phys, Fibre Channel hosts.',
  devices: [
    {
      class: 'scsi_host',
      key: 'scsi_host:<hostN>',
      doc: 'every SCSI host except libata ports (ahci…) that report no version and have nothing this class loads behind them; driver = proc_name, model = board_name/model_name/modelname/model/version_product, serial = serial_num/serialnum/serial_number/board_tracer, parent = its PCI function',
    },
    { class: 'scsi', key: 'scsi:<H:C:T:L>', doc: 'a SCSI device not behind a libata port (those are ata/block rows); model = INQUIRY product, serial = VPD page 0x80, parent = scsi_host:host<H>. From an imported report without SCSI sysfs: every device its lsscsi lists (ATA disks included), with vendor, type and revision only. From a saved sg_inq, sg_vpd or sdparm output: scsi:<node> (scsi:sda, scsi:sg2), folded into the device of its serial the host names (docs/schema.md, one drive one device; behind a SAT layer, the ATA information page of sg_vpd gives the IDENTIFY model and serial of the drive); from a saved smartctl output run on the disk of a SCSI device the host names (its block:sdX under H:C:T:L): scsi:<node>, folded likewise' },
    { class: 'sas_expander', key: 'sas_expander:<expander-H:N>', doc: 'model = product_id; parent = scsi_host:host<H>' },
    { class: 'sas_phy', key: 'sas_phy:<phy-H:…>', doc: 'a SAS phy of a host or expander; parent = scsi_host:host<H>' },
    { class: 'fc_host', key: 'fc_host:<hostN>', doc: 'the Fibre Channel transport of a host; model and serial from fc_host model/serial_number; parent = scsi_host:<hostN>' },
  ],
  firmware: [
    {
      devices: ['scsi_host'], component: 'firmware', states: ['running', 'stored'], scheme: 'guessed',
      doc: 'running: fw_version (qla2xxx), version_fw (mpt2sas/mpt3sas, mptsas), firmware_revision (hpsa), firmware_version (smartpqi, bfa), fwrev before the comma (lpfc), hba_kernel_version (aacraid); stored: optrom_fw_version (qla2xxx, the image in flash)',
    },
    { devices: ['scsi_host'], component: 'bios', states: ['running'], scheme: 'guessed', doc: 'version_bios (mpt*), optrom_bios_version (qla2xxx), option_rom_version (lpfc, bfa), hba_bios_version (aacraid)' },
    { devices: ['scsi_host'], component: 'nvdata', states: ['running'], scheme: 'guessed', doc: 'version_nvdata_persistent (mpt*)' },
    { devices: ['scsi'], component: 'firmware', states: ['running'], scheme: 'plain', doc: 'INQUIRY product revision (sysfs rev, lsscsi, sdparm, sg_inq; 4 characters); of vendor ATA (a SAT layer: libata, an adapter or a USB bridge) the revision SAT makes of the drive\'s firmware, 4 of its 8 characters, with … before it in every source, deciding a firmware condition only where the listed firmwares would show other characters (…1U); from a saved sg_vpd output of a drive behind a SAT layer, the IDENTIFY firmware revision its ATA information page (0x89) gives, whole' },
    { devices: ['sas_expander'], component: 'firmware', states: ['running'], scheme: 'plain', doc: 'product_rev from REPORT MANUFACTURER INFORMATION' },
    { devices: ['fc_host'], component: 'firmware', states: ['running'], scheme: 'guessed', doc: 'fc_host firmware_version (drivers that fill the FDMI attributes: bnx2fc, fnic, qedf…), else the FW:v / FV part of symbolic_name (qla2xxx, lpfc)' },
  ],
  settings: [
    {
      namespace: 'scsi_host',
      devices: ['scsi_host'],
      doc: 'identity, counters and state a SCSI host driver keeps',
      keys: {
        proc_name: { type: 'string', doc: 'the driver (mpt3sas, megaraid_sas, qla2xxx…)' },
        board_name: { type: 'text' },
        version_product: { type: 'text' },
        sli: { type: 'string', doc: 'lpfc: the SLI level after the comma of fwrev (sli-3, sli-4:2:b)' },
        ioc_reset_count: { type: 'integer', doc: 'mpt3sas: controller resets since the driver loaded' },
        total_isp_aborts: { type: 'integer', doc: 'qla2xxx: ISP aborts (adapter resets) since load' },
        fw_dump_size: { type: 'integer', doc: 'qla2xxx: bytes of a captured firmware dump; > 0 once the firmware was dumped (a firmware fault or a requested dump)' },
        lockup_detected: { type: 'integer', doc: 'hpsa: the lockup value the driver read when it declared the controller locked up; 0 when none' },
      },
      open: { type: 'text', source: 'the other allow-listed attribute names of sys/class/scsi_host/<host>/ (model_name, isp_name, version_mpi…)', pattern: ATTRIBUTE },
    },
    {
      namespace: 'scsi',
      devices: ['scsi'],
      doc: 'the device\'s sysfs attributes (INQUIRY and VPD blobs excluded); power/<attr> for runtime power management',
      keys: {
        vendor: { type: 'string', doc: 'INQUIRY vendor identification, trimmed (HP, SEAGATE, QEMU)' },
        type: { type: 'integer', doc: 'peripheral device type: 0 disk, 1 tape, 5 CD/DVD, 8 changer, 0x0c RAID controller, 0x0d enclosure' },
        queue_depth: { type: 'integer' },
        timeout: { type: 'integer', unit: 's' },
      },
      open: { type: 'text', source: 'attribute names of sys/bus/scsi/devices/<H:C:T:L>/ and power/<attr>', pattern: /^(?:power\/)?[A-Za-z0-9_.-]+$/ },
    },
    {
      namespace: 'vpd',
      devices: ['scsi'],
      doc: 'from the VPD pages the kernel cached at scan: serial (0x80) and the designators of 0x83',
      keys: {
        serial: { type: 'text', doc: 'Unit Serial Number page' },
        lu_name: { type: 'text', doc: 'the logical unit\'s NAA (naa.<hex>), else EUI-64 (eui.<hex>), else SCSI name string, else T10 vendor ID designator' },
      },
      open: { type: 'text', source: 'designator.<lun|target-port|target-device>.<naa|eui-64|t10-vendor-id|scsi-name-string|relative-target-port|…> of page 0x83', pattern: /^designator\.[a-z-]+\.[a-z0-9-]+$/ },
    },
    {
      namespace: 'sdparm',
      devices: ['scsi'],
      modes: ['current', 'default', 'permanent'],
      doc: 'mode page fields a saved sdparm output listed, by page acronym and field (ca.WCE, rw.AWRE, ie.DEXCPT); device.WP and device.DPOFUA from its device specific parameters line. mode current: the value in use; default and permanent (saved): from `[cha: y, def: 1, sav: 1]` where printed',
      open: { type: 'integer', source: 'sdparm\'s page acronyms and field acronyms (sdparm_data.c)', pattern: /^[a-z0-9_]+\.[A-Z][A-Z0-9_]*$/ },
    },
    {
      namespace: 'sas',
      devices: ['sas_expander', 'sas_phy'],
      doc: 'SAS transport attributes (expander identity; phy addresses and link rates)',
      open: { type: 'text', source: 'attribute names of sys/class/sas_expander/<e>/ and sys/class/sas_phy/<p>/', pattern: ATTRIBUTE },
    },
    {
      namespace: 'fc',
      devices: ['fc_host'],
      doc: 'fc_host attributes: port_name, port_state, speed, symbolic_name…',
      open: { type: 'text', source: 'attribute names of sys/class/fc_host/<host>/', pattern: ATTRIBUTE },
    },
  ],
};
