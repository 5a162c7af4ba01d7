import { besideFailure, smiFailure } from './nvidia-smi-failure.js';
import { cleanText } from '../../parsers/text-input.js';
import { kernelBdf, type NvidiaSmiGpu, type NvidiaSmiLog } from './nvidia-smi-xml.js';

/** The banner: `| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2 |` (no CUDA before 410). */
const BANNER = /^\|?\s*NVIDIA-SMI\s+(\S+)\s+Driver Version:\s*(\S+)(?:\s+CUDA Version:\s*(\S+))?\s*\|?$/;
/** A rule of the table: `+---+---+`, `|===+===|`, `|---+---|`. */
const RULE = /^[+|][-=+|]*[-=][-=+|]*[+|]$/;
/** The time nvidia-smi prints above the table (`Fri Dec 13 18:25:30 2024`). */
const TIMESTAMP = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4}$/;
/** The tables below the GPUs' (processes, MIG devices): nvidia-smi's own rows, nothing fwsnap stores. */
const OTHER_TABLE = /^\|\s*(?:Processes|MIG devices):/;
/** The command typed above the table, behind any prompt or wrapper (`>> nvidia-smi`, `docker run … nvidia-smi`, `nvidia-smi.exe`). */
const TYPED = /(?:^|[\s>$#/\\])nvidia-smi(?:\.exe)?$/;
const BUS_ID = /^(?:[0-9A-Fa-f]{4,8}:)?[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.[0-7]$/;
/** What the first header cell names after `Name`: Linux's persistence mode, or Windows' driver model. */
const MODE_WORDS: Record<string, string> = { On: 'Enabled', Off: 'Disabled' };
const DRIVER_MODELS = new Set(['WDDM', 'TCC', 'MCDM']);

const cells = (line: string): string[] => line.replace(/^\|/, '').replace(/\|$/, '').split('|');

interface Layout {
  /** The first header cell says Persistence-M (Linux) or TCC/WDDM, Driver-Model (Windows). */
  mode?: 'persistence' | 'driver_model';
  /** Which row of a GPU's block (0 = its name row) holds `MIG M.` in its last cell. */
  migRow?: number;
}

/**
 * Tolerant reader of the table `nvidia-smi` prints with no option, from driver 3xx to 5xx, Linux and Windows: the banner's
 * driver and CUDA versions, and per GPU its name (unless the table cut it with `...`), bus id, persistence mode (On/Off,
 * as -q's Enabled/Disabled) or Windows driver model, and MIG mode where the table has its row. The table has no VBIOS,
 * InfoROM or UUID. The processes and MIG-devices tables are nvidia-smi's and skipped; any other line is an issue with
 * its number.
 */
export function parseNvidiaSmiTable(data: Buffer | string): NvidiaSmiLog {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  const out: NvidiaSmiLog = { gpus: [], issues: [] };
  let layout: Layout = {};
  let header: string[][] = [];
  let state: 'before' | 'header' | 'gpus' | 'other' = 'before';
  let gpu: { fields: Map<string, string>; row: number } | undefined;
  const seen = new Set<string>();
  const finish = (): void => {
    if (!gpu) return;
    const bdf = kernelBdf(gpu.fields.get('pci/pci_bus_id'));
    const g: NvidiaSmiGpu = { id: gpu.fields.get('pci/pci_bus_id') ?? '', bdf, fields: gpu.fields };
    // A second run of nvidia-smi pasted below the first: its GPUs are the same.
    if (!bdf || !seen.has(bdf)) out.gpus.push(g);
    if (bdf) seen.add(bdf);
    gpu = undefined;
  };
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (line === '' || TIMESTAMP.test(line) || TYPED.test(line)) continue;
    const failed = smiFailure(line);
    if (failed) {
      (out.failures ??= []).push(failed);
      continue;
    }
    if (out.failures && besideFailure(line)) continue;
    const banner = BANNER.exec(line);
    if (banner) {
      finish();
      if (banner[2] !== 'N/A') out.driverVersion ??= banner[2]!;
      if (banner[3] && banner[3] !== 'N/A') out.cudaVersion ??= banner[3];
      [state, layout, header] = ['header', {}, []];
      continue;
    }
    if (RULE.test(line)) {
      if (state === 'header' && line.includes('=')) {
        state = 'gpus';
        layout = layoutOf(header);
      }
      if (state === 'gpus') finish();
      continue;
    }
    if (OTHER_TABLE.test(line)) {
      finish();
      state = 'other';
      continue;
    }
    if (line.startsWith('|') && line.endsWith('|') && state !== 'before') {
      if (state === 'header') header.push(cells(line));
      else if (state === 'gpus') gpu = gpuRow(cells(line), layout, gpu, finish, () => out.issues.push({ line: no, text: raw, message: 'not a row of the GPU table' }));
      continue;
    }
    out.issues.push({ line: no, text: raw, message: 'not a line of the nvidia-smi table' });
  }
  finish();
  return out;
}

function layoutOf(header: string[][]): Layout {
  const first = header[0]?.[0] ?? '';
  const mode = /Persistence-M/.test(first) ? 'persistence' : /TCC\/WDDM|Driver-Model/.test(first) ? 'driver_model' : undefined;
  const migRow = header.findIndex((row) => /^MIG M\.$/.test(row.at(-1)?.trim() ?? ''));
  return { ...(mode ? { mode } : {}), ...(migRow >= 0 ? { migRow } : {}) };
}

type Gpu = { fields: Map<string, string>; row: number };

/** One row of the GPU table: a GPU's name row opens its block; the rows below it are read by their place in the header. */
function gpuRow(row: string[], layout: Layout, gpu: Gpu | undefined, finish: () => void, unread: () => void): Gpu | undefined {
  const first = /^(\d+)\s+(\S.*)$/.exec(row[0]?.trim() ?? '');
  const bus = row[1]?.trim().split(/\s+/)[0] ?? '';
  if (first && BUS_ID.test(bus)) {
    finish();
    const fields = new Map<string, string>([['pci/pci_bus_id', bus], ['index', first[1]!]]);
    let name = first[2]!.trim();
    const last = /^(.*?)\s+(\S+)$/.exec(name);
    if (layout.mode && last) {
      const word = last[2]!;
      if (layout.mode === 'persistence' && MODE_WORDS[word]) fields.set('persistence_mode', MODE_WORDS[word]);
      if (layout.mode === 'driver_model' && DRIVER_MODELS.has(word)) fields.set('driver_model/current_dm', word);
      if (MODE_WORDS[word] || DRIVER_MODELS.has(word) || word === 'N/A') name = last[1]!.trim();
    }
    // A name longer than its column is cut with `...`: what is left names no product.
    if (!/\.\.\.$|…$/.test(name)) fields.set('product_name', name);
    return { fields, row: 0 };
  }
  if (!gpu) {
    unread();
    return gpu;
  }
  gpu.row++;
  if (gpu.row === layout.migRow) {
    const mig = row.at(-1)?.trim() ?? '';
    if (mig === 'Enabled' || mig === 'Disabled') gpu.fields.set('mig_mode/current_mig', mig);
  }
  return gpu;
}
