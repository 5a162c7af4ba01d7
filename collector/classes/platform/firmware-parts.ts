import type { Source, SourceContext } from '../../source.js';

/**
 * Platform firmware beyond the BIOS, one part each. Every attribute here is read from what the kernel cached at
 * boot, except where a part says otherwise; a part with nothing to read skips alone.
 */

const EFI = '/sys/firmware/efi';
/**
 * fw_platform_size: the firmware's word size (64, or 32 for a 32-bit UEFI starting a 64-bit kernel; from 4.1).
 * systab: the configuration tables the firmware published (ACPI20=, SMBIOS=, ESRT=…, x86), as the kernel noted them
 * at boot (drivers/firmware/efi/efi.c). Both are the kernel's own copies; the variables (efivars) are not read.
 */
export const EFI_ATTRIBUTES = ['fw_platform_size', 'systab'] as const;

/**
 * The UEFI boot (Documentation/ABI/testing/sysfs-firmware-efi): /sys/firmware/efi exists only when UEFI firmware
 * started the kernel. On a BIOS boot the part has nothing to read, and a bundle of a host or captured tree without
 * sys/firmware/efi/ says so.
 */
export const efi: Source = {
  name: 'efi',
  description: 'UEFI boot: whether UEFI firmware started the kernel, its word size and configuration tables',
  collect(ctx) {
    if (!ctx.isDir(EFI)) ctx.skip('not booted through UEFI (no /sys/firmware/efi)');
    ctx.collectAttributes(EFI, EFI_ATTRIBUTES.filter((a) => ctx.exists(`${EFI}/${a}`)));
  },
};

const ESRT = `${EFI}/esrt`;

export const ESRT_TABLE_ATTRIBUTES = ['fw_resource_count', 'fw_resource_count_max', 'fw_resource_version'] as const;
export const ESRT_ENTRY_ATTRIBUTES = ['fw_class', 'fw_type', 'fw_version', 'lowest_supported_fw_version', 'capsule_flags', 'last_attempt_version', 'last_attempt_status'] as const;

/** UEFI ESRT (Documentation/ABI/testing/sysfs-firmware-efi-esrt): copied from the firmware's table at boot. */
export const esrt: Source = {
  name: 'esrt',
  description: 'UEFI ESRT: each firmware resource the system firmware can update by capsule, its version, lowest supported version and last attempt',
  collect(ctx) {
    if (!ctx.isDir(ESRT)) ctx.skip('no UEFI ESRT');
    ctx.collectAttributes(ESRT, ESRT_TABLE_ATTRIBUTES.filter((a) => ctx.exists(`${ESRT}/${a}`)));
    for (const entry of ctx.listDir(`${ESRT}/entries`) ?? []) {
      if (!/^entry\d+$/.test(entry)) continue;
      ctx.device('esrt', entry);
      const present = new Set(ctx.listDir(`${ESRT}/entries/${entry}`) ?? []);
      ctx.collectAttributes(`${ESRT}/entries/${entry}`, ESRT_ENTRY_ATTRIBUTES.filter((a) => present.has(a)));
    }
  },
};

const MEI = '/sys/class/mei';
/** `fw_status` is read from the function's PCI config space (HFSTS registers); the rest is cached by mei_me. tx_queue_limit is writable and left alone. */
export const MEI_ATTRIBUTES = ['fw_ver', 'fw_status', 'hbm_ver', 'hbm_ver_drv', 'dev_state', 'kind', 'trc'] as const;

/** Intel ME / CSME / TXE (Documentation/ABI/testing/sysfs-class-mei). Absent on most servers: mei_me does not bind SPS firmware. */
export const mei: Source = {
  name: 'mei',
  description: 'Intel ME/CSME/TXE: firmware versions, status registers, state',
  collect(ctx) {
    const devices = (ctx.listDir(MEI) ?? []).filter((d) => /^mei\d+$/.test(d));
    if (devices.length === 0) ctx.skip('no Intel ME interface (mei)');
    for (const d of devices) {
      ctx.device('mei', d);
      ctx.collectLink(`${MEI}/${d}`, { directory: true });
      const present = new Set(ctx.listDir(`${MEI}/${d}`) ?? []);
      ctx.collectAttributes(`${MEI}/${d}`, MEI_ATTRIBUTES.filter((a) => present.has(a)));
    }
  },
};

const TPM = '/sys/class/tpm';
/**
 * Only attributes the TPM driver answers without a TPM command. TPM 1.2's caps, pcrs, pubek (the endorsement key,
 * a unique identifier), enabled, active, owned, durations and timeouts each send a command; pcr-<hash>/ reads one
 * PCR per file; ppi/ evaluates ACPI methods. None of them is read.
 */
