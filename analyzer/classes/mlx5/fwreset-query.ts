import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { toolError, toolLines } from './tool-lines.js';
import { withVersion } from './tool-messages.js';

/** The lists `mlxfwreset query` prints: reset levels, reset types, reset sync owners, PCI reset request methods. */
export type ResetList = 'level' | 'type' | 'sync' | 'method';

export interface ResetOption {
  list: ResetList;
  number: number;
  /** As printed: `Driver restart and PCI reset`, `Warm Reboot`. */
  description: string;
  /** `-Supported` / `-Not Supported` after it. */
  supported: boolean;
  /** `(default)`: what a reset without the option uses. */
  isDefault: boolean;
}

export interface FwResetQuery {
  options: ResetOption[];
  /** What newer releases print of the last reset (`Reset-reason: Warm reset`, the clock cycles since the last cold one), as printed. */
  lastReset?: { reason?: string; sinceColdReset?: string };
  /** The tool's `-E-` messages (a query that failed). */
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'mlxfwreset-query';
/** `Reset-levels:`, `Reset-types (relevant only for reset-levels 1,3,4):`, `Reset-sync (relevant only for reset-level 3):`, `Reset-method …:`. */
const HEADING = /^Reset[- ](levels?|types?|sync|(?:request )?methods?)\b[^:]*:$/i;
/** Releases up to 4.12 print the levels alone, under `Supported reset levels for loading FW on device, /dev/mst/mt4117_pciconf0:`. */
const OLD_HEADING = /^Supported reset levels for loading FW on device\b.*:$/i;
const RESET_REASON = /^Reset-reason:\s*(.*)$/;
const SINCE_COLD_RESET = /^Timestamp \(number of clock cycles\) since last cold reset:\s*(.*)$/;
/** `3: Driver restart and PCI reset   -Supported     (default)`; a description as wide as its column leaves no space before the dash. */
const OPTION = /^(\d+):\s+(.*?)\s*-(Supported|Not supported)\b\s*(\(default\))?/i;
/**
 * The list an option belongs to, told by what it describes, for option lines with no heading above them (`mlxfwreset -d
 * <dev> q | grep 'Driver restart'`, a note quoting the two lines that matter): a sync names its owner, a type the part
 * of the chip reset, a level how far the reset reaches, a method how the PCI reset is requested. The descriptions are
 * those every release prints (mstfwreset's lists).
 */
const DESCRIBED: readonly (readonly [RegExp, ResetList])[] = [
  [/\bis the owner\b/i, 'sync'],
  [/^(?:Full chip reset|Phy-less reset|NIC only reset|ARM only reset|ARM OS shut ?down)\b/i, 'type'],
  [/live-Patch|Immediate reset|^Only ARM side\b|^Driver restart\b|^(?:Warm|Cold) Reboot\b/i, 'level'],
  [/^(?:Link Disable|Hot reset)\b/i, 'method'],
];
/** Where an option line's verdict ends: `-Supported`, `-Not Supported`, and the `(default)` after it. */
const VERDICT = /-(?:Supported|Not supported)\b(?:\s*\(default\))?/gi;
/**
 * The lines a page or a chat flattened onto one (`3: Driver restart and PCI reset -Supported (default) ... 1: Driver is
 * the owner -Supported (default)`, a whole query with its headings on one line): one piece after each verdict, a writer's
 * elision (`...`) dropped, and a heading in front of its first option split off it. A line with one verdict is as printed.
 */
function flattenedPieces(s: string): string[] {
  const verdicts = [...s.matchAll(VERDICT)];
  if (verdicts.length < 2) return [s];
  const pieces: string[] = [];
  let start = 0;
  for (const v of verdicts) {
    pieces.push(s.slice(start, v.index + v[0].length));
    start = v.index + v[0].length;
  }
  if (s.slice(start).trim()) pieces.push(s.slice(start));
  return pieces.flatMap((p) => {
    const t = p.trim().replace(/^\.{3,}\s*/, '');
    const headed = /^(.*?:)\s+(\d{1,3}:\s.*)$/.exec(t);
    return headed && (HEADING.test(headed[1]!) || OLD_HEADING.test(headed[1]!)) ? [headed[1]!, headed[2]!] : [t];
  });
}
const describedList = (description: string): ResetList | undefined => DESCRIBED.find(([re]) => re.test(description))?.[1];
const LISTS: Record<string, ResetList> = { level: 'level', levels: 'level', type: 'type', types: 'type', sync: 'sync', method: 'method', methods: 'method', 'request method': 'method', 'request methods': 'method' };

/** `mlxfwreset -d <device> query` / `mstfwreset -d <device> q` output, as printed or as pasted. */
export function parseFwResetQuery(text: string): FwResetQuery {
  const options: ResetOption[] = [];
  const errors: string[] = [];
  const issues: LineIssue[] = [];
  let list: ResetList | undefined;
  let lastReset: FwResetQuery['lastReset'];
  const { lines, version: toolVersion } = toolLines(text);
  for (const l of lines) for (const s of flattenedPieces(l.s)) {
    if (/^-[WI]-/.test(s)) continue;
    const error = toolError(s);
    if (error !== undefined) {
      errors.push(error);
      continue;
    }
    const heading = HEADING.exec(s);
    if (heading || OLD_HEADING.test(s)) {
      list = heading ? LISTS[heading[1]!.toLowerCase()] : 'level';
      continue;
    }
    const reason = RESET_REASON.exec(s);
    const since = SINCE_COLD_RESET.exec(s);
    if (reason || since) {
      lastReset ??= {};
      if (reason) lastReset.reason = reason[1]!.trim();
      if (since) lastReset.sinceColdReset = since[1]!.trim();
      continue;
    }
    const option = OPTION.exec(s);
    // Below no heading (a grep of the query, a note quoting its lines), the option's description says its list.
    const optionList = option ? (list ?? describedList(option[2]!)) : undefined;
    // A level is a small number: a line whose digits a paste ran together is no option line.
    if (option && optionList && option[1]!.length <= 3) {
      options.push({ list: optionList, number: Number(option[1]), description: option[2]!, supported: option[3]!.toLowerCase() === 'supported', isDefault: option[4] !== undefined });
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: list ? 'not a reset option line of an mlxfwreset query' : 'not a line of an mlxfwreset query' });
  }
  if (options.length === 0 && errors.length === 0) throw new ParseError(PARSER, 'no Reset-levels list and no tool error in the output');
  return { options, errors: errors.map((e) => withVersion(e, toolVersion)), issues, ...(lastReset ? { lastReset } : {}) };
}
