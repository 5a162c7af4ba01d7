import { DIR_LINK_NAME } from '../../../bundle/format.js';
import type { LoadContext } from '../../load/types.js';
import { meiComponent, parseMeiFwVer } from './mei.js';
import { parseTpm2Properties, tpmAscii, tpmFirmwareVersion } from './tpm2-getcap.js';

const ESRT = 'sys/firmware/efi/esrt';
const MEI = 'sys/class/mei';
const TPM = 'sys/class/tpm';
const HWRNG = 'sys/class/misc/hw_random';
const IPMI = 'sys/devices/platform';
const CCP = 'sys/bus/pci/drivers/ccp';
/** tpm2-tools 4+ and 3.x spellings of the one query the collector runs. */
const GETCAP_NAMES = ['cmd/tpm2_getcap/properties-fixed.out', 'cmd/tpm2_getcap/-c_properties-fixed.out'];

/** UEFI 2.x, EFI_SYSTEM_RESOURCE_ENTRY.FwType and LastAttemptStatus. */
export const ESRT_FW_TYPES: Record<number, string> = { 0: 'unknown', 1: 'system firmware', 2: 'device firmware', 3: 'UEFI driver' };
export const ESRT_LAST_ATTEMPT: Record<number, string> = {
  0: 'success', 1: 'unsuccessful', 2: 'insufficient resources', 3: 'incorrect version', 4: 'invalid format',
  5: 'authentication error', 6: 'AC power event', 7: 'battery power event', 8: 'unsatisfied dependencies',
};

const uint = (t: string | undefined): number | undefined => (t !== undefined && /^\d+$/.test(t.trim()) ? Number(t.trim()) : undefined);
const children = (ctx: LoadContext, prefix: string, name: RegExp): string[] =>
  [...new Set(ctx.under(`${prefix}/`).map((n) => n.slice(prefix.length + 1).split('/')[0]!).filter((n) => name.test(n)))].sort();

function loadEsrt(ctx: LoadContext): void {
  const platform = ctx.devices().some((d) => d.key === 'platform') ? 'platform' : null;
  for (const entry of children(ctx, `${ESRT}/entries`, /^entry\d+$/)) {
    const art = (a: string): string => `${ESRT}/entries/${entry}/${a}`;
    const t = (a: string): string | undefined => ctx.text(art(a))?.trim();
    const key = `esrt:${entry}`;
    const type = uint(t('fw_type'));
    const guid = t('fw_class')?.toLowerCase();
    ctx.sink.device({ key, class: 'esrt', parentKey: platform, model: guid ? `${ESRT_FW_TYPES[type ?? 0] ?? `type ${type}`} ${guid}` : null });
    const version = uint(t('fw_version'));
    if (version !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'capsule', version: String(version), state: 'running', scheme: 'number', artifact: art('fw_version') });
    const set = (k: string, value: string | number, a: string): void => ctx.sink.setting({ deviceKey: key, namespace: 'esrt', key: k, value, mode: 'current', artifact: art(a) });
    if (guid) set('fw_class', guid, 'fw_class');
    if (type !== undefined) set('fw_type', ESRT_FW_TYPES[type] ?? String(type), 'fw_type');
    for (const a of ['lowest_supported_fw_version', 'last_attempt_version', 'last_attempt_status'] as const) {
      const n = uint(t(a));
      if (n !== undefined) set(a, n, a);
    }
    const status = uint(t('last_attempt_status'));
    if (status !== undefined) set('last_attempt_result', ESRT_LAST_ATTEMPT[status] ?? `status ${status}`, 'last_attempt_status');
    const flags = t('capsule_flags');
    if (flags) set('capsule_flags', flags, 'capsule_flags');
  }
}

