import { dirListingArtifactName, statusArtifactName } from '../../../bundle/format.js';
import type { SettingMode } from '../../db/rows.js';
import type { ClassLoader, LoadContext } from '../../load/types.js';
import { loadAmdgpu } from './amdgpu.js';
import { loadIntelUc } from './intel-uc-loader.js';
import { parseNvidiaInformation, parseNvidiaVersionFile } from './nvidia-proc.js';
import { parseFabricManagerVersion } from './fabric-manager.js';
import { fabricManagerLogSettings, type HostSetting } from './fabric-manager-log-loader.js';
import { kernelBdf, parseNvidiaSmiXml, type NvidiaSmiGpu, type NvidiaSmiLog, type ParseIssue } from './nvidia-smi-xml.js';
import { parseNvidiaSmiText } from './nvidia-smi-text.js';
import { parseNvidiaSmiTable } from './nvidia-smi-table.js';
import { failureMessage, smiFailure, type SmiFailure } from './nvidia-smi-failure.js';
import { parseNvidiaSmiList, parseNvidiaSmiQueryCsv, type NvidiaSmiQuery } from './nvidia-smi-query.js';

const SMI = 'cmd/nvidia-smi/-q_-x.out';
/** `nvidia-smi -q` text: what sosreports and tickets carry; read when the XML form is absent. */
const SMI_TEXT = 'cmd/nvidia-smi/-q.out';
/** The table `nvidia-smi` prints with no option (what tickets paste most): read when neither query is there. */
const SMI_TABLE = 'cmd/nvidia-smi/_.out';
/** `nvidia-smi -L` and `--query-gpu` outputs: what they print fills in what the forms above lack, matched by bus id or index. */
const SMI_LIST = 'cmd/nvidia-smi/-L.out';
const SMI_CSV = /^cmd\/nvidia-smi\/--query-gpu=([a-z0-9_.,]+)_--format=csv[a-z,]*\.out$/;
const INFORMATION = /^proc\/driver\/nvidia\/gpus\/([^/]+)\/information$/;
const FABRIC_MANAGER = 'cmd/nv-fabricmanager/--version.out';
/** The driver's version file: the host's, or a person's saved `cat /proc/driver/nvidia/version` (under cmd/cat/, or loose as `nvidia-version.txt`). */
const PROC_VERSION = ['proc/driver/nvidia/version', 'cmd/cat/%2fproc%2fdriver%2fnvidia%2fversion.out'];
/** nvidia-smi element → firmware component. */
const FIRMWARE: Record<string, string> = {
  vbios_version: 'vbios',
  'inforom_version/img_version': 'inforom.img',
  'inforom_version/oem_object': 'inforom.oem',
  'inforom_version/ecc_object': 'inforom.ecc',
  'inforom_version/pwr_object': 'inforom.pwr',
  gsp_firmware_version: 'gsp',
};
const scheme = (component: string): 'dotted' | 'plain' => (component.startsWith('inforom.') ? 'plain' : 'dotted');
/** nvidia-smi element → [setting key, mode]. */
const SETTINGS: Record<string, [string, SettingMode]> = {
  persistence_mode: ['persistence_mode', 'current'],
  addressing_mode: ['addressing_mode', 'current'],
  'ecc_mode/current_ecc': ['ecc_mode', 'current'],
  'ecc_mode/pending_ecc': ['ecc_mode', 'next_boot'],
  'mig_mode/current_mig': ['mig_mode', 'current'],
  'mig_mode/pending_mig': ['mig_mode', 'next_boot'],
  'gpu_reset_status/reset_required': ['reset_required', 'current'],
  product_architecture: ['architecture', 'current'],
  uuid: ['uuid', 'current'],
};

function reportIssues(ctx: LoadContext, parser: string, name: string, issues: readonly ParseIssue[]): void {
  for (const i of issues) ctx.sink.issue('PARSE-LINE', `${parser}: line ${i.line} "${i.text}": ${i.message}`, name);
}

