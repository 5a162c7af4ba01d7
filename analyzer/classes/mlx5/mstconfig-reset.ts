import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { mstText } from './mst-text.js';
import { toolError, toolLines } from './tool-lines.js';
import { withVersion } from './tool-messages.js';

/** What `mlxconfig -d <device> reset` printed: its question, the answer, and whether the defaults were written. */
export interface ConfigReset {
  /** The device the question names (`Reset configuration for device 03:00.0?`), else the command line's `-d`. */
  device?: string;
  /** applied: every parameter takes its default at the next boot; failed: `Failed!` or an `-E-` line; declined: answered n. */
  outcome: 'applied' | 'failed' | 'declined' | 'unfinished';
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'mlxconfig-reset';
/** The question, its answer after it (`-y` prints it answered). */
const ASK = /^Reset configuration for device (.+?)\s*\?\s*\(y\/n\)\s*\[n\]\s*:?\s*(\S*)$/i;
const APPLYING = /^Applying\.\.\.\s*(Done!|Failed!)?$/i;
const COMMAND = /(?:^|[\s/\\])(?:mstconfig|mlxconfig)(?:\.exe)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)/;

/** Whether a saved mlxconfig output is a reset's printout (its question). */
export const isConfigReset = (text: string): boolean => mstText(text).lines.some((l) => ASK.test(l.text.trim()));

/** `mlxconfig -d <device> [-y] reset` output, as printed or as pasted. */
export function parseConfigReset(text: string): ConfigReset {
  const issues: LineIssue[] = [];
  const errors: string[] = [];
  let device: string | undefined;
  let command: string | undefined;
  let asked = false;
  let answer: string | undefined;
  let applied: boolean | undefined;
  for (const l of toolLines(text).lines) {
    const s = l.s;
    const ask = ASK.exec(s);
    if (ask) {
      [asked, device, answer] = [true, ask[1], ask[2]!.toLowerCase()];
      continue;
    }
    const applying = APPLYING.exec(s);
    if (applying) {
      if (applying[1]) applied = applying[1].toLowerCase() === 'done!';
      continue;
    }
    const cmd = COMMAND.exec(s);
    if (cmd && !asked) {
      command = cmd[1];
      continue;
    }
    const error = toolError(s);
    if (error !== undefined) {
      errors.push(withVersion(error, l.version));
      continue;
    }
    if (/^-[WI]- /.test(s)) continue;
    issues.push({ line: l.no, text: l.text, message: 'not a line of an mlxconfig reset' });
  }
  if (!asked) throw new ParseError(PARSER, 'no "Reset configuration for device" question in the output');
  const outcome = applied === true ? 'applied' : applied === false || errors.length ? 'failed' : answer === 'n' || answer === 'no' ? 'declined' : 'unfinished';
  return { device: device ?? command, outcome, errors, issues };
}
