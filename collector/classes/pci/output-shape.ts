/** An lspci device line: its address (domain optional), then a class name (`3D controller`) and `:` (`-n`: class, vendor and device ids). */
const DEVICE = /^(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7] (?:[A-Za-z0-9][^:]*:|[0-9a-f]{4}: [0-9a-f]{4}:[0-9a-f]{4})/;
/** A -v line under a device: indented `Subsystem:`, `Flags:`, `Capabilities:`, `Kernel driver in use:`… */
const VERBOSE = /^\s+(?:Subsystem|Flags|Control|Status|Capabilities|Kernel driver in use|Kernel modules|Physical Slot|Region \d|Memory at|I\/O ports at)\b/;
/** The same -v fields at the margin, where a mail or a page flattened the indentation (`Capabilities: [40] …`). */
const FLATTENED = /^(?:Subsystem: |Flags: |Control: I\/O|Status: Cap|Capabilities: \[[0-9a-f]+\]|Kernel driver in use: |Kernel modules: |Physical Slot: |Region \d: |Memory at [0-9a-f]+ |I\/O ports at [0-9a-f]+ |Expansion ROM at )/;
/** A person's elision (`[ ... ]`, `...`, `(...)`, `<snip>`) or a Markdown fence around the output: no line of another output. */
const AROUND = /^(?:\[\s*\.\.\.\s*\]|\.{3,}|\(\s*\.\.\.\s*\)|<\s*snip\s*>|`{3}.*)$/i;
const NUMERIC = /\[[0-9a-f]{4}:[0-9a-f]{4}\]/;

/**
 * lspci by its lines: two device lines at least (or one with its -v lines below it), and half the lines at the left
 * margin device lines (words around the output are tolerated; another output beside it is not lspci's); with `-vvv`
 * when the devices' details are indented below them, `-nn` when the names carry their ids in brackets. A line a mail
 * wrapped off an lspci line (the one right below it), -v fields it flattened to the margin, an elision and a fence are
 * the output's, not another's.
 */
export function lspciShape(lines: readonly string[]): string[] | undefined {
  let devices = 0;
  let margin = 0;
  let verbose = false;
  let numeric = false;
  let afterOwn = false;
  for (const line of lines) {
    if (line.trim() === '') {
      afterOwn = false;
      continue;
    }
    if (/^\s/.test(line)) {
      const field = devices > 0 && VERBOSE.test(line);
      verbose ||= field;
      afterOwn = devices > 0;
      continue;
    }
    if (AROUND.test(line.trim())) continue;
    if (devices > 0 && FLATTENED.test(line)) {
      verbose = true;
      afterOwn = true;
      continue;
    }
    if (DEVICE.test(line)) {
      margin++;
      devices++;
      numeric ||= NUMERIC.test(line);
      afterOwn = true;
      continue;
    }
    if (afterOwn) {
      afterOwn = false;
      continue;
    }
    margin++;
  }
  if ((devices < 2 && !(devices === 1 && verbose)) || devices * 2 < margin) return undefined;
  return ['lspci', ...(verbose ? ['-vvv'] : []), ...(numeric ? ['-nn'] : [])];
}