interface Driver {
  version?: string;
  fabricManager?: string;
  open?: boolean;
  versionArtifact?: string;
  openArtifact?: string;
  firmwareFiles?: string[];
  /** What the Fabric Manager's log recorded, on every GPU. */
  fabricManagerLog: HostSetting[];
  firmwareArtifact?: string;
}

function loadDriver(ctx: LoadContext): Driver {
  const d: Driver = { fabricManagerLog: fabricManagerLogSettings(ctx) };
  const procName = PROC_VERSION.find((n) => ctx.get(n) !== undefined);
  const proc = procName === undefined ? undefined : ctx.text(procName);
  if (proc !== undefined) {
    const v = parseNvidiaVersionFile(proc);
    if (v.version) Object.assign(d, { version: v.version, versionArtifact: procName });
    if (v.open !== undefined) Object.assign(d, { open: v.open, openArtifact: procName });
  }
  const module = ctx.text('sys/module/nvidia/version')?.trim();
  if (module) Object.assign(d, { version: module, versionArtifact: 'sys/module/nvidia/version' });
  if (d.version) {
    const listing = dirListingArtifactName(`/lib/firmware/nvidia/${d.version}`);
    const names = ctx.text(listing);
    if (names !== undefined) {
      // The collector's listing of the directory: its names, or none at all when it did not exist (a .status beside it).
      d.firmwareFiles = ctx.get(statusArtifactName(listing)) !== undefined ? [] : names.split('\n').filter((n) => n !== '' && !n.endsWith('/'));
      d.firmwareArtifact = listing;
    } else {
      // Bundles written before listings: the directory's files, each stored empty.
      const prefix = `lib/firmware/nvidia/${d.version}/`;
      const files = ctx.under(prefix).map((n) => n.slice(prefix.length)).filter((n) => n && !n.includes('/'));
      // A live collection listed the directory whenever the module was loaded: no names there means none on the host.
      // A captured tree may just not hold /lib/firmware (pasted proc files), so there nothing is concluded.
      const live = ctx.manifest?.host.collectedFrom === 'host' && ['ok', 'partial'].includes(ctx.manifest.sources.find((x) => x.name === 'gpu')?.status ?? '');
      if (files.length || live || ctx.names(/^lib\/firmware\/nvidia\//).length) d.firmwareFiles = files;
      d.firmwareArtifact = `lib/firmware/nvidia/${d.version}`;
    }
  }
  if (ctx.get(FABRIC_MANAGER)) {
    const fm = ctx.parse(FABRIC_MANAGER, 'nv-fabricmanager-version', (b) => parseFabricManagerVersion(b.toString('utf8')));
    if (fm) reportIssues(ctx, 'nv-fabricmanager-version', FABRIC_MANAGER, fm.issues);
    if (fm?.version) d.fabricManager = fm.version;
  }
  return d;
}

const PCI_DRIVER = /^sys\/bus\/pci\/devices\/([^/]+)\/driver$/;

/** PCI functions of display class (0x03) bound to the nvidia driver, from the pci source's artifacts. */
function boundDisplayFunctions(ctx: LoadContext): string[] {
  return ctx.names(PCI_DRIVER).flatMap((name) => {
    const bdf = PCI_DRIVER.exec(name)![1]!;
    if (ctx.text(name)?.trim().split('/').pop() !== 'nvidia') return [];
    return /^0x03[0-9a-f]{4}$/i.test(ctx.text(`sys/bus/pci/devices/${bdf}/class`)?.trim() ?? '') ? [bdf] : [];
  });
}

function ensureDevice(ctx: LoadContext, seen: Set<string>, bdf: string, model: string | null, serial: string | null): string {
  const key = `gpu:${bdf}`;
  if (!seen.has(key)) {
    ctx.sink.device({ key, class: 'gpu', pciAddress: bdf, parentKey: bdf, model, serial, driver: 'nvidia' });
    seen.add(key);
  }
  return key;
}

function driverSettings(ctx: LoadContext, key: string, d: Driver): void {
  if (d.version) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'module_version', value: d.version, mode: 'current', artifact: d.versionArtifact });
  if (d.open !== undefined) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'open_kernel_module', value: d.open, mode: 'current', artifact: d.openArtifact });
  if (d.fabricManager) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'fabric_manager_version', value: d.fabricManager, mode: 'current', artifact: FABRIC_MANAGER });
  if (d.firmwareFiles) {
    ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'firmware_files', value: d.firmwareFiles.join(','), mode: 'current', artifact: d.firmwareArtifact });
  }
  for (const [k, value, artifact] of d.fabricManagerLog) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: k, value, mode: 'current', artifact });
}

