import { ParseError } from '../../parsers/errors.js';
import { jsonDocument, type LineIssue } from '../../parsers/text-input.js';
import { namesNothing } from '../../version/sentinels.js';
import { toolError, toolLines } from './tool-lines.js';

/** One NV setting waiting for a reset, its values as printed. */
export interface PendingSetting {
  name: string;
  default: string;
  current: string;
  next_boot: string;
}

/**
 * `mlxfwreset -d <dev> status` (mstflint 4.36 and later): what waits for a firmware reset on the device (a burned image, NV
 * settings) and the reset the tool recommends, as text (`Status for device: …`) or `--json`.
 */
export interface FwResetStatus {
  device?: string;
  runningFw?: string;
  /** The image on the flash waiting to run; undefined when the tool says the firmware is up to date. */
  pendingFw?: string;
  pending: PendingSetting[];
  action?: string;
  command?: string;
  reasons: string[];
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'mlxfwreset-status';
const HEADING = /^Status for device:\s*(\S+)$/;
/** `Pending FW version : 22.43.1014`, `Description action : No action required`: a key, ` : `, the value. */
const FIELD = /^([A-Z][A-Za-z ]*?)\s*:\s*(.*)$/;
const TABLE_HEAD = /^Name\s+Default\s+Current\s+Next Boot$/;
/** The value the tool prints when there is none (`N/A (FW is up to date)`). */
const none = (v: string | undefined): boolean => v === undefined || v === '' || /^N\/A\b/.test(v) || namesNothing(v);

/** Whether an output is an `mlxfwreset status` run (its heading, or the `--json` document's keys). */
export function isFwResetStatus(text: string): boolean {
  const json = jsonDocument(text);
  if (json !== undefined) return /"running_fw_version"\s*:/.test(json);
  return toolLines(text).lines.some((l) => HEADING.test(l.s));
}

function fromJson(json: string): FwResetStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (e) {
    throw new ParseError(PARSER, `invalid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ParseError(PARSER, 'the status document is not an object');
  const d = doc as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  const out: FwResetStatus = { pending: [], reasons: [], errors: [], issues: [] };
  const set = (k: 'device' | 'runningFw' | 'pendingFw' | 'action' | 'command', v: string | undefined): void => {
    if (!none(v)) out[k] = v;
  };
  set('device', str('device'));
  set('runningFw', str('running_fw_version'));
  set('pendingFw', str('pending_fw_version'));
  set('action', str('description_action'));
  set('command', str('command_required'));
  const params = d.pending_nvconfig_parameters;
  if (Array.isArray(params)) {
    for (const p of params as Record<string, unknown>[]) {
      const cell = (k: string): string => (p[k] === undefined || p[k] === null ? '' : String(p[k]));
      if (typeof p.name === 'string') out.pending.push({ name: p.name, default: cell('default'), current: cell('current'), next_boot: cell('next_boot') });
    }
  }
  if (Array.isArray(d.reasons)) out.reasons = (d.reasons as unknown[]).filter((r): r is string => typeof r === 'string');
  if (out.runningFw === undefined && out.device === undefined) throw new ParseError(PARSER, 'no device and no running FW version in the status document');
  return out;
}

/** `mlxfwreset -d <dev> status [--json]` output, as printed or as pasted. */
export function parseFwResetStatus(text: string): FwResetStatus {
  const json = jsonDocument(text);
  if (json !== undefined) return fromJson(json);
  const out: FwResetStatus = { pending: [], reasons: [], errors: [], issues: [] };
  let table = false;
  let headed = false;
  for (const l of toolLines(text).lines) {
    const s = l.s;
    if (s === '' || /^-[WI]-/.test(s)) continue;
    const error = toolError(s);
    if (error !== undefined) {
      out.errors.push(error);
      continue;
    }
    const heading = HEADING.exec(s);
    if (heading) {
      out.device = heading[1];
      headed = true;
      continue;
    }
    if (TABLE_HEAD.test(s)) {
      table = true;
      continue;
    }
    const cells = s.split(/\s+/);
    if (table && cells.length === 4 && /^[A-Z][A-Za-z0-9_]*(?:\[\d+\])?$/.test(cells[0]!)) {
      out.pending.push({ name: cells[0]!, default: cells[1]!, current: cells[2]!, next_boot: cells[3]! });
      continue;
    }
    const f = FIELD.exec(s);
    if (f) {
      table = false;
      const [key, value] = [f[1]!, f[2]!.trim()];
      if (key === 'Pending FW version') {
        if (!none(value)) out.pendingFw = value;
      } else if (key === 'Running FW version') {
        if (!none(value)) out.runningFw = value;
      } else if (key === 'Description action') out.action = value;
      else if (key === 'Command required') out.command = value;
      else if (key === 'Reasons') out.reasons = value.split(/,\s*/).filter((r) => r !== '');
      else if (key !== 'Pending NVCONFIG parameters') out.issues.push({ line: l.no, text: l.text, message: 'not a line of an mlxfwreset status' });
      continue;
    }
    out.issues.push({ line: l.no, text: l.text, message: 'not a line of an mlxfwreset status' });
  }
  if (!headed && out.runningFw === undefined && out.errors.length === 0) throw new ParseError(PARSER, 'no `Status for device:` heading and no running FW version in the output');
  return out;
}
