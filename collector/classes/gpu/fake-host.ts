import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { Allocator, FakeHostPart } from '../../fake-host/part.js';
import { firmwareRows, settingText } from '../../fake-host/part.js';
import type { FakeTree } from '../../fake-host/tree.js';

/** Firmware component → its `nvidia-smi -q -x` element (the inverse of the gpu loader's table). */
const FIRMWARE: Record<string, string[]> = {
  vbios: ['vbios_version'],
  'inforom.img': ['inforom_version', 'img_version'],
  'inforom.oem': ['inforom_version', 'oem_object'],
  'inforom.ecc': ['inforom_version', 'ecc_object'],
  'inforom.pwr': ['inforom_version', 'pwr_object'],
  gsp: ['gsp_firmware_version'],
};
/** gpu setting key@mode → element path. */
const SETTINGS: Record<string, string[]> = {
  'persistence_mode@current': ['persistence_mode'],
  'addressing_mode@current': ['addressing_mode'],
  'ecc_mode@current': ['ecc_mode', 'current_ecc'],
  'ecc_mode@next_boot': ['ecc_mode', 'pending_ecc'],
  'mig_mode@current': ['mig_mode', 'current_mig'],
  'mig_mode@next_boot': ['mig_mode', 'pending_mig'],
  'reset_required@current': ['gpu_reset_status', 'reset_required'],
  'architecture@current': ['product_architecture'],
  'uuid@current': ['uuid'],
};
/** What the Fabric Manager's log recorded (analyzer/classes/gpu/fabric-manager-log-loader.ts), on every GPU of the host. */
const FM_LOG_SETTINGS = [
  'fabric_manager_log_version', 'fabric_manager_log_configured', 'fabric_manager_log_interface_version', 'fabric_manager_log_refused_driver',
  'fabric_manager_log_topology_refused', 'fabric_manager_log_nvswitch_fatal', 'fabric_manager_log_nvswitch_non_fatal',
];
/** Settings every GPU of a host reports alike: the driver's and the Fabric Manager's. */
const HOST_SETTINGS = new Set(['module_version', 'firmware_files', 'driver_version', 'fabric_manager_version', ...FM_LOG_SETTINGS]);

/**
 * /var/log/fabricmanager.log saying what the settings say, one entry each in the layout of the real logs
 * (test/gpu/fixtures/real/fabricmanager-*.txt): a start, a refusal, NVSwitch SXids, the fabric configured.
 */
