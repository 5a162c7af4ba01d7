import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import { SCSI_HOST_COMMON, SCSI_HOST_DRIVER_ATTRIBUTES, SCSI_DEVICE_ATTRIBUTES } from './attributes.js';
import { firmwareRows, settingText, type Allocator, type FakeHostPart } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

/** Where each driver keeps a firmware component (state) in its scsi_host attributes; `*` for drivers not listed. */
const VERSION_ATTRIBUTE: Record<string, Record<string, string>> = {
  mpt3sas: { 'firmware@running': 'version_fw', 'bios@running': 'version_bios', 'nvdata@running': 'version_nvdata_persistent' },
  mpt2sas: { 'firmware@running': 'version_fw', 'bios@running': 'version_bios', 'nvdata@running': 'version_nvdata_persistent' },
  mptsas: { 'firmware@running': 'version_fw', 'bios@running': 'version_bios', 'nvdata@running': 'version_nvdata_persistent' },
  qla2xxx: { 'firmware@running': 'fw_version', 'firmware@stored': 'optrom_fw_version', 'bios@running': 'optrom_bios_version' },
  lpfc: { 'firmware@running': 'fwrev', 'bios@running': 'option_rom_version' },
  hpsa: { 'firmware@running': 'firmware_revision' },
  smartpqi: { 'firmware@running': 'firmware_version' },
  bfa: { 'firmware@running': 'firmware_version', 'bios@running': 'option_rom_version' },
  aacraid: { 'firmware@running': 'hba_kernel_version', 'bios@running': 'hba_bios_version' },
  '*': { 'firmware@running': 'fw_version', 'bios@running': 'version_bios' },
};
const MODEL_ATTRIBUTE: Record<string, string> = { mpt3sas: 'board_name', mpt2sas: 'board_name', mptsas: 'board_name', qla2xxx: 'model_name', lpfc: 'modelname' };
/** How drivers print a value the loader reads back (hpsa lockup_detected: `ld=%d`). */
const PRINTED: Record<string, (v: string) => string> = { lockup_detected: (v) => `ld=${v}` };
const DEVICE_NAMES: ReadonlySet<string> = new Set(SCSI_DEVICE_ATTRIBUTES);

const hostNames = (driver: string): ReadonlySet<string> => new Set([...SCSI_HOST_COMMON, ...(SCSI_HOST_DRIVER_ATTRIBUTES[driver] ?? [])]);

/** Unit Serial Number VPD page as the kernel caches it in vpd_pg80. */
const vpd80 = (serial: string): Buffer => Buffer.concat([Buffer.from([0, 0x80, 0, serial.length]), Buffer.from(serial, 'latin1')]);

/** Writes a SCSI host under a PCI function of the tree; returns its number. */
function writeHost(tree: FakeTree, names: Allocator, bdf: string, attrs: Record<string, string>): number {
  // Above the numbers the ata part gives its libata hosts.
  const n = 100 + names.next('scsi_host');
  const rel = `${names.pciDir(bdf).slice('sys/devices/'.length)}/host${n}`;
  for (const [a, v] of Object.entries(attrs)) tree.file(`sys/devices/${rel}/scsi_host/host${n}/${a}`, `${v}\n`);
  tree.link(`sys/class/scsi_host/host${n}`, `../../devices/${rel}/scsi_host/host${n}`);
  return n;
}

function hostUnsupported(d: RuleTestDevice): string | undefined {
  const driver = d.driver ?? '';
  if (!driver) return 'a SCSI host is rendered for its driver (proc_name)';
  const where = VERSION_ATTRIBUTE[driver] ?? VERSION_ATTRIBUTE['*']!;
  for (const f of firmwareRows(d)) if (!where[`${f.component}@${f.state ?? 'running'}`]) return `${driver} keeps no ${f.component} (${f.state ?? 'running'}) in sysfs`;
  const allowed = hostNames(driver);
  for (const s of d.settings ?? []) {
    if (s.namespace !== 'scsi_host') return `setting ${s.namespace}/${s.key} is not a scsi_host attribute`;
    if (s.key !== 'sli' && !allowed.has(s.key)) return `${driver} host attribute ${s.key} is not collected`;
  }
  if (d.model && !MODEL_ATTRIBUTE[driver]) return `the model of a ${driver} host comes from an attribute this part does not write`;
  if (d.vendor_id !== undefined || d.device_id !== undefined) return 'ids of a SCSI host belong to its PCI function';
  return undefined;
}

