import type { ClassFacts } from '../../facts/types.js';
import { DMI_ATTRIBUTES } from './dmi.js';

export const platformFacts: ClassFacts = {
  name: 'platform',
  // Its rules read the kernel log (table kernel_log).
  reads: ['kernel-log'],
  doc: 'The machine: DMI identification and the BIOS version (sys/class/dmi/id, or the dmidecode text of an imported report).',
  devices: [{ class: 'platform', key: 'platform', doc: 'model = "<sys_vendor> <product_name>"; serial = product_serial, else board_serial (placeholders such as "To be filled by O.E.M." are no serial)' }],
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
    {
      namespace: 'uefi',
      devices: ['platform'],
      doc: 'How the firmware started the kernel: /sys/firmware/efi (collector part efi) and the UEFI lines of the kernel log',
      keys: {
        boot: { type: 'string', values: ['uefi', 'bios'], doc: 'uefi: /sys/firmware/efi or the UEFI system table in the kernel log; bios: the efi part found no /sys/firmware/efi on a live host' },
        platform_size: { type: 'integer', unit: 'bits', doc: 'fw_platform_size: 64, or 32 for a 32-bit UEFI' },
        revision: { type: 'text', doc: 'the UEFI revision of the system table as the kernel prints it ("efi: EFI v2.70 by …")' },
        vendor: { type: 'text', doc: 'the firmware vendor of the system table (EDK II, American Megatrends)' },
        secure_boot: { type: 'string', values: ['enabled', 'disabled', 'undetermined'], doc: 'the kernel\'s "Secure boot …" line' },
        config_tables: { type: 'list', doc: 'the configuration tables the kernel logged (ACPI 2.0, SMBIOS, MEMATTR, ESRT…)' },
        esrt: { type: 'string', values: ['present', 'absent'], doc: 'whether the firmware publishes an ESRT (entries under /sys/firmware/efi/esrt or ESRT in the logged tables); absent (none in the logged tables, or none on a live host) is a fact, not an error' },
      },
    },
  ],
};