function fabricManagerLog(d: RuleTestDevice): string | undefined {
  if (!FM_LOG_SETTINGS.some((k) => settingText(d, 'gpu', k) !== undefined)) return undefined;
  const lines: string[] = [];
  const entry = (level: string, message: string): void => void lines.push(`[Feb 27 2025 15:10:${String(lines.length).padStart(2, '0')}] [${level}] [tid 1803] ${message}`);
  const version = settingText(d, 'gpu', 'fabric_manager_log_version');
  if (version) entry('INFO', `Fabric Manager version ${version} is running with the following configuration options`);
  const iface = settingText(d, 'gpu', 'fabric_manager_log_interface_version');
  const refused = settingText(d, 'gpu', 'fabric_manager_log_refused_driver');
  if (iface && refused) entry('ERROR', `fabric manager NVIDIA GPU driver interface version ${iface} don't match with driver version ${refused}. Please update with matching NVIDIA driver package.`);
  if (settingText(d, 'gpu', 'fabric_manager_log_topology_refused') === 'true') entry('ERROR', "detected number of NVSwitches don't match with any supported system topology, aborting fabric manager");
  for (const [key, kind] of [['fabric_manager_log_nvswitch_fatal', 'fatal'], ['fabric_manager_log_nvswitch_non_fatal', 'non-fatal']] as const) {
    for (const sxid of settingText(d, 'gpu', key)?.split(',').filter(Boolean) ?? []) entry('ERROR', `detected NVSwitch ${kind} error ${sxid} on fid 0 on NVSwitch pci bus id 00000000:86:00.0 physical id 3 port 33`);
  }
  if (settingText(d, 'gpu', 'fabric_manager_log_configured') === 'true') entry('INFO', 'Successfully configured all the available GPUs and NVSwitches to route NVLink traffic.');
  return lines.map((l) => `${l}\n`).join('');
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Nested elements from paths, in the order given (`ecc_mode/current_ecc` then `ecc_mode/pending_ecc` share one <ecc_mode>). */
function elements(fields: readonly [string[], string][], indent: string): string[] {
  const out: string[] = [];
  const groups = new Map<string, [string[], string][]>();
  for (const [path, value] of fields) {
    if (path.length === 1) out.push(`${indent}<${path[0]}>${escape(value)}</${path[0]}>`);
    else groups.set(path[0]!, [...(groups.get(path[0]!) ?? []), [path.slice(1), value]]);
  }
  for (const [name, inner] of groups) out.push(`${indent}<${name}>`, ...elements(inner, `${indent}\t`), `${indent}</${name}>`);
  return out;
}

interface Gpu {
  bdf: string;
  fields: [string[], string][];
}

const gpusOf = new WeakMap<FakeTree, Gpu[]>();
/** The GPUs nvidia-smi could not open, and the lines it wrote on stderr for them. */
const lostOf = new WeakMap<FakeTree, { bdfs: Set<string>; lines: string[] }>();

/** `nvidia-smi -q -x` (nvsmi_device_v12.dtd layout) for every GPU rendered so far. */
function smiLog(driverVersion: string | undefined, gpus: readonly Gpu[]): string {
  return [
    '<?xml version="1.0" ?>',
    '<!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">',
    '<nvidia_smi_log>',
    '\t<timestamp>Tue Dec  1 10:00:00 2026</timestamp>',
    ...(driverVersion ? [`\t<driver_version>${driverVersion}</driver_version>`] : []),
    `\t<attached_gpus>${gpus.length}</attached_gpus>`,
    ...gpus.flatMap((g) => {
      const id = `0000${g.bdf}`.toUpperCase();
      return [`\t<gpu id="${id}">`, ...elements([...g.fields, [['pci', 'pci_bus_id'], id]], '\t\t'), '\t</gpu>'];
    }),
    '</nvidia_smi_log>',
    '',
  ].join('\n');
}

/**
 * NVIDIA GPUs: `nvidia-smi -q -x` with each GPU's product name, firmware and modes, the loaded module's version in
 * /sys/module/nvidia/version and the files of its firmware directory /lib/firmware/nvidia/<version>/. The driver's
 * settings are the host's: descriptions that differ in them get trees of their own.
 */
export const gpuFakeHost: FakeHostPart = {
  classes: ['gpu'],
  hostShared: (d) => (d.settings ?? []).filter((s) => HOST_SETTINGS.has(s.key)).map((s) => [s.key, s.value]),
  unsupported(d) {
    for (const s of d.settings ?? []) {
      if (s.namespace === 'gpu' && s.key === 'nvidia_smi_error' && (s.mode ?? 'current') === 'current') continue;
      if (s.namespace !== 'gpu' || !(HOST_SETTINGS.has(s.key) || SETTINGS[`${s.key}@${s.mode ?? 'current'}`])) return `setting ${s.namespace}/${s.key} (${s.mode ?? 'current'}) has no renderer`;
    }
    if (settingText(d, 'gpu', 'firmware_files') !== undefined && settingText(d, 'gpu', 'module_version') === undefined) return 'firmware files are read from the directory of the module version';
    for (const f of firmwareRows(d)) if (!FIRMWARE[f.component] || (f.state ?? 'running') !== 'running') return `firmware ${f.component} (${f.state ?? 'running'}) is not in nvidia-smi -q -x`;
    if (d.vendor_id !== undefined || d.device_id !== undefined) return 'ids of a GPU belong to its PCI function';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const bdf = names.bdf(d.pci_address ?? d.key.replace(/^gpu:/, ''));
    const module = settingText(d, 'gpu', 'module_version');
    if (module) tree.file('sys/module/nvidia/version', `${module}\n`);
    // The firmware directory of the loaded release, empty when the description lists no file (the collector records its listing).
    const files = settingText(d, 'gpu', 'firmware_files');
    if (files !== undefined) tree.dir(`lib/firmware/nvidia/${module}`);
    for (const f of files?.split(',').filter((n) => n !== '') ?? []) tree.file(`lib/firmware/nvidia/${module}/${f}`, '');
    // The line layout of a real `nv-fabricmanager --version` (test/gpu/fixtures/real/nv-fabricmanager-version-450.txt).
    const fm = settingText(d, 'gpu', 'fabric_manager_version');
    if (fm) tree.command('nv-fabricmanager', ['--version'], `Fabric Manager version is : ${fm}\n`);
    const fmLog = fabricManagerLog(d);
    if (fmLog !== undefined) tree.file('var/log/fabricmanager.log', fmLog);
    const fields: [string[], string][] = [];
    if (d.model) fields.push([['product_name'], d.model]);
    for (const f of firmwareRows(d)) fields.push([FIRMWARE[f.component]!, f.version]);
    for (const s of d.settings ?? []) {
      const path = SETTINGS[`${s.key}@${s.mode ?? 'current'}`];
      if (path && s.value !== null) fields.push([path, String(s.value)]);
    }
    const gpus = gpusOf.get(tree) ?? [];
    // A GPU nvidia-smi cannot open is not in its XML: it names it on stderr, in the words of drivers 470 and later.
    // Each reason a test gives is a line of its own, as several saved outputs would each name the GPU.
    const lost = (d.settings ?? []).filter((s) => s.namespace === 'gpu' && s.key === 'nvidia_smi_error' && s.value !== null).map((s) => String(s.value));
    if (lost.length > 0) {
      const known = lostOf.get(tree) ?? { bdfs: new Set<string>(), lines: [] };
      const index = gpus.length + known.bdfs.size;
      known.bdfs.add(bdf);
      known.lines.push(...lost.map((reason) => `Unable to determine the device handle for GPU${index}: ${bdf.toUpperCase()}: ${reason}`));
      lostOf.set(tree, known);
      tree.file('cmd/nvidia-smi/-q_-x.err', `${known.lines.join('\n')}\n`);
    } else gpus.push({ bdf, fields });
    gpusOf.set(tree, gpus);
    tree.command('nvidia-smi', ['-q', '-x'], smiLog(settingText(d, 'gpu', 'driver_version') ?? module, gpus));
    return `gpu:${bdf}`;
  },
};