function renderHost(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const driver = d.driver!;
  const where = VERSION_ATTRIBUTE[driver] ?? VERSION_ATTRIBUTE['*']!;
  const attrs: Record<string, string> = { proc_name: driver };
  const sli = settingText(d, 'scsi_host', 'sli');
  for (const f of firmwareRows(d)) {
    const a = where[`${f.component}@${f.state ?? 'running'}`]!;
    attrs[a] = a === 'fwrev' ? `${f.version}, ${sli ?? 'sli-3'}` : f.version;
  }
  for (const s of d.settings ?? []) if (s.key !== 'sli' && s.value !== null) attrs[s.key] = (PRINTED[s.key] ?? String)(String(s.value));
  if (d.model) attrs[MODEL_ATTRIBUTE[driver]!] = d.model;
  return `scsi_host:host${writeHost(tree, names, names.bdf(d.pci_address ?? d.key), attrs)}`;
}

function deviceUnsupported(d: RuleTestDevice): string | undefined {
  for (const f of firmwareRows(d)) if (f.component !== 'firmware' || (f.state ?? 'running') !== 'running') return 'a SCSI device has one revision (INQUIRY rev)';
  for (const s of d.settings ?? []) {
    const ok = (s.namespace === 'scsi' && (DEVICE_NAMES.has(s.key) || /^power\/(?:control|runtime_status)$/.test(s.key))) || (s.namespace === 'vpd' && s.key === 'serial');
    if (!ok) return `setting ${s.namespace}/${s.key} has no renderer`;
  }
  if (d.vendor_id !== undefined || d.device_id !== undefined || d.driver) return 'a SCSI device carries no PCI ids or driver';
  return undefined;
}

/** A SCSI device (disk) on a host of its own under a fresh PCI function: INQUIRY strings space-padded as the kernel prints them. */
function renderDevice(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
  const bdf = names.bdf(d.pci_address ?? d.key);
  const h = writeHost(tree, names, bdf, { proc_name: 'mpt3sas' });
  const hctl = `${h}:0:0:0`;
  const rel = `${names.pciDir(bdf).slice('sys/devices/'.length)}/host${h}/target${h}:0:0/${hctl}`;
  const dir = `sys/devices/${rel}`;
  const vendor = settingText(d, 'scsi', 'vendor') ?? 'SEAGATE';
  tree.file(`${dir}/vendor`, `${vendor.padEnd(8, ' ')}\n`);
  tree.file(`${dir}/model`, `${(d.model ?? '').padEnd(16, ' ')}\n`);
  const rev = firmwareRows(d)[0]?.version;
  if (rev !== undefined) tree.file(`${dir}/rev`, `${rev.padEnd(4, ' ')}\n`);
  tree.file(`${dir}/type`, '0\n');
  for (const s of d.settings ?? []) {
    if (s.namespace === 'scsi' && s.key !== 'vendor' && s.value !== null) tree.file(`${dir}/${s.key}`, `${String(s.value)}\n`);
  }
  const serial = settingText(d, 'vpd', 'serial');
  if (serial !== undefined) tree.file(`${dir}/vpd_pg80`, vpd80(serial));
  tree.link(`sys/bus/scsi/devices/${hctl}`, `../../../devices/${rel}`);
  return `scsi:${hctl}`;
}

/** SCSI hosts (per driver, the attributes it keeps) and SCSI devices behind a host of their own. */
export const scsiFakeHost: FakeHostPart = {
  classes: ['scsi_host', 'scsi'],
  unsupported: (d) => (d.class === 'scsi_host' ? hostUnsupported(d) : deviceUnsupported(d)),
  render: (tree, d, names) => (d.class === 'scsi_host' ? renderHost(tree, d, names) : renderDevice(tree, d, names)),
};
