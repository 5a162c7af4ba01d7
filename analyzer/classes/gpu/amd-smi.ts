import { cleanText, indentOf, jsonDocument, looksLikeProse } from '../../parsers/text-input.js';
import { readJsonOutput } from '../../parsers/json-output.js';
import { amdBdf, unknownValue, withoutTrailingProse, type AmdSmiGpu, type AmdSmiOutput } from './amd-smi-gpu.js';
import { amdSmiFirmware } from './amd-smi-firmware.js';

/** The command typed above the output, behind any prompt or wrapper. */
const TYPED = /(?:^|[\s>$#/\\])amd-smi(?:\s+[-\w=., ]*)?$/;
const FIELD = /^([A-Za-z][\w .()/-]*?):\s*(.*)$/;

/**
 * A GPU's fields by their lower-case path (`bus/bdf`, `ifwi/part_number`, `bdf` of `amd-smi list`) into what fwsnap
 * stores. amd-smi before 6.4 names the VBIOS section `VBIOS`, later ones `IFWI`; its first releases `DRIVER_VERSION`.
 */
function fromFields(index: number, f: ReadonlyMap<string, string>): AmdSmiGpu {
  const v = (...paths: string[]): string | undefined => paths.map((p) => f.get(p)).find((x) => !unknownValue(x))?.trim();
  const g: AmdSmiGpu = { index, firmware: new Map() };
  const bdf = amdBdf(v('bus/bdf', 'bdf'));
  if (bdf) g.bdf = bdf;
  const model = v('asic/market_name', 'board/product_name');
  if (model) g.model = model;
  const serial = v('board/product_serial');
  if (serial) g.serial = serial;
  const vbios = v('ifwi/part_number', 'vbios/part_number');
  if (vbios) g.vbios = vbios;
  const build = v('ifwi/version', 'vbios/version');
  if (build) g.vbiosBuild = build;
  amdSmiFirmware(f, g);
  return g;
}

const driverOf = (f: ReadonlyMap<string, string>): string | undefined => ['driver/version', 'driver/driver_version'].map((p) => f.get(p)).find((x) => !unknownValue(x))?.trim();

/**
 * amd-smi's text (`static`, `list`, and any other subcommand laid out alike): `GPU: 0` opening each GPU, then
 * `KEY: value` lines nested by indentation under `SECTION:` lines. Read: the bus id (`BUS/BDF`, `list`'s `BDF`), the
 * market or board product name, the board serial, the VBIOS part number and build (`IFWI` or `VBIOS`), the driver's
 * version, `firmware`'s `FW_LIST`. A block of another processor (`CPU: 0`) is skipped; a line that is no `KEY: value` is an issue with its number.
 */
function parseText(text: string): AmdSmiOutput {
  const out: AmdSmiOutput = { gpus: [], issues: [] };
  let current: { index: number; fields: Map<string, string> } | undefined;
  let inGpu = false;
  let stack: { indent: number; key: string }[] = [];
  const finish = (): void => {
    if (!current) return;
    out.gpus.push(fromFields(current.index, current.fields));
    out.driverVersion ??= driverOf(current.fields);
    current = undefined;
  };
  for (const line of cleanText(text).lines) {
    const l = line.text.trim();
    if (l === '' || TYPED.test(l)) continue;
    const gpu = /^GPU:\s*(\d+)$/.exec(l);
    if (gpu) {
      finish();
      current = { index: Number(gpu[1]), fields: new Map() };
      inGpu = true;
      stack = [];
      continue;
    }
    if (/^(?:CPU|CORE|SOCKET)\s*:\s*\d+$/.test(l)) {
      finish();
      inGpu = false;
      continue;
    }
    const kv = FIELD.exec(l);
    // A person's note among a GPU's fields (`Note: the values below were read after the reboot.`) is no field and
    // closes no section; amd-smi's own messages before the GPUs (`WARNING: User is missing …`) are skipped below.
    if (!kv || (inGpu && looksLikeProse(l))) {
      out.issues.push({ line: line.no, text: line.text, message: 'not an amd-smi "KEY: value" line' });
      continue;
    }
    // amd-smi's own messages before the GPUs (`WARNING: User is missing the following required groups`).
    if (!inGpu || !current) continue;
    const indent = indentOf(line);
    stack = stack.filter((s) => s.indent < indent);
    const key = kv[1]!.trim().toLowerCase();
    if (kv[2]!.trim() === '') stack.push({ indent, key });
    else {
      const path = [...stack.map((s) => s.key), key].join('/');
      if (!current.fields.has(path)) current.fields.set(path, kv[2]!.trim());
    }
  }
  finish();
  return out;
}

/** Nested JSON members as `a/b` paths in lower case, their scalar values as text. */
function flatten(o: Record<string, unknown>, prefix: string, into: Map<string, string>): void {
  for (const [k, v] of Object.entries(o)) {
    const path = `${prefix}${k.toLowerCase()}`;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, `${path}/`, into);
    // `firmware --json`'s `fw_list`: an array of `{"fw_id", "fw_version"}`.
    else if (Array.isArray(v)) v.forEach((e, i) => e !== null && typeof e === 'object' && !Array.isArray(e) && flatten(e as Record<string, unknown>, `${path}/${i}/`, into));
    else if (typeof v === 'string' || typeof v === 'number') into.set(path, String(v));
  }
}

/** `amd-smi static --json`, `amd-smi list --json`: an array of GPUs (`{"gpu": 0, "bus": {"bdf": …}}`), or `{"gpu_data": [...]}` from 26.0. */
function parseJson(text: string): AmdSmiOutput {
  const { doc, cut } = readJsonOutput('amd-smi-json', withoutTrailingProse(jsonDocument(text) ?? text));
  const out: AmdSmiOutput = { gpus: [], issues: cut ? [cut] : [] };
  const list = Array.isArray(doc) ? doc : doc !== null && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>).gpu_data) ? ((doc as Record<string, unknown>).gpu_data as unknown[]) : undefined;
  if (!list) return { ...out, issues: [...out.issues, { line: 1, text: '', message: 'amd-smi --json: no array of GPUs' }] };
  list.forEach((e, i) => {
    if (e === null || typeof e !== 'object') return;
    const fields = new Map<string, string>();
    flatten(e as Record<string, unknown>, '', fields);
    const index = Number(fields.get('gpu') ?? i);
    out.gpus.push(fromFields(Number.isInteger(index) ? index : i, fields));
    out.driverVersion ??= driverOf(fields);
  });
  return out;
}

/** A saved amd-smi output, text or `--json`, told by its text. */
export function parseAmdSmi(data: Buffer | string): AmdSmiOutput {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  return jsonDocument(text) !== undefined ? parseJson(text) : parseText(text);
}
