import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows, settingText } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

const ESRT_TYPES: Record<string, number> = { unknown: 0, 'system firmware': 1, 'device firmware': 2, 'UEFI driver': 3 };
const ESRT_SETTINGS = new Set(['fw_class', 'fw_type', 'lowest_supported_fw_version', 'last_attempt_version', 'last_attempt_status', 'last_attempt_result', 'capsule_flags']);
const TPM_SETTINGS = new Set(['manufacturer', 'version_major', 'hwrng']);
/** The ipmi_bmc attributes a bmc setting is rendered into, under its own name (drivers/char/ipmi/ipmi_msghandler.c). */
const BMC_SETTINGS = new Set(['aux_firmware_revision', 'ipmi_version', 'device_id', 'revision', 'provides_device_sdrs', 'additional_device_support']);
const fw = (d: RuleTestDevice, component: string): string | undefined => firmwareRows(d).find((f) => f.component === component)?.version;

function esrt(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const entry = `entry${names.next('esrt')}`;
  const dir = `sys/firmware/efi/esrt/entries/${entry}`;
  const put = (a: string, v: string | undefined): void => void (v !== undefined && tree.file(`${dir}/${a}`, `${v}\n`));
  tree.file('sys/firmware/efi/esrt/fw_resource_version', '1\n');
  put('fw_version', fw(d, 'capsule'));
  put('fw_class', settingText(d, 'esrt', 'fw_class') ?? 'a1392d82-62d5-4e24-863a-0f682993408f');
  const type = settingText(d, 'esrt', 'fw_type');
  put('fw_type', String(type === undefined ? 1 : (ESRT_TYPES[type] ?? type)));
  for (const a of ['lowest_supported_fw_version', 'last_attempt_version', 'last_attempt_status', 'capsule_flags']) put(a, settingText(d, 'esrt', a));
  return `esrt:${entry}`;
}

function mei(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const dev = `mei${names.next('mei')}`;
  const path = `devices/pci0000:00/0000:00:16.0/mei/${dev}`;
  tree.link(`sys/class/mei/${dev}`, `../../${path}`);
  const lines = ['csme', 'csme.recovery', 'csme.factory'].map((c) => fw(d, c)).filter((v): v is string => v !== undefined).map((v) => `0:${v}`);
  if (lines.length) tree.file(`sys/${path}/fw_ver`, `${lines.join('\n')}\n`);
  tree.file(`sys/${path}/kind`, 'mei\n');
  tree.file(`sys/${path}/dev_state`, 'ENABLED\n');
  return `mei:${dev}`;
}

/** Two 16-bit numbers as one property value, high half first (TPM2_PT_FIRMWARE_VERSION_1/_2 hold two halves each). */
const halves = (hi: number, lo: number): string => `0x${((((hi & 0xffff) << 16) | (lo & 0xffff)) >>> 0).toString(16).toUpperCase()}`;

/**
 * The fixed properties as tpm2-tools 5 prints them (the layout of tpm2-software/tpm2-tools#2159): the firmware version
 * from a `tpm.full` row (four numbers, both properties) or a `tpm` row (major.minor, version 2 zero).
 */
function getcap(manufacturer: string, version: string | undefined): string {
  const ascii = (s: string): string => `0x${Buffer.from(s.padEnd(4, '\0').slice(0, 4), 'latin1').toString('hex').toUpperCase()}`;
  const [a = 0, b = 0, c = 0, d = 0] = (version ?? '0.0').split('.').map(Number);
  return [
    'TPM2_PT_FAMILY_INDICATOR:', '  raw: 0x322E3000', '  value: "2.0"',
    'TPM2_PT_REVISION:', '  raw: 0x8A', '  value: 1.38',
    'TPM2_PT_MANUFACTURER:', `  raw: ${ascii(manufacturer)}`, `  value: "${manufacturer}"`,
    ...(version ? ['TPM2_PT_FIRMWARE_VERSION_1:', `  raw: ${halves(a, b)}`, 'TPM2_PT_FIRMWARE_VERSION_2:', `  raw: ${halves(c, d)}`] : []),
    '',
  ].join('\n');
}

function tpm(tree: FakeTree, d: RuleTestDevice): string {
  tree.link('sys/class/tpm/tpm0', '../../devices/platform/MSFT0101:00/tpm/tpm0');
  tree.file('sys/devices/platform/MSFT0101:00/tpm/tpm0/tpm_version_major', '2\n');
  const manufacturer = settingText(d, 'tpm', 'manufacturer');
  if (manufacturer) tree.command('tpm2_getcap', ['properties-fixed'], getcap(manufacturer, fw(d, 'tpm.full') ?? fw(d, 'tpm')));
  // The hwrng core's two lists (drivers/char/hw_random/core.c), with a virtio RNG beside the TPM's.
  const hwrng = settingText(d, 'tpm', 'hwrng');
  if (hwrng) {
    tree.file('sys/class/misc/hw_random/rng_current', `${hwrng === 'current' ? 'tpm-rng-0' : 'virtio_rng.0'}\n`);
    tree.file('sys/class/misc/hw_random/rng_available', `${hwrng === 'not registered' ? '' : 'tpm-rng-0 '}virtio_rng.0\n`);
  }
  return 'tpm:tpm0';
}

/** One BMC as the IPMI driver shows its Get Device ID answer: manufacturer and product ids as 0x%6.6x and 0x%4.4x. */
function bmc(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const dev = `ipmi_bmc.${names.next('bmc')}`;
  const dir = `sys/devices/platform/${dev}`;
  const put = (a: string, v: string | undefined): void => void (v !== undefined && tree.file(`${dir}/${a}`, `${v}\n`));
  if (d.vendor_id !== undefined) put('manufacturer_id', `0x${Number(d.vendor_id).toString(16).padStart(6, '0')}`);
  if (d.device_id !== undefined) put('product_id', `0x${Number(d.device_id).toString(16).padStart(4, '0')}`);
  put('firmware_revision', fw(d, 'bmc'));
  for (const a of BMC_SETTINGS) put(a, settingText(d, 'bmc', a));
  return `bmc:${dev}`;
}

/** ESRT entries, ME interfaces, BMCs and a TPM 2.0 (with tpm2_getcap's answer) in sysfs layout. */
export const platformFirmwareFakeHost: FakeHostPart = {
  classes: ['esrt', 'mei', 'tpm', 'bmc'],
  // tpm2_getcap answers for the host's one TPM: TPM descriptions that differ need trees of their own.
  hostShared: (d) => (d.class === 'tpm' ? JSON.stringify([firmwareRows(d), d.settings ?? []]) : undefined),
  unsupported(d) {
    const known = d.class === 'esrt' ? ESRT_SETTINGS : d.class === 'tpm' ? TPM_SETTINGS : d.class === 'bmc' ? BMC_SETTINGS : new Set<string>();
    const other = d.settings?.find((s) => !known.has(s.key));
    if (other) return `setting ${other.namespace}/${other.key} is not rendered`;
    if (d.class === 'tpm' && (fw(d, 'tpm') ?? fw(d, 'tpm.full')) && !settingText(d, 'tpm', 'manufacturer')) return 'a TPM firmware version comes with its manufacturer';
    return undefined;
  },
  render: (tree, d, names) => (d.class === 'esrt' ? esrt(tree, d, names) : d.class === 'mei' ? mei(tree, d, names) : d.class === 'bmc' ? bmc(tree, d, names) : tpm(tree, d)),
};
