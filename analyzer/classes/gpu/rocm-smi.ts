import { cleanText, indentOf, jsonDocument } from '../../parsers/text-input.js';
import { readJsonOutput } from '../../parsers/json-output.js';
import { amdBdf, sysfsBlock, sysfsFirmwareVersion, unknownValue, withoutTrailingProse, type AmdSmiGpu, type AmdSmiOutput } from './amd-smi-gpu.js';

/** A detail line: `GPU[0]		: VBIOS version: 113-MI3SRIOV-001`. */
const GPU_LINE = /^GPU\[(\d+)\]\s*:\s?(.*)$/;
/** A banner or section title: `====== VBIOS ======`, a rule of `=` or `-`. */
const TITLE = /^=+\s*(.*?)\s*=+$/;
const RULE = /^(?:=+|-+)$/;
/** The command typed above the output, behind any prompt or wrapper. */
const TYPED = /(?:^|[\s>$#/\\])rocm-smi(?:\s+-[-\w= ]*)?$/;
/** Sections of processes, not of GPUs: their lines are rocm-smi's, nothing is read from them. */
const PROCESS_SECTION = /^(?:KFD Processes|GPUs Indexed by PID)$/i;
/** The concise table's header: `Device  [Model : Revision]  Temp …`, `Device  Node  IDs  Temp …`, older `GPU  Temp  AvgPwr …`. */
const CONCISE_HEADER = /^(?:Device|GPU)\s+.*\b(?:Temp|SCLK)\b/;
const CONCISE_ROW = /^(\d+)\s+\S/;
/** rocm-smi's own messages (`WARNING: …`, `ERROR: 15 GPU[0]: …`, `get_firmware_version_CE, Not supported …`). */
const MESSAGE = /^(?:WARNING|ERROR|Warning|Error)\b|Not supported on the given system|^No KFD PIDs/;

function gpuOf(gpus: Map<number, AmdSmiGpu>, index: number): AmdSmiGpu {
  let g = gpus.get(index);
  if (!g) gpus.set(index, (g = { index, firmware: new Map() }));
  return g;
}

/** One `Label: value` of a GPU (a text line's or a JSON member's), into what fwsnap stores; false when nothing is read from it. */
function readField(g: AmdSmiGpu, label: string, raw: string, models: Map<AmdSmiGpu, [number, string]>): boolean {
  const key = label.trim().replace(/:$/, '').toLowerCase();
  const value = raw.trim();
  const fw = /^(.+?) firmware version$/.exec(key);
  if (fw) {
    const v = sysfsFirmwareVersion(value);
    // An all-zero version is a block this GPU does not have, as amdgpu's sysfs reads.
    const block = sysfsBlock(fw[1]!);
    if (v && block && !/^0x0+$/.test(v) && !g.firmware.has(block)) g.firmware.set(block, v);
    return v !== undefined;
  }
  if (unknownValue(value)) return false;
  const model = (rank: number): true => {
    const had = models.get(g);
    if (!had || had[0] > rank) models.set(g, [rank, value]);
    return true;
  };
  switch (key) {
    case 'vbios version': g.vbios ??= value; return true;
    case 'pci bus': g.bdf ??= amdBdf(value); return true;
    case 'serial number': g.serial ??= value; return true;
    // `Card series` is the marketing name where the driver knows one, else the device id (`0x164e`).
    case 'card series': return /^0x[0-9a-f]+$/i.test(value) ? false : model(0);
    case 'device name': return model(1);
    case 'market name': return model(0);
    default: return false;
  }
}

/**
 * rocm-smi's text: the concise table it prints with no option (each GPU's index, and its name in the layout that has a
 * `Name (20 chars)` line) and the detail lines of `-a`/`--showallinfo` and every `--show…` option (`GPU[n] : Label: value`,
 * under `==== Section ====` titles), with the `Driver version` line. Read: VBIOS version, PCI bus, card series (or
 * device name), serial number and every `… firmware version`. Process sections and rocm-smi's own warnings are skipped;
 * any other line is an issue with its number.
 */
function parseText(text: string): AmdSmiOutput {
  const out: AmdSmiOutput = { gpus: [], issues: [] };
  const gpus = new Map<number, AmdSmiGpu>();
  const models = new Map<AmdSmiGpu, [number, string]>();
  let section = '';
  let concise: { named: boolean; last?: AmdSmiGpu } | undefined;
  for (const line of cleanText(text).lines) {
    const l = line.text.trim();
    if (l === '' || RULE.test(l) || TYPED.test(l)) continue;
    const title = TITLE.exec(l);
    if (title) {
      if (!/ROCm System Management Interface|End of ROCm SMI Log/i.test(title[1]!)) section = title[1]!;
      concise = undefined;
      continue;
    }
    const gl = GPU_LINE.exec(l);
    if (gl) {
      const g = gpuOf(gpus, Number(gl[1]));
      const kv = /^([^:]+):\s*(.*)$/.exec(gl[2]!);
      if (kv) readField(g, kv[1]!, kv[2]!, models);
      continue;
    }
    if (PROCESS_SECTION.test(section) || MESSAGE.test(l)) continue;
    const driver = /^Driver version:\s*(\S+)/i.exec(l);
    if (driver) {
      out.driverVersion ??= driver[1]!;
      continue;
    }
    if (/^Version of System Component$/i.test(section) && /^[\w -]+:\s*\S/.test(l)) continue;
    if (CONCISE_HEADER.test(l)) {
      concise = { named: false };
      continue;
    }
    if (concise) {
      const row = CONCISE_ROW.exec(l);
      // Rows start at the margin, or two columns in (before 2.0); a name under a row is indented further.
      if (row && indentOf(line) < 4) {
        concise.last = gpuOf(gpus, Number(row[1]));
        continue;
      }
      // The header's second line (`Name (20 chars)  (Junction)  (Socket) …`, `(DID, GUID)  (Edge)`).
      if (/^(?:Name \(20 chars\)|\()/.test(l) || /\((?:Junction|Edge|Socket|DID)/.test(l)) {
        concise.named ||= /Name \(20 chars\)/.test(l);
        continue;
      }
      // The layout with names prints each GPU's name, up to 20 characters, on the line under its row.
      if (concise.named && concise.last && indentOf(line) >= 4) {
        if (!models.has(concise.last)) models.set(concise.last, [2, l]);
        continue;
      }
    }
    out.issues.push({ line: line.no, text: line.text, message: 'not a rocm-smi line fwsnap reads' });
  }
  for (const [g, [, m]] of models) g.model = m;
  out.gpus = [...gpus.values()].sort((a, b) => a.index - b.index);
  return out;
}

/** `rocm-smi --json` (with any `--show…` options or `-a`): `{"card0": {"VBIOS version": …}, "system": {"Driver version": …}}`. */
function parseJson(text: string): AmdSmiOutput {
  const { doc, cut } = readJsonOutput('rocm-smi-json', withoutTrailingProse(jsonDocument(text) ?? text));
  const out: AmdSmiOutput = { gpus: [], issues: cut ? [cut] : [] };
  const models = new Map<AmdSmiGpu, [number, string]>();
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { ...out, issues: [...out.issues, { line: 1, text: '', message: 'rocm-smi --json: no object of cards' }] };
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (v === null || typeof v !== 'object') continue;
    const card = /^card(\d+)$/.exec(k);
    if (card) {
      const g: AmdSmiGpu = { index: Number(card[1]), firmware: new Map() };
      for (const [label, value] of Object.entries(v as Record<string, unknown>)) if (typeof value === 'string' || typeof value === 'number') readField(g, label, String(value), models);
      out.gpus.push(g);
    } else {
      const driver = (v as Record<string, unknown>)['Driver version'];
      if (typeof driver === 'string' && !unknownValue(driver)) out.driverVersion ??= driver.trim();
    }
  }
  for (const [g, [, m]] of models) g.model = m;
  out.gpus.sort((a, b) => a.index - b.index);
  return out;
}

/** The header of `rocm-smi --csv`: `device,Card series,Card model,…`. */
const CSV_HEADER = /^device,[^,]/;

/**
 * `rocm-smi --csv` (with `--show…` options): a header of labels after `device`, a row per `card<n>` (and `cardsystem`'s
 * driver version). A row whose cells do not match the header is an issue with its number.
 */
function parseCsv(text: string): AmdSmiOutput {
  const out: AmdSmiOutput = { gpus: [], issues: [] };
  const models = new Map<AmdSmiGpu, [number, string]>();
  let header: string[] | undefined;
  for (const line of cleanText(text).lines) {
    const l = line.text.trim();
    if (l === '' || TYPED.test(l)) continue;
    if (CSV_HEADER.test(l)) {
      header = l.split(',');
      continue;
    }
    const cells = l.split(',');
    const card = /^card(\d+|system)$/.exec(cells[0] ?? '');
    if (!header || !card || cells.length !== header.length) {
      out.issues.push({ line: line.no, text: line.text, message: header ? 'not a row of the header\'s cells' : 'not a rocm-smi CSV line' });
      continue;
    }
    if (card[1] === 'system') {
      const at = header.findIndex((h) => /^Driver version$/i.test(h));
      if (at > 0 && !unknownValue(cells[at])) out.driverVersion ??= cells[at]!.trim();
      continue;
    }
    const index = Number(card[1]);
    let g = out.gpus.find((x) => x.index === index);
    if (!g) out.gpus.push((g = { index, firmware: new Map() }));
    header.forEach((h, i) => i > 0 && readField(g!, h, cells[i]!, models));
  }
  for (const [g, [, m]] of models) g.model = m;
  out.gpus.sort((a, b) => a.index - b.index);
  return out;
}

/** A saved rocm-smi output, text, `--json` or `--csv`, told by its text. */
export function parseRocmSmi(data: Buffer | string): AmdSmiOutput {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  // The form is told by the text as the tool printed it (a quote, a log prefix, escaped quotes undone).
  if (cleanText(text).lines.some((l) => /^device,[^,]+,/.test(l.text.trim()))) return parseCsv(text);
  return /"card\d+"\s*:/.test(jsonDocument(text) ?? '') ? parseJson(text) : parseText(text);
}
