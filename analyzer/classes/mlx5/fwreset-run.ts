import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { mstText } from './mst-text.js';
import { toolError, toolLines } from './tool-lines.js';
import { withVersion } from './tool-messages.js';

/**
 * What `mlxfwreset -d <device> reset` printed: the level it chose (the minimal one, or the one `-l` requested), the
 * answer to its question, each step, and whether the firmware on the flash was loaded.
 */
export interface FwResetRun {
  /** The device the tool named in its heading (`Minimal reset level for device, 04:00.0:`), else its command line's `-d`. */
  device?: string;
  level?: number;
  /** As printed: `Driver restart and PCI reset`. */
  levelDescription?: string;
  /** The answer to `Continue with reset?[y/N]`: `y` or `n` (`-y` answers it in the printout too). */
  answer?: 'y' | 'n';
  /** `-I- Stopping Driver   -Done`: each step and its status as printed (Done, Skipped…). */
  steps: { step: string; status: string }[];
  /** `-I- FW was loaded successfully.` (or a BlueField's `Embedded CPU reset/shutdown operation completed`). */
  loaded: boolean;
  /** The tool's `-E-` messages. */
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'mlxfwreset-reset';
/** The three headings mlxfwreset versions print above the level: `Minimal …`, `Requested …` (with -l), `The reset level … is:`. */
const HEADING = /^(?:(?:Minimal|Requested) reset level for device, (.+?):|The reset level for device, (.+?) is:)$/i;
const LEVEL = /^(\d+): (.+)$/;
const ASK = /^Continue with reset\s*\?\s*\[y\/N\]\s*:?\s*(\S*)$/i;
/** `-I- Sending Reset Command To Fw             -Done`. */
const STEP = /^-I- (.+?)\s+-(\w[\w ]*)$/;
const LOADED = /^(?:-I- FW was loaded successfully|Embedded CPU reset\/shutdown operation completed)\.?$/i;
const COMMAND = /(?:^|[\s/\\])(?:mlxfwreset|mstfwreset)(?:\.exe)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)/;
/** Lines the tool prints around a reset that say nothing of its outcome. */
const TOOL_NOTE = /^(?:-[WI]- .*|Please be aware that resetting the Bluefield .*)$/;

/** Whether a saved mlxfwreset output is a reset run (its heading), not a query. */
export const isFwResetRun = (text: string): boolean => mstText(text).lines.some((l) => HEADING.test(l.text.trim()));

/** `mlxfwreset -d <device> [-l <level>] [-y] reset` output, as printed or as pasted. */
export function parseFwResetRun(text: string): FwResetRun {
  const run: FwResetRun = { steps: [], loaded: false, errors: [], issues: [] };
  let command: string | undefined;
  let headed = false;
  const { lines, version: toolVersion } = toolLines(text);
  for (const l of lines) {
    const s = l.s;
    const cmd = COMMAND.exec(s);
    if (cmd && !headed) {
      command = cmd[1];
      continue;
    }
    const heading = HEADING.exec(s);
    if (heading) {
      run.device = heading[1] ?? heading[2];
      headed = true;
      continue;
    }
    const level = LEVEL.exec(s);
    if (level && headed && run.level === undefined) {
      run.level = Number(level[1]);
      run.levelDescription = level[2]!.trim();
      continue;
    }
    const ask = ASK.exec(s);
    if (ask) {
      const a = ask[1]!.toLowerCase();
      if (a === 'y' || a === 'yes') run.answer = 'y';
      else if (a === 'n' || a === 'no') run.answer = 'n';
      continue;
    }
    if (LOADED.test(s)) {
      run.loaded = true;
      continue;
    }
    const error = toolError(s);
    if (error !== undefined) {
      run.errors.push(error);
      continue;
    }
    const step = STEP.exec(s);
    if (step) {
      run.steps.push({ step: step[1]!, status: step[2]!.trim() });
      continue;
    }
    if (TOOL_NOTE.test(s)) continue;
    run.issues.push({ line: l.no, text: l.text, message: 'not a line of an mlxfwreset reset' });
  }
  if (!headed && run.errors.length === 0) throw new ParseError(PARSER, 'no reset level heading and no tool error in the output');
  run.device ??= command;
  run.errors = run.errors.map((e) => withVersion(e, toolVersion));
  return run;
}

/** What a reset run came to: the firmware loaded, the tool failed, the question answered no, or a printout that stops before its end. */
export function resetResult(run: FwResetRun): 'loaded' | 'failed' | 'declined' | 'unfinished' {
  if (run.loaded) return 'loaded';
  if (run.errors.length) return 'failed';
  return run.answer === 'n' ? 'declined' : 'unfinished';
}