/**
 * A GPU only a pasted `-L` or `--query-gpu` names, with no bus id and no other output placing it: NVML numbers GPUs by
 * bus id, so within one bundle its index names it (`gpu:nvml-0`); it has no PCI function to hang under.
 */
function ensureUnplaced(ctx: LoadContext, seen: Set<string>, index: number, model: string | null, serial: string | null): string {
  const key = `gpu:nvml-${index}`;
  if (!seen.has(key)) {
    ctx.sink.device({ key, class: 'gpu', pciAddress: null, parentKey: null, model, serial, driver: 'nvidia' });
    seen.add(key);
  }
  return key;
}

/** Persistence mode as nvidia-smi spells it, whatever the case a paste left it in; undefined for another word. */
function persistenceWord(printed: string): string | undefined {
  const word = printed.trim().toLowerCase();
  return word === 'enabled' ? 'Enabled' : word === 'disabled' ? 'Disabled' : undefined;
}

/** What nvidia-smi printed of the GPU stored as `key`. */
function loadSmiGpu(ctx: LoadContext, key: string, g: NvidiaSmiGpu, log: { driverVersion?: string; cudaVersion?: string }, artifact: string): void {
  for (const [path, component] of Object.entries(FIRMWARE)) {
    const v = g.fields.get(path);
    if (v) ctx.sink.firmware({ deviceKey: key, component, version: v, state: 'running', scheme: scheme(component), artifact });
  }
  for (const [path, [k, mode]] of Object.entries(SETTINGS)) {
    const printed = g.fields.get(path);
    const v = k === 'persistence_mode' && printed ? persistenceWord(printed) : printed;
    if (v) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: k, value: v, mode, artifact });
    else if (printed) ctx.sink.issue('NVIDIA-SMI', `${k} "${printed}" is not a word nvidia-smi prints for it (Enabled, Disabled): not stored`, artifact);
  }
  if (log.driverVersion) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'driver_version', value: log.driverVersion, mode: 'current', artifact });
  if (log.cudaVersion) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'cuda_version', value: log.cudaVersion, mode: 'current', artifact });
}

/** The failures nvidia-smi wrote on stderr beside an output (a live run: the GPUs that answered on stdout, the lost one here). */
function stderrFailures(ctx: LoadContext, name: string): SmiFailure[] {
  const err = ctx.text(name.replace(/\.out$/, '.err'));
  return err?.split(/\r?\n/).map(smiFailure).filter((f): f is SmiFailure => f !== undefined) ?? [];
}

/** A GPU nvidia-smi could not open is a device with the reason it printed; a failure naming no GPU is an issue. */
function loadFailures(ctx: LoadContext, seen: Set<string>, failures: readonly SmiFailure[] | undefined, artifact: string): void {
  const done = new Set<string>();
  for (const f of [...(failures ?? []), ...stderrFailures(ctx, artifact)]) {
    const id = JSON.stringify(f);
    if (done.has(id)) continue;
    done.add(id);
    // Drivers before 470 name a GPU they could not open by its NVML index alone (`… for GPU2: Unknown Error`).
    const key = f.bdf ? ensureDevice(ctx, seen, f.bdf, null, null) : f.index !== undefined ? ensureUnplaced(ctx, seen, f.index, null, null) : undefined;
    if (key) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'nvidia_smi_error', value: f.reason, mode: 'current', artifact });
    else ctx.sink.issue('NVIDIA-SMI', failureMessage(f), artifact);
  }
}

