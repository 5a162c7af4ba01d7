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
  /** The tool's `-E-` messages (a query that failed). */
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'mlxfwreset-query';
/** `Reset-levels:`, `Reset-types (relevant only for reset-levels 1,3,4):`, `Reset-sync (relevant only for reset-level 3):`, `Reset-method …:`. */
const HEADING = /^Reset[- ](levels?|types?|sync|methods?)\b[^:]*:$/i;
/** `3: Driver restart and PCI reset   -Supported     (default)`; a description as wide as its column leaves no space before the dash. */
const OPTION = /^(\d+):\s+(.*?)\s*-(Supported|Not supported)\b\s*(\(default\))?/i;
const LISTS: Record<string, ResetList> = { level: 'level', levels: 'level', type: 'type', types: 'type', sync: 'sync', method: 'method', methods: 'method' };

/** `mlxfwreset -d <device> query` / `mstfwreset -d <device> q` output, as printed or as pasted. */
export function parseFwResetQuery(text: string): FwResetQuery {
  const options: ResetOption[] = [];
  const errors: string[] = [];
  const issues: LineIssue[] = [];
  let list: ResetList | undefined;
  const { lines, version: toolVersion } = toolLines(text);
  for (const l of lines) {
    const s = l.s;
    if (/^-[WI]-/.test(s)) continue;
    const error = toolError(s);
    if (error !== undefined) {
      errors.push(error);
      continue;
    }
    const heading = HEADING.exec(s);
    if (heading) {
      list = LISTS[heading[1]!.toLowerCase()];
      continue;
    }
    const option = OPTION.exec(s);
    if (option && list) {
      options.push({ list, number: Number(option[1]), description: option[2]!, supported: option[3]!.toLowerCase() === 'supported', isDefault: option[4] !== undefined });
      continue;
    }
    issues.push({ line: l.no, text: l.text, message: list ? 'not a reset option line of an mlxfwreset query' : 'not a line of an mlxfwreset query' });
  }
  if (options.length === 0 && errors.length === 0) throw new ParseError(PARSER, 'no Reset-levels list and no tool error in the output');
  return { options, errors: errors.map((e) => withVersion(e, toolVersion)), issues };
}
