import { ParseError } from '../../parsers/errors.js';
import { type LineIssue } from '../../parsers/text-input.js';
import { mstText } from './mst-text.js';
import { toolError, toolLines } from './tool-lines.js';
import { withVersion } from './tool-messages.js';

/** What `flint -d <device> [--allow_rom_change] drom` printed: whether the expansion ROM (FlexBoot, UEFI) left the flash. */
export interface RomRemoval {
  /** The `-d` of the command line above it. */
  device?: string;
  /** removed: `Restoring signature - OK` after the removal; failed: `-E- Remove ROM failed: …` or a step FAILED; unfinished: the printout stops before. */
  outcome: 'removed' | 'failed' | 'unfinished';
  errors: string[];
  issues: LineIssue[];
}

const PARSER = 'flint-rom-removal';
const START = /^-I- Preparing to remove ROM\b/i;
/** `Removing ROM image    - OK`, and the signature restored after it (`Restoring signature  - OK`). */
const STEP = /^(Removing ROM image|Restoring signature)\s+-\s+(\S.*)$/i;
const COMMAND = /(?:^|[\s/\\>])(?:mstflint|flint)(?:\.exe)?\s(?:.*\s)?(?:-d|--dev|--device)\s+(\S+)(?:\s.*)?\sdrom\s*$/;

/** Whether a saved flint output is a ROM removal's printout (its `-I- Preparing to remove ROM` line). */
export const isRomRemoval = (text: string): boolean => mstText(text).lines.some((l) => START.test(l.text.trim()));

/** `flint -d <device> [--allow_rom_change] drom` output, as printed or as pasted. */
export function parseRomRemoval(text: string): RomRemoval {
  const r: RomRemoval = { outcome: 'unfinished', errors: [], issues: [] };
  let started = false;
  for (const l of toolLines(text).lines) {
    const cmd = COMMAND.exec(l.s);
    if (cmd && !started) {
      r.device = cmd[1];
      continue;
    }
    if (START.test(l.s)) {
      started = true;
      r.device ??= COMMAND.exec(l.command ?? '')?.[1];
      continue;
    }
    const step = STEP.exec(l.s);
    if (step && started) {
      const ok = /^OK$/i.test(step[2]!.trim());
      if (!ok) r.outcome = 'failed';
      else if (/^Restoring/i.test(step[1]!) && r.outcome !== 'failed') r.outcome = 'removed';
      continue;
    }
    const error = toolError(l.s);
    if (error !== undefined) {
      r.errors.push(withVersion(error, l.version));
      r.outcome = 'failed';
      continue;
    }
    if (/^-[WI]- /.test(l.s)) continue;
    r.issues.push({ line: l.no, text: l.text, message: 'not a line of a flint ROM removal' });
  }
  if (!started) throw new ParseError(PARSER, 'no "-I- Preparing to remove ROM" line in the output');
  return r;
}