function loadInformation(ctx: LoadContext, seen: Set<string>, name: string, dirBdf: string, smiGpus: ReadonlySet<string>): string | undefined {
  const info = ctx.parse(name, 'nvidia-information', (b) => parseNvidiaInformation(b.toString('utf8')));
  if (!info) return undefined;
  reportIssues(ctx, 'nvidia-information', name, info.issues);
  const bdf = kernelBdf(info.fields.get('Bus Location')) ?? kernelBdf(dirBdf);
  if (!bdf) return undefined;
  const key = ensureDevice(ctx, seen, bdf, info.fields.get('Model') ?? null, null);
  // nvidia-smi's own rows win; the proc file fills in where nvidia-smi did not run or hung.
  if (!smiGpus.has(bdf)) {
    const vbios = info.fields.get('Video BIOS');
    if (vbios && vbios !== '??.??.??.??.??') ctx.sink.firmware({ deviceKey: key, component: 'vbios', version: vbios, state: 'running', scheme: 'dotted', artifact: name });
    const gsp = info.fields.get('GPU Firmware');
    if (gsp && gsp !== 'N/A') ctx.sink.firmware({ deviceKey: key, component: 'gsp', version: gsp, state: 'running', scheme: 'dotted', artifact: name });
    const uuid = info.fields.get('GPU UUID');
    if (uuid && !uuid.startsWith('GPU-????')) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'uuid', value: uuid, mode: 'current', artifact: name });
  }
  // Older drivers print the same field as `Blacklisted:`.
  const excluded = info.fields.get('GPU Excluded') ?? info.fields.get('Blacklisted');
  if (excluded) ctx.sink.setting({ deviceKey: key, namespace: 'gpu', key: 'excluded', value: excluded, mode: 'current', artifact: name });
  return key;
}

/** The host's NVIDIA GPUs as the tree shows them without nvidia-smi (proc directories, display functions bound to nvidia), in bus order. */
function hostGpus(ctx: LoadContext): string[] {
  const bdfs = [...ctx.names(INFORMATION).map((n) => kernelBdf(INFORMATION.exec(n)![1]!)), ...boundDisplayFunctions(ctx)];
  return [...new Set(bdfs.filter((b): b is string => b !== null))].sort();
}

/**
 * `nvidia-smi -L` and `--query-gpu` outputs, after the XML, -q or table form: a GPU is the one of its bus id, else of
 * its NVML index in that form (the table prints it; the XML and -q list GPUs in index order), else — when no such form
 * is there — the host's GPU at that place in bus order (NVML numbers GPUs by bus id), where the tree shows as many; it
 * adds only the fields the form before it did not give. A GPU placed nowhere is `gpu:nvml-<index>` and a GPU-NO-ADDRESS issue.
 */
