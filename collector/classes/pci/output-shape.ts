/** An lspci device line: its address (domain optional), then a class name and `:` (`-n`: class, vendor and device ids). */
const DEVICE = /^(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-1][0-9a-f]\.[0-7] (?:[A-Za-z][^:]*:|[0-9a-f]{4}: [0-9a-f]{4}:[0-9a-f]{4})/;
/** A -v line under a device: indented `Subsystem:`, `Flags:`, `Capabilities:`, `Kernel driver in use:`… */
const VERBOSE = /^\s+(?:Subsystem|Flags|Control|Status|Capabilities|Kernel driver in use|Kernel modules|Physical Slot|Region \d|Memory at|I\/O ports at)\b/;
const NUMERIC = /\[[0-9a-f]{4}:[0-9a-f]{4}\]/;

/**
 * lspci by its lines: every line at the left margin a device line, two at least (one with its -v lines below it); with
 * `-vvv` when the devices' details are indented below them, `-nn` when the names carry their ids in brackets.
 */
export function lspciShape(lines: readonly string[]): string[] | undefined {
  let devices = 0;
  let verbose = false;
  let numeric = false;
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      if (devices === 0) return undefined;
      verbose ||= VERBOSE.test(line);
      continue;
    }
    if (!DEVICE.test(line)) return undefined;
    devices++;
    numeric ||= NUMERIC.test(line);
  }
  if (devices < 2 && !(devices === 1 && verbose)) return undefined;
  return ['lspci', ...(verbose ? ['-vvv'] : []), ...(numeric ? ['-nn'] : [])];
}
