/** An lspci device line: its address (domain optional), then a class name and `:` (`-n`: class, vendor and device ids). */
const DEVICE = /^(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7] (?:[A-Za-z][^:]*:|[0-9a-f]{4}: [0-9a-f]{4}:[0-9a-f]{4})/;
/** A -v line under a device: indented `Subsystem:`, `Flags:`, `Capabilities:`, `Kernel driver in use:`… */
const VERBOSE = /^\s+(?:Subsystem|Flags|Control|Status|Capabilities|Kernel driver in use|Kernel modules|Physical Slot|Region \d|Memory at|I\/O ports at)\b/;
const NUMERIC = /\[[0-9a-f]{4}:[0-9a-f]{4}\]/;

/**
 * lspci by its lines: two device lines at least (or one with its -v lines below it), and half the lines at the left
 * margin device lines (words around the output are tolerated; another output beside it is not lspci's); with `-vvv`
 * when the devices' details are indented below them, `-nn` when the names carry their ids in brackets.
 */
export function lspciShape(lines: readonly string[]): string[] | undefined {
  let devices = 0;
  let margin = 0;
  let verbose = false;
  let numeric = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      verbose ||= devices > 0 && VERBOSE.test(line);
      continue;
    }
    margin++;
    if (!DEVICE.test(line)) continue;
    devices++;
    numeric ||= NUMERIC.test(line);
  }
  if ((devices < 2 && !(devices === 1 && verbose)) || devices * 2 < margin) return undefined;
  return ['lspci', ...(verbose ? ['-vvv'] : []), ...(numeric ? ['-nn'] : [])];
}