function loadQueries(ctx: LoadContext, seen: Set<string>, smi: { gpus: NvidiaSmiGpu[]; driverVersion?: string } | undefined, host: readonly string[]): void {
  const byIndex = new Map<number, string>();
  const have = new Map<string, Set<string>>();
  smi?.gpus.forEach((g, i) => {
    if (!g.bdf) return;
    byIndex.set(Number(g.fields.get('index') ?? i), g.bdf);
    have.set(g.bdf, new Set(g.fields.keys()));
  });
  const driverGiven = new Set(smi?.driverVersion ? have.keys() : []);
  const queries: [string, string, (b: Buffer) => NvidiaSmiQuery][] = [
    ...(ctx.get(SMI_LIST) ? [[SMI_LIST, 'nvidia-smi-list', parseNvidiaSmiList] as [string, string, (b: Buffer) => NvidiaSmiQuery]] : []),
    ...ctx.names(SMI_CSV).map((n): [string, string, (b: Buffer) => NvidiaSmiQuery] => [n, 'nvidia-smi-query-gpu', (b) => parseNvidiaSmiQueryCsv(b, SMI_CSV.exec(n)![1]!.split(','))]),
  ];
  for (const [name, parser, parse] of queries) {
    const q = ctx.parse(name, parser, parse);
    if (!q) continue;
    reportIssues(ctx, parser, name, q.issues);
    loadFailures(ctx, seen, q.failures, name);
    for (const g of q.gpus) {
      const at = g.index ?? q.gpus.indexOf(g);
      const bdf = g.bdf ?? byIndex.get(at) ?? (smi === undefined && q.gpus.length === host.length ? host[at] : undefined);
      const known = have.get(bdf ?? `nvml-${at}`) ?? new Set<string>();
      const fields = new Map([...g.fields].filter(([k]) => !known.has(k)));
      const mine = smi?.gpus.find((x) => x.bdf === bdf)?.fields;
      const model = mine?.get('product_name') ?? g.fields.get('product_name') ?? null;
      const serial = mine?.get('serial') ?? g.fields.get('serial') ?? null;
      const key = bdf ? ensureDevice(ctx, seen, bdf, model, serial) : ensureUnplaced(ctx, seen, at, model, serial);
      if (!bdf) ctx.sink.issue('GPU-NO-ADDRESS', `${parser}: GPU ${at} (${g.fields.get('product_name') ?? 'no name'}) has no PCI bus id, and no other output of the tree places it: stored as ${key}`, name);
      const id = bdf ?? `nvml-${at}`;
      loadSmiGpu(ctx, key, { id: g.id, bdf: bdf ?? null, fields }, driverGiven.has(id) ? {} : { ...(q.driverVersion ? { driverVersion: q.driverVersion } : {}) }, name);
      have.set(id, new Set([...known, ...fields.keys()]));
      if (q.driverVersion) driverGiven.add(id);
    }
  }
}

/**
 * NVIDIA GPUs: nvidia-smi -q -x and the driver's proc files into `gpu:<bdf>` devices under their PCI functions; AMD
 * GPUs from amdgpu's sysfs files; Intel GPUs' GuC/HuC/GSC/DMC versions from the kernel log, on their PCI functions.
 */
export const gpuLoader: ClassLoader = {
  name: 'gpu',
  load(ctx) {
    const seen = new Set<string>();
    const driver = loadDriver(ctx);
    const smiGpus = new Set<string>();
    const forms: [string, string, (b: Buffer) => NvidiaSmiLog][] = [
      [SMI, 'nvidia-smi-xml', parseNvidiaSmiXml],
      [SMI_TEXT, 'nvidia-smi-text', parseNvidiaSmiText],
      [SMI_TABLE, 'nvidia-smi-table', parseNvidiaSmiTable],
    ];
    const [name, parser, parse] = forms.find(([n]) => ctx.get(n)) ?? forms[0]!;
    const log = ctx.get(name) ? ctx.parse(name, parser, parse) ?? undefined : undefined;
    // The queries first: a GPU whose name the table cut gets the whole name they print as its model.
    loadQueries(ctx, seen, log, hostGpus(ctx));
    if (ctx.get(name)) loadFailures(ctx, seen, log?.failures, name);
    if (log) {
      reportIssues(ctx, parser, name, log.issues);
      for (const g of log.gpus) {
        if (!g.bdf) {
          ctx.sink.issue('GPU-NO-ADDRESS', `nvidia-smi: GPU "${g.id}" has no PCI bus id`, name);
          continue;
        }
        loadSmiGpu(ctx, ensureDevice(ctx, seen, g.bdf, g.fields.get('product_name') ?? null, g.fields.get('serial') ?? null), g, log, name);
        smiGpus.add(g.bdf);
      }
    }
    for (const name of ctx.names(INFORMATION)) loadInformation(ctx, seen, name, INFORMATION.exec(name)![1]!, smiGpus);
    // Without --include-gpu neither nvidia-smi nor the proc files were read: the driver's GPUs are its display-class PCI functions.
    for (const bdf of boundDisplayFunctions(ctx)) ensureDevice(ctx, seen, bdf, null, null);
    for (const key of seen) driverSettings(ctx, key, driver);
    loadAmdgpu(ctx);
    loadIntelUc(ctx);
  },
};