/** The platform's firmware beyond the BIOS: ESRT, Intel ME, TPM, BMC, AMD PSP (collector parts esrt, mei, tpm, bmc, psp). */
export const platformFirmwareFacts: ClassFacts = {
  name: 'platform-firmware',
  doc: 'UEFI ESRT entries, Intel ME/CSME, TPMs, the BMC and the AMD PSP.',
  devices: [
    { class: 'esrt', key: 'esrt:entry<N>', doc: 'one UEFI ESRT entry; model = its firmware type and class GUID' },
    { class: 'mei', key: 'mei:mei<N>', doc: 'an Intel ME interface; pci_address and parent = its PCI function' },
    { class: 'tpm', key: 'tpm:tpm<N>', doc: 'a TPM; model = manufacturer and vendor string (TPM 2.0, from tpm2_getcap) or the ACPI description' },
    { class: 'bmc', key: 'bmc:ipmi_bmc.<N>', doc: 'the BMC the IPMI driver talks to; vendor_id = IANA manufacturer id, device_id = product id' },
    { class: 'psp', key: 'psp:<dddd:bb:dd.f>', doc: 'the AMD Platform Security Processor on its PCI function' },
  ],
  firmware: [
    { devices: ['esrt'], component: 'capsule', states: ['running'], scheme: 'number', doc: 'ESRT fw_version (32-bit, compared as a number, as capsule updates compare it)' },
    { devices: ['mei'], component: 'csme', states: ['running'], scheme: 'quad', doc: 'the running ME/CSME/TXE firmware, major.minor.hotfix.build (fw_ver line 1)' },
    { devices: ['mei'], component: 'csme.recovery', states: ['running'], scheme: 'quad', doc: 'the recovery image (fw_ver line 2)' },
    { devices: ['mei'], component: 'csme.factory', states: ['running'], scheme: 'quad', doc: 'the factory (FITC) image (fw_ver line 3)' },
    { devices: ['mei'], component: 'gsc', states: ['running'], scheme: 'quad', doc: 'the graphics system controller firmware (mei kind gsc/gscfi)' },
    { devices: ['mei'], component: 'gsc.recovery', states: ['running'], scheme: 'quad', doc: 'its recovery image' },
    { devices: ['mei'], component: 'gsc.factory', states: ['running'], scheme: 'quad', doc: 'its factory image' },
    { devices: ['tpm'], component: 'tpm', states: ['running'], scheme: 'pair', doc: 'TPM 2.0 firmware major.minor: the 16-bit halves of TPM2_PT_FIRMWARE_VERSION_1' },
    { devices: ['tpm'], component: 'tpm.full', states: ['running'], scheme: 'dotted', doc: 'TPM 2.0 firmware as four numbers: the 16-bit halves of TPM2_PT_FIRMWARE_VERSION_1 then _2, in decimal (ordered as the 64-bit value the kernel compares)' },
    { devices: ['bmc'], component: 'bmc', states: ['running'], scheme: 'dotted', doc: 'the BMC firmware revision as the IPMI driver prints it (major.minor, minor in BCD)' },
    { devices: ['psp'], component: 'psp.bootloader', states: ['running'], scheme: 'dotted', doc: 'PSP bootloader version (AA.BB.CC.DD, hex)' },
    { devices: ['psp'], component: 'psp.tee', states: ['running'], scheme: 'dotted', doc: 'PSP trusted execution environment version (AA.BB.CC.DD, hex)' },
  ],
  settings: [
    {
      namespace: 'esrt',
      devices: ['esrt'],
      doc: 'ESRT entry fields (Documentation/ABI/testing/sysfs-firmware-efi-esrt)',
      keys: {
        fw_class: { type: 'string', doc: 'the firmware class GUID, lower case' },
        fw_type: { type: 'text', doc: 'unknown, system firmware, device firmware, UEFI driver' },
        lowest_supported_fw_version: { type: 'integer' },
        last_attempt_version: { type: 'integer' },
        last_attempt_status: { type: 'integer', doc: '0 success; 1–8 the UEFI LAST_ATTEMPT_STATUS_ERROR_* codes' },
        last_attempt_result: { type: 'text', doc: 'last_attempt_status in words' },
        capsule_flags: { type: 'text' },
      },
    },
    {
      namespace: 'mei',
      devices: ['mei'],
      doc: 'Intel ME interface attributes (Documentation/ABI/testing/sysfs-class-mei)',
      keys: {
        kind: { type: 'text', doc: 'mei, itouch, gsc, gscfi' },
        dev_state: { type: 'text' },
        hbm_ver: { type: 'text' },
        hbm_ver_drv: { type: 'text' },
        trc: { type: 'text' },
        fw_status: { type: 'list', doc: 'the HFSTS registers, hex' },
      },
    },
    {
      namespace: 'tpm',
      devices: ['tpm'],
      doc: 'TPM identity: sysfs and TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES) via tpm2_getcap',
      keys: {
        version_major: { type: 'integer', doc: '1 or 2 (tpm_version_major)' },
        hwrng: { type: 'string', values: ['current', 'available', 'not registered'], doc: "the TPM's RNG in the kernel's hwrng core (/sys/class/misc/hw_random): the one it reads, registered, or not registered (kernels that leave the TPM out, e.g. every AMD fTPM from 6.5)" },
        description: { type: 'text', doc: 'the ACPI description (device/description)' },
        manufacturer: { type: 'string', doc: 'TPM2_PT_MANUFACTURER as its four letters (IFX, STM, NTC, INTC, AMD)' },
        manufacturer_id: { type: 'string', doc: 'TPM2_PT_MANUFACTURER, 0x%08x (0x49465800 Infineon)' },
        vendor_string: { type: 'text' },
        spec_revision: { type: 'text', doc: 'TPM2_PT_REVISION (1.38, 1.59)' },
      },
    },
    {
      namespace: 'bmc',
      devices: ['bmc'],
      doc: 'The BMC Get Device ID answer (Documentation/ABI/testing/sysfs-devices-platform-ipmi)',
      keys: {
        aux_firmware_revision: { type: 'text' },
        ipmi_version: { type: 'text' },
        device_id: { type: 'text' },
        revision: { type: 'text' },
        manufacturer_id: { type: 'text' },
        product_id: { type: 'text' },
        provides_device_sdrs: { type: 'text' },
        additional_device_support: { type: 'text' },
      },
    },
    {
      namespace: 'psp',
      devices: ['psp'],
      doc: 'AMD PSP security state (drivers/crypto/ccp/hsti.c)',
      keys: Object.fromEntries(['fused_part', 'debug_lock_on', 'tsme_status', 'anti_rollback_status', 'rpmc_production_enabled', 'rpmc_spirom_available', 'hsp_tpm_available', 'rom_armor_enforced'].map((k) => [k, { type: 'boolean' as const }])),
    },
  ],
};
