import { savedHdparmArgv } from './hdparm-source.js';
import { savedSmartctlArgv } from './smartctl-source.js';

/**
 * The heading of smartctl's ATA attribute table, -A (`ID# ATTRIBUTE_NAME FLAG VALUE WORST THRESH TYPE UPDATED
 * WHEN_FAILED RAW_VALUE`) or -x / `-f brief` (`ID# ATTRIBUTE_NAME FLAGS VALUE WORST THRESH FAIL RAW_VALUE`): no other
 * tool prints it, so a paste of the table alone is smartctl's.
 */
export const ATTRIBUTE_HEADER = /^ID#\s+ATTRIBUTE_NAME\s+(?:FLAG\s+VALUE\s+WORST\s+THRESH\s+TYPE\s+UPDATED\s+WHEN_FAILED\s+RAW_VALUE|FLAGS\s+VALUE\s+WORST\s+THRESH\s+FAIL\s+RAW_VALUE)$/;

const trimmed = (lines: readonly string[]): string[] => lines.map((l) => l.trim());

/**
 * smartctl by its banner (`smartctl 7.3 2022-02-28 r5338 …`) over its sections, by a section heading over its fields
 * when the banner was not pasted, by its attribute table's heading, or by its JSON document's `smartctl` object (compact too).
 */
export function smartctlShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  const banner = t.some((l) => /^smartctl (?:version )?\d+\.\d+\b/.test(l)) && t.some((l) => /^=== START OF |^Copyright \(C\) \d{4}/.test(l));
  // Pasted without its banner: smartctl's own section heading over a drive's identity fields.
  const section = t.some((l) => /^=== START OF (?:INFORMATION|READ SMART DATA|SMART DATA) SECTION ===$/.test(l)) && t.some((l) => /^(?:Device Model|Model Number|Product|Firmware Version|Revision|SMART overall-health self-assessment test result|SMART Health Status):/.test(l));
  // -j, pretty or compact (`--json=c`: the whole document on one line).
  const json = t.some((l) => /^(?:\{\s*)?"json_format_version"\s*:/.test(l)) && t.some((l) => /(?:^|[{,]\s*)"smartctl"\s*:\s*\{/.test(l));
  // Its SMART data pasted alone (-A, or -H's verdict over it), no banner, heading or drive: by the attribute table's heading.
  const table = t.some((l) => ATTRIBUTE_HEADER.test(l));
  if (!banner && !section && !json && !table) return undefined;
  return savedSmartctlArgv(`cmd/smartctl/${json ? '-j' : '_'}.out`, lines.join('\n')) ?? ['smartctl'];
}

/** `hdparm -I` by its own heading (`ATA device, with non-removable media`) or its identify fields under `Standards:`. */
export function hdparmShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  const heading = t.some((l) => /^ATA device, with (?:non-)?removable media$/.test(l));
  const fields = t.some((l) => /^Model Number:/.test(l)) && t.some((l) => /^Firmware Revision:/.test(l)) && t.some((l) => /^Standards:$/.test(l));
  if (!heading && !fields) return undefined;
  return savedHdparmArgv('cmd/hdparm/-I.out', lines.join('\n')) ?? ['hdparm', '-I'];
}