export const TPM_ATTRIBUTES = ['tpm_version_major'] as const;
export const TPM_DENIED = ['caps', 'pcrs', 'pubek', 'enabled', 'active', 'owned', 'temp_deactivated', 'durations', 'timeouts', 'cancel', 'ppi'] as const;
/** tpm2_getcap properties-fixed: one TPM2_GetCapability(TPM_CAP_TPM_PROPERTIES), read-only; tpm2-tools 3.x spells it with -c. */
export const TPM2_GETCAP_ARGV = ['tpm2_getcap', 'properties-fixed'] as const;
const TPM2_GETCAP_TIMEOUT_MS = 10_000;
/** The kernel's hardware RNG core: which RNG it reads (`tpm-rng-<N>` for a TPM) and which it could; names only, kept in memory. */
const HWRNG = '/sys/class/misc/hw_random';
export const HWRNG_ATTRIBUTES = ['rng_current', 'rng_available'] as const;

/** TPM (Documentation/ABI/stable/sysfs-class-tpm); the TPM 2.0 manufacturer and firmware version come from tpm2_getcap. */
export const tpm: Source = {
  name: 'tpm',
  description: 'TPM: version, ACPI description, and for TPM 2.0 the manufacturer and firmware version (tpm2_getcap properties-fixed)',
  collect(ctx) {
    const devices = (ctx.listDir(TPM) ?? []).filter((d) => /^tpm\d+$/.test(d));
    if (devices.length === 0) ctx.skip('no TPM');
    let tpm2 = false;
    for (const d of devices) {
      ctx.device('tpm', d);
      ctx.collectLink(`${TPM}/${d}`, { directory: true });
      const major = ctx.exists(`${TPM}/${d}/tpm_version_major`) ? ctx.collectFile(`${TPM}/${d}/tpm_version_major`)?.toString().trim() : undefined;
      if (major === '2') tpm2 = true;
      if (ctx.exists(`${TPM}/${d}/device/description`)) ctx.collectFile(`${TPM}/${d}/device/description`);
      if (ctx.exists(`${TPM}/${d}/device/firmware_node`)) ctx.collectLink(`${TPM}/${d}/device/firmware_node`);
    }
    if (ctx.isDir(HWRNG)) ctx.collectAttributes(HWRNG, HWRNG_ATTRIBUTES.filter((a) => ctx.exists(`${HWRNG}/${a}`)));
    // Last, after every passive read: it talks to the TPM (through the resource manager when there is one).
    if (tpm2 && ctx.hasCommand('tpm2_getcap')) ctx.runCommand([...TPM2_GETCAP_ARGV], { timeoutMs: TPM2_GETCAP_TIMEOUT_MS });
  },
};

const IPMI_PLATFORM = '/sys/devices/platform';
/**
 * The BMC's Get Device ID answer (Documentation/ABI/testing/sysfs-devices-platform-ipmi). The kernel answers from
 * its cached copy, refreshing it with one Get Device ID to the BMC when it is stale: a read-only IPMI command, here
 * under the source's deadline.
 */
export const BMC_ATTRIBUTES = ['firmware_revision', 'aux_firmware_revision', 'revision', 'device_id', 'ipmi_version', 'manufacturer_id', 'product_id', 'guid', 'provides_device_sdrs', 'additional_device_support'] as const;

export const bmc: Source = {
  name: 'bmc',
  description: 'BMC: firmware revision, IPMI version, manufacturer and product ids, GUID (the Get Device ID answer the IPMI driver keeps)',
  collect(ctx) {
    const bmcs = (ctx.listDir(IPMI_PLATFORM) ?? []).filter((d) => /^ipmi_bmc\.\d+$/.test(d));
    if (bmcs.length === 0) ctx.skip('no BMC (IPMI driver not loaded)');
    for (const b of bmcs) {
      ctx.device('bmc', b);
      const present = new Set(ctx.listDir(`${IPMI_PLATFORM}/${b}`) ?? []);
      ctx.collectAttributes(`${IPMI_PLATFORM}/${b}`, BMC_ATTRIBUTES.filter((a) => present.has(a)));
    }
  },
};

const CCP = '/sys/bus/pci/drivers/ccp';
/**
 * AMD PSP versions and security state the ccp driver shows on the PSP's PCI function (drivers/crypto/ccp/sp-pci.c,
 * hsti.c): each read is one MMIO register read of the PSP mailbox, nothing is sent to the PSP firmware.
 */
export const PSP_ATTRIBUTES = ['bootloader_version', 'tee_version', 'fused_part', 'debug_lock_on', 'tsme_status', 'anti_rollback_status', 'rpmc_production_enabled', 'rpmc_spirom_available', 'hsp_tpm_available', 'rom_armor_enforced'] as const;
const BDF = /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;

export const psp: Source = {
  name: 'psp',
  description: 'AMD PSP: bootloader and TEE versions and security state (ccp driver)',
  collect(ctx: SourceContext) {
    const functions = (ctx.listDir(CCP) ?? []).filter((d) => BDF.test(d));
    const withPsp = functions.filter((f) => PSP_ATTRIBUTES.some((a) => ctx.exists(`${CCP}/${f}/${a}`)));
    if (withPsp.length === 0) ctx.skip('no AMD PSP versions (ccp driver)');
    for (const f of withPsp) {
      ctx.device('psp', f);
      const present = new Set(ctx.listDir(`${CCP}/${f}`) ?? []);
      ctx.collectAttributes(`${CCP}/${f}`, PSP_ATTRIBUTES.filter((a) => present.has(a)));
    }
  },
};