function loadMei(ctx: LoadContext): void {
  for (const dev of children(ctx, MEI, /^mei\d+$/)) {
    const art = (a: string): string => `${MEI}/${dev}/${a}`;
    const key = `mei:${dev}`;
    const link = ctx.text(art(DIR_LINK_NAME));
    const bdf = link?.split('/').find((p) => /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/.test(p));
    const kind = ctx.text(art('kind'))?.trim();
    ctx.sink.device({ key, class: 'mei', parentKey: bdf ?? null, pciAddress: bdf ?? null, driver: 'mei_me', model: kind === 'gsc' || kind === 'gscfi' ? 'Intel graphics system controller' : 'Intel Management Engine' });
    const fw = ctx.get(art('fw_ver')) ? ctx.parse(art('fw_ver'), 'mei-fw-ver', (b) => parseMeiFwVer(b.toString('utf8'))) : undefined;
    for (const i of fw?.issues ?? []) ctx.sink.issue('PARSE-LINE', `mei fw_ver: line ${i.line} "${i.text}" is not platform:major.minor.hotfix.build`, art('fw_ver'));
    const component = meiComponent(kind);
    fw?.versions.forEach((v, i) => {
      ctx.sink.firmware({ deviceKey: key, component: [component, `${component}.recovery`, `${component}.factory`][i] ?? `${component}.${i}`, version: v.version, state: 'running', scheme: 'quad', artifact: art('fw_ver') });
    });
    for (const a of ['kind', 'dev_state', 'hbm_ver', 'hbm_ver_drv', 'trc'] as const) {
      const v = ctx.text(art(a))?.trim();
      if (v) ctx.sink.setting({ deviceKey: key, namespace: 'mei', key: a, value: v, mode: 'current', artifact: art(a) });
    }
    const status = ctx.text(art('fw_status'))?.trim().split(/\s+/).filter(Boolean);
    if (status?.length) ctx.sink.setting({ deviceKey: key, namespace: 'mei', key: 'fw_status', value: status.join(','), mode: 'current', artifact: art('fw_status') });
  }
}

function loadTpm(ctx: LoadContext): void {
  const devices = children(ctx, TPM, /^tpm\d+$/);
  const GETCAP = GETCAP_NAMES.find((n) => ctx.get(n)) ?? GETCAP_NAMES[0]!;
  const getcap = ctx.get(GETCAP) ? ctx.parse(GETCAP, 'tpm2-getcap', (b) => parseTpm2Properties(b.toString('utf8'))) : undefined;
  for (const i of getcap?.issues ?? []) ctx.sink.issue('PARSE-LINE', `tpm2_getcap: line ${i.line} "${i.text}" is not a property`, GETCAP);
  // tpm2_getcap talks to the first TPM (its default device); a bundle with only its output still has that TPM.
  if (devices.length === 0 && getcap?.properties.size) devices.push('tpm0');
  const rngAvailable = ctx.text(`${HWRNG}/rng_available`)?.trim().split(/\s+/).filter(Boolean);
  const rngCurrent = ctx.text(`${HWRNG}/rng_current`)?.trim();
  devices.forEach((dev, n) => {
    const art = (a: string): string => `${TPM}/${dev}/${a}`;
    const key = `tpm:${dev}`;
    const props = n === 0 ? getcap?.properties : undefined;
    const manufacturer = props?.get('TPM2_PT_MANUFACTURER')?.raw;
    const vendor = ['TPM2_PT_VENDOR_STRING_1', 'TPM2_PT_VENDOR_STRING_2', 'TPM2_PT_VENDOR_STRING_3', 'TPM2_PT_VENDOR_STRING_4']
      .map((p) => props?.get(p)?.raw).filter((r): r is number => r !== undefined).map(tpmAscii).join('').trim();
    const description = ctx.text(art('device/description'))?.trim();
    ctx.sink.device({ key, class: 'tpm', model: [manufacturer !== undefined ? tpmAscii(manufacturer) : undefined, vendor || undefined].filter(Boolean).join(' ') || description || null, driver: 'tpm' });
    const set = (k: string, value: string | number, artifact: string): void => ctx.sink.setting({ deviceKey: key, namespace: 'tpm', key: k, value, mode: 'current', artifact });
    const major = uint(ctx.text(art('tpm_version_major')));
    if (major !== undefined) set('version_major', major, art('tpm_version_major'));
    if (description) set('description', description, art('device/description'));
    if (manufacturer !== undefined) {
      set('manufacturer', tpmAscii(manufacturer), GETCAP);
      set('manufacturer_id', `0x${manufacturer.toString(16).padStart(8, '0')}`, GETCAP);
    }
    if (vendor) set('vendor_string', vendor, GETCAP);
    const v1 = props?.get('TPM2_PT_FIRMWARE_VERSION_1')?.raw;
    const v2 = props?.get('TPM2_PT_FIRMWARE_VERSION_2')?.raw;
    if (v1 !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'tpm', version: tpmFirmwareVersion(v1), state: 'running', scheme: 'pair', artifact: GETCAP });
    if (v1 !== undefined && v2 !== undefined) ctx.sink.firmware({ deviceKey: key, component: 'tpm.full', version: `${tpmFirmwareVersion(v1)}.${tpmFirmwareVersion(v2)}`, state: 'running', scheme: 'dotted', artifact: GETCAP });
    // tpm-chip.c names a TPM's RNG tpm-rng-<dev_num>; the hwrng core reads the current one in the background.
    const rng = `tpm-rng-${dev.replace(/^tpm/, '')}`;
    if (rngAvailable) set('hwrng', rngCurrent === rng ? 'current' : rngAvailable.includes(rng) ? 'available' : 'not registered', `${HWRNG}/rng_available`);
    const revision = props?.get('TPM2_PT_REVISION')?.value;
    if (revision) set('spec_revision', revision, GETCAP);
  });
}

