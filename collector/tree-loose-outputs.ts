import { SAVED_OUTPUT_EXT, savedOutputStem } from './saved-output-name.js';

/**
 * Outputs a person saved at the top of a captured tree rather than under `cmd/<tool>/`: a ticket's attachments
 * unpacked into the tree (`flint_q.txt`, `ethtool-i-eth0.txt`, `nvme id-ctrl nvme0.txt`, `sudo smartctl -x sda.log`,
 * `devlink dev info.json`, `dmesg.txt`). A file whose name starts with a tool's name (perhaps after `sudo`, perhaps as
 * its Windows `.exe`) is read as if saved under `cmd/<tool>/` with the same name, by the same name reader; a file
 * naming no known tool is not read (and is listed as not read).
 */

/** The tool a top-level file's name starts with (the longest that fits), or undefined. */
export function looseOutputTool(fileName: string, tools: Iterable<string>): string | undefined {
  if (savedOutputStem(fileName) === undefined) return undefined;
  const f = fileName.toLowerCase().replace(/^sudo[-_ ]+/, '');
  let best: string | undefined;
  for (const t of tools) {
    if (!f.startsWith(t)) continue;
    // After the tool's name: a separator, its `.exe`, or the name's own extension (`dmesg.txt`, `mlxup.out`).
    const after = f.slice(t.length);
    if (!/^(?:[-_ ]|\.exe(?:[-_ .]|$)|$)/.test(after) && savedOutputStem(`x${after}`) !== 'x') continue;
    if (best === undefined || t.length > best.length) best = t;
  }
  return best;
}

/** The name a top-level output stands for: `cmd/<tool>/<its own name>`. */
export const looseOutputName = (fileName: string, tool: string): string => `cmd/${tool}/${fileName}`;

/**
 * A top-level output's name with its tool's word taken off, as a bundle names the command's arguments:
 * `nv-fabricmanager --version.txt` → `--version.txt`, `uname_-r.log` → `-r.log`, `nvidia-smi.txt` → `_.txt`.
 */
export function looseArgsName(fileName: string, tool: string): string {
  const ext = SAVED_OUTPUT_EXT.exec(fileName)?.[0] ?? '';
  const stem = fileName.slice(0, fileName.length - ext.length).replace(/^sudo[-_ ]+/i, '');
  const args = stem.slice(tool.length).replace(/^\.exe/i, '').replace(/^[_ ]+/, '').replace(/ +/g, '_');
  return `${args === '' ? '_' : args}${ext}`;
}

/**
 * Whether a top-level output's name says no argument of its tool (`smartctl.txt`, `sudo nvme.log`, `lspci`): the
 * command typed in its text, if any, says what was run (typed-commands.ts, ownTypedParts).
 */
export function namesToolAlone(fileName: string, tool: string): boolean {
  return looseArgsName(fileName, tool) === `_${SAVED_OUTPUT_EXT.exec(fileName)?.[0] ?? ''}`;
}
