import { besideFailure, smiFailure } from './nvidia-smi-failure.js';
import { cleanText } from '../../parsers/text-input.js';
import { kernelBdf, type NvidiaSmiGpu, type NvidiaSmiLog } from './nvidia-smi-xml.js';

/** A GPU of `nvidia-smi -L` or `--query-gpu`: its NVML index where the output says it (the bus id often is not there). */
export interface QueriedGpu extends NvidiaSmiGpu {
  index?: number;
}

export interface NvidiaSmiQuery extends Omit<NvidiaSmiLog, 'gpus'> {
  gpus: QueriedGpu[];
}

/** `--query-gpu` field (nvidia-smi --help-query-gpu, either of its names) → the `-q -x` element path. */
const FIELDS: Record<string, string> = {
  name: 'product_name', gpu_name: 'product_name',
  'pci.bus_id': 'pci/pci_bus_id', gpu_bus_id: 'pci/pci_bus_id',
  uuid: 'uuid', gpu_uuid: 'uuid', serial: 'serial', gpu_serial: 'serial',
  vbios_version: 'vbios_version',
  'inforom.img': 'inforom_version/img_version', 'inforom.image': 'inforom_version/img_version',
  'inforom.oem': 'inforom_version/oem_object', 'inforom.ecc': 'inforom_version/ecc_object',
  'inforom.pwr': 'inforom_version/pwr_object', 'inforom.power': 'inforom_version/pwr_object',
  persistence_mode: 'persistence_mode',
  'mig.mode.current': 'mig_mode/current_mig', 'mig.mode.pending': 'mig_mode/pending_mig',
  'ecc.mode.current': 'ecc_mode/current_ecc', 'ecc.mode.pending': 'ecc_mode/pending_ecc',
  'reset_status.reset_required': 'gpu_reset_status/reset_required',
};
/** What `--query-gpu` prints for a value it has not (`[N/A]`, `[Not Supported]`, `[Unknown Error]`, `N/A`). */
const ABSENT = /^(?:\[[^\]]*\]|N\/A|)$/;
/** A header cell: the field as asked, its unit in brackets unless `nounits` (`memory.total [MiB]`). */
const HEADER_CELL = /^[a-z][a-z0-9_.]*(?: \[[^\]]+\])?$/;
/** The fields a typed command asked for (`--query-gpu=name,driver_version`, `--query-gpu name,…`). */
const QUERY = /--query-gpu[= ]\s*([a-z0-9_.,]+)/;

/** Whether a line is a `--query-gpu` header naming a field the class reads. */
export function isQueryHeader(line: string): boolean {
  const cells = line.trim().split(/\s*,\s*/);
  return cells.every((c) => HEADER_CELL.test(c)) && cells.some((c) => c.split(' ')[0]! in FIELDS || c.split(' ')[0] === 'driver_version');
}

/** The fields a saved `--query-gpu` output was asked for, from the command typed in it or its name. */
export function queriedFields(text: string, name = ''): string[] | undefined {
  return (QUERY.exec(text) ?? QUERY.exec(name))?.[1]!.split(',').filter(Boolean);
}

/**
 * `nvidia-smi --query-gpu=… --format=csv` as saved: the header (or, with `noheader`, the fields of the command typed
 * above it or of `fields`), then one row per GPU in NVML index order. The fields the `-q -x` form also has become its
 * element paths, `driver_version` the log's; any other field is kept under its own name. A row whose cells do not
 * match the header, or a line before the header, is an issue with its number.
 */
export function parseNvidiaSmiQueryCsv(data: Buffer | string, fields?: readonly string[]): NvidiaSmiQuery {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const out: NvidiaSmiQuery = { gpus: [], issues: [] };
  let header = fields ? [...fields] : undefined;
  let headed = false;
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '' || QUERY.test(line)) continue;
    const failed = smiFailure(line);
    if (failed) {
      (out.failures ??= []).push(failed);
      continue;
    }
    if (!headed && isQueryHeader(line)) {
      header = line.split(/\s*,\s*/).map((c) => c.split(' ')[0]!);
      headed = true;
      continue;
    }
    const cells = line.split(/\s*,\s*/);
    if (!header || cells.length !== header.length) {
      out.issues.push({ line: no, text: raw, message: header ? `${cells.length} values for ${header.length} fields` : 'no header or typed command names the fields' });
      continue;
    }
    const gpu = new Map<string, string>();
    let index: number | undefined;
    header.forEach((f, i) => {
      const v = cells[i]!.trim();
      if (ABSENT.test(v)) return;
      if (f === 'driver_version') out.driverVersion ??= v;
      else if (f === 'index' && /^\d+$/.test(v)) index = Number(v);
      else if (!gpu.has(FIELDS[f] ?? f)) gpu.set(FIELDS[f] ?? f, v);
    });
    out.gpus.push({ id: gpu.get('pci/pci_bus_id') ?? '', bdf: kernelBdf(gpu.get('pci/pci_bus_id')), fields: gpu, index: index ?? out.gpus.length });
  }
  return out;
}

/** `GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-…)`; MIG devices under it (`  MIG 3g.20gb Device 0: (UUID: MIG-…)`). */
const LIST_GPU = /^GPU (\d+): (.+?) \(UUID: (GPU-[^)\s]+)\)$/;
const LIST_MIG = /^MIG \S+\s+Device\s+\d+: \(UUID: MIG-[^)]+\)$/;

/**
 * `nvidia-smi -L`: each GPU's index, product name and UUID (a UUID a person cut short, `GPU-41bdf1f6-...`, is left
 * out), its MIG devices skipped; a GPU nvidia-smi could not open is a failure naming its bus id. Any other line is an
 * issue with its number.
 */
export function parseNvidiaSmiList(data: Buffer | string): NvidiaSmiQuery {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const out: NvidiaSmiQuery = { gpus: [], issues: [] };
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '' || LIST_MIG.test(line) || /(?:^|[\s>$#])nvidia-smi(?:\.exe)?\s+-L$/.test(line)) continue;
    const m = LIST_GPU.exec(line);
    if (m) {
      const fields = new Map<string, string>([['product_name', m[2]!]]);
      if (/^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(m[3]!)) fields.set('uuid', m[3]!);
      out.gpus.push({ id: m[1]!, bdf: null, fields, index: Number(m[1]) });
      continue;
    }
    const failed = smiFailure(line);
    if (failed) (out.failures ??= []).push(failed);
    else if (!(out.failures && besideFailure(line))) out.issues.push({ line: no, text: raw, message: 'not a GPU line of nvidia-smi -L' });
  }
  return out;
}