function loadBmc(ctx: LoadContext): void {
  const platform = ctx.devices().some((d) => d.key === 'platform') ? 'platform' : null;
  for (const b of children(ctx, IPMI, /^ipmi_bmc\.\d+$/)) {
    const art = (a: string): string => `${IPMI}/${b}/${a}`;
    const t = (a: string): string | undefined => ctx.text(art(a))?.trim() || undefined;
    const key = `bmc:${b}`;
    const manufacturer = t('manufacturer_id');
    const product = t('product_id');
    ctx.sink.device({ key, class: 'bmc', parentKey: platform, vendorId: manufacturer && /^0x[0-9a-f]+$/i.test(manufacturer) ? parseInt(manufacturer, 16) : null, deviceId: product && /^0x[0-9a-f]+$/i.test(product) ? parseInt(product, 16) : null, driver: 'ipmi_si', model: null });
    const fw = t('firmware_revision');
    if (fw) ctx.sink.firmware({ deviceKey: key, component: 'bmc', version: fw, state: 'running', scheme: 'dotted', artifact: art('firmware_revision') });
    for (const a of ['aux_firmware_revision', 'ipmi_version', 'device_id', 'revision', 'manufacturer_id', 'product_id', 'provides_device_sdrs', 'additional_device_support'] as const) {
      const v = t(a);
      if (v) ctx.sink.setting({ deviceKey: key, namespace: 'bmc', key: a, value: v, mode: 'current', artifact: art(a) });
    }
  }
}

function loadPsp(ctx: LoadContext): void {
  for (const bdf of children(ctx, CCP, /^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/)) {
    const art = (a: string): string => `${CCP}/${bdf}/${a}`;
    const t = (a: string): string | undefined => ctx.text(art(a))?.trim() || undefined;
    const key = `psp:${bdf}`;
    ctx.sink.device({ key, class: 'psp', parentKey: bdf, pciAddress: bdf, driver: 'ccp', model: 'AMD Platform Security Processor' });
    for (const [a, component] of [['bootloader_version', 'psp.bootloader'], ['tee_version', 'psp.tee']] as const) {
      const v = t(a);
      if (v) ctx.sink.firmware({ deviceKey: key, component, version: v, state: 'running', scheme: 'dotted', artifact: art(a) });
    }
    for (const a of ['fused_part', 'debug_lock_on', 'tsme_status', 'anti_rollback_status', 'rpmc_production_enabled', 'rpmc_spirom_available', 'hsp_tpm_available', 'rom_armor_enforced'] as const) {
      const v = t(a);
      if (v === '0' || v === '1') ctx.sink.setting({ deviceKey: key, namespace: 'psp', key: a, value: v === '1', mode: 'current', artifact: art(a) });
    }
  }
}

/** ESRT entries, Intel ME, TPMs, BMCs and the AMD PSP: the platform's firmware beyond the BIOS. */
export function loadPlatformFirmware(ctx: LoadContext): void {
  loadEsrt(ctx);
  loadMei(ctx);
  loadTpm(ctx);
  loadBmc(ctx);
  loadPsp(ctx);
}
