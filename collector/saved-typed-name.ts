import { savedOutputStem } from './saved-output-name.js';
import { savedTextParts, type OutputShape, type SavedPart } from './output-shapes.js';

/**
 * Whether a name under `cmd/<tool>/` is its tool's name alone (`mlxfwmanager.txt`, `sudo lspci.log`, `flint.exe.txt`):
 * it says no argument, so the command typed in its text says what was run. The collector's own name of the bare tool
 * (`_.out`) and every other name (`-i_eth0.out`, `port_show.txt`, `verify-log.out`) are read by their names.
 */
export function namesOwnTool(fileName: string, tool: string): boolean {
  return savedOutputStem(fileName)?.toLowerCase().replace(/^sudo[-_ ]+/, '').replace(/\.exe$/, '') === tool;
}

/**
 * The part of an output saved under `cmd/<tool>/` by its tool's name alone whose text types that tool's command with
 * an option (typed-commands.ts, ownTypedParts), once: read as the command typed. None for any other file, which is read
 * by its name; nor for one typing several commands, whose class reads them as runs of one output (before and after an
 * update, one query filtered twice).
 */
export function savedTypedParts(fileName: string, tool: string, data: Buffer, tools: ReadonlySet<string>, shapes: ReadonlyMap<string, OutputShape>): SavedPart[] {
  const parts = namesOwnTool(fileName, tool) ? savedTextParts(data, tools, shapes, tool) : [];
  return parts.length === 1 ? parts : [];
}
