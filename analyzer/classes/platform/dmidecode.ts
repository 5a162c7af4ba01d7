import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** One DMI structure as dmidecode prints it: `Handle 0x0000, DMI type 0, 24 bytes`, its name line, then `\tKey: value` lines. */
export interface DmiStructure {
  handle: string;
  type: number;
  name: string;
  /** First occurrence of each `Key: value` line one tab deep. */
  fields: Map<string, string>;
  /** The list lines (two tabs deep) under a field, by the field's key, trimmed: its characteristics, flags, handles. */
  items: Map<string, string[]>;
  /** 1-based line number of the Handle line. */
  line: number;
}

/**
 * `dmidecode` as a report holds it (sosreport, supportconfig, stored by `fwsnap import`) or a person saved it (`collect
 * --root`): the whole table, and outputs of `-t` with the structures read here.
 */
export const DMIDECODE = 'cmd/dmidecode/_.out';
export const DMIDECODE_TYPES = /^cmd\/dmidecode\/-t_[^/]+\.out$/;

export interface Dmidecode {
  version?: string;
  smbios?: string;
  structures: DmiStructure[];
  issues: LineIssue[];
}

const HANDLE = /^Handle (0x[0-9A-Fa-f]{4}), DMI type (\d+), (\d+) bytes\.?$/;
const FIELD = /^([^:]+):(?: (.*))?$/;
/**
 * Header lines dmidecode prints before the first structure; among them the version it corrected a table's bogus one
 * to (`SMBIOS version fixup (2.33 -> 2.3).`, then `SMBIOS 2.3 present.`), a table older than SMBIOS (`Legacy DMI 2.0
 * present.`), and where it read the table from (a file of `--from-dump`, sysfs failing).
 */
const HEADER = /^(?:# dmidecode |SMBIOS \S+ present|# SMBIOS implementations newer|Getting SMBIOS data from|\d+ structures occupying|Table at|# |Scanning |Found SMBIOS entry point|Invalid entry length|Wrong DMI structures|SMBIOS version fixup \(|Legacy DMI \S+ present|Reading SMBIOS\/DMI data from file|Failed to get SMBIOS data from sysfs)/;
/** What dmidecode prints between a Handle line and its name when the structure's length is wrong. */
const FIXUP = /^(?:Invalid entry length|Wrong DMI structures)/;
/** The name of a structure's second and later records: dmidecode numbers them. */
const NTH_RECORD = /^(?:On Board Device \d+ Information|Additional Information \d+)$/;
/** A line a publisher replaced by its MD5 (hw-probe's collections, linuxhw/DMI: a field, or a Handle line): masked, not unread. */
const HASHED_LINE = /^[0-9A-F]{32}$/;

/** The structures whose type a copy without its `Handle` line (`dmidecode -q`, or copied from the name down) still tells. */
const TYPE_OF_NAME: Record<string, number> = { 'BIOS Information': 0, 'System Information': 1, 'Base Board Information': 2, 'Chassis Information': 3 };
/** A structure's name as dmidecode prints it: words, no colon. */
const NAME = /^[A-Za-z0-9][\w .()/-]*$/;
/** The command typed above the output, with a pipe or not (`sudo dmidecode | grep -B 5 "Release Date"`). */
const COMMAND = /^(?:sudo\s+)?dmidecode(?:\s|$)/;
/**
 * A prompt the text layer does not take for one (`[user@host][11:11] ~ $`), with the command typed after it or bare
 * after the output: its last word before the command is a shell's `$`, `#` or `%`.
 */
const OTHER_PROMPT = /^\S.*[\]~)]\s*[$#%](?:\s+(?:sudo\s+)?dmidecode(?:\s.*)?)?$/;

/**
 * `dmidecode` text (dmidecode 2.x and 3.x), as saved or pasted (prompts, quotes, fences off: cleanText): a header
 * (`# dmidecode 3.6`, `SMBIOS 3.2.0 present.`, table address), then one block per structure, each opened by its
 * `Handle` line and its name, or by its name alone (`-q`, or a copy from the name down) when indented fields follow it.
 * Its fields are indented one step (a tab, or the spaces a web page or an editor put for it); lines indented deeper
 * are list items of the field before them (characteristics, flags). grep's `--` between the matches it printed
 * ends a structure. A line that fits none of these is an issue; the structures around it are kept.
 */
export function parseDmidecode(text: string): Dmidecode {
  const out: Dmidecode = { structures: [], issues: [] };
  let cur: DmiStructure | undefined;
  let expectName = false;
  /** How deep the current structure's fields are indented: its first indented line says. */
  let fieldIndent: number | undefined;
  /** The key of the current structure's last field, which the list lines below it belong to. */
  let lastKey: string | undefined;
  const lines = cleanText(text).lines;
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  /**
   * A name line with no Handle above it opens a structure when the next line that is not blank is indented, and it
   * starts a block (first, or after a blank line: `-q` separates structures so) or names one of the four read here.
   */
  const opensNamed = (i: number): boolean => {
    const line = lines[i]!.text;
    if (indentOf(line) !== 0 || !NAME.test(line.trim()) || HEADER.test(line) || COMMAND.test(line)) return false;
    if (cur && i > 0 && lines[i - 1]!.text.trim() !== '' && TYPE_OF_NAME[line.trim()] === undefined) return false;
    let j = i + 1;
    while (j < lines.length && lines[j]!.text.trim() === '') j++;
    const next = lines[j];
    return next !== undefined && indentOf(next.text) > 0 && !HANDLE.test(next.text.trim());
  };
  for (const [i, { no, text: line }] of lines.entries()) {
    if (indentOf(line) === 0 && OTHER_PROMPT.test(line.trim())) {
      cur = undefined;
      continue;
    }
    if (HASHED_LINE.test(line.trim())) continue;
    const h = HANDLE.exec(line.trim());
    if (h) {
      cur = { handle: h[1]!, type: Number(h[2]), name: '', fields: new Map(), items: new Map(), line: no };
      out.structures.push(cur);
      expectName = true;
      fieldIndent = undefined;
      lastKey = undefined;
      continue;
    }
    const indent = indentOf(line);
    if (cur && expectName && FIXUP.test(line.trim())) continue;
    // Older dmidecode printed some names one tab in (`\tSystem Power Controls`).
    if (cur && expectName && (indent === 0 || (NAME.test(line.trim()) && !line.includes(':')))) {
      cur.name = line.trim();
      expectName = false;
      continue;
    }
    if (line.trim() === '--' && indent === 0) {
      cur = undefined;
      continue;
    }
    if (opensNamed(i)) {
      cur = { handle: '', type: TYPE_OF_NAME[line.trim()] ?? -1, name: line.trim(), fields: new Map(), items: new Map(), line: no };
      out.structures.push(cur);
      expectName = false;
      fieldIndent = undefined;
      lastKey = undefined;
      continue;
    }
    // dmidecode 2.x may print the table twice (from sysfs, then from memory): a header line ends the structure before it.
    if (cur && indent === 0 && HEADER.test(line)) cur = undefined;
    if (cur) {
      expectName = false;
      // One structure may hold several records, each under its own name (type 10's `On Board Device 2 Information`,
      // type 40's `Additional Information 2`): a name at the margin with fields under it, the fields of the first kept.
      if (indent === 0 && cur.handle !== '' && NTH_RECORD.test(line.trim())) continue;
      fieldIndent ??= indent;
      if (indent > fieldIndent) {
        if (lastKey !== undefined && !cur.items.has(lastKey)) cur.items.set(lastKey, []);
        if (lastKey !== undefined) cur.items.get(lastKey)!.push(line.trim());
        continue;
      }
      const f = indent === fieldIndent ? FIELD.exec(line.trim()) : null;
      if (f) {
        const key = f[1]!.trim();
        // A key printed again (a second record's) keeps the first's value and lists.
        lastKey = cur.fields.has(key) ? undefined : key;
        if (!cur.fields.has(key)) cur.fields.set(key, (f[2] ?? '').trim());
        continue;
      }
      // A page that lost the tabs put the list items (Characteristics, Installable Languages) at the fields' margin:
      // inside a structure, a line with no colon after its fields is one of them.
      if (fieldIndent === 0 && cur.fields.size > 0 && !line.includes(':')) continue;
      out.issues.push({ line: no, text: line, message: 'not a field of the structure above' });
      continue;
    }
    const v = /^# dmidecode (\S+)/.exec(line);
    if (v) {
      out.version = v[1];
      continue;
    }
    const s = /^SMBIOS (\S+) present\.?/.exec(line) ?? /^# SMBIOS implementations newer than version (\S+)/.exec(line);
    if (s) {
      out.smbios ??= s[1];
      continue;
    }
    if (HEADER.test(line) || (out.structures.length === 0 && COMMAND.test(line))) continue;
    out.issues.push({ line: no, text: line, message: 'outside any structure' });
  }
  return out;
}

/** What dmidecode prints for a string the table leaves empty (index 0), or cannot read. */
const NO_STRING = /^(?:Not Specified|<BAD INDEX>|<OUT OF SPEC>|Not Present)$/;

/** SMBIOS chassis types (SMBIOS 3.x, 7.4.1) by the names dmidecode prints; sysfs `chassis_type` is the number. */
const CHASSIS_TYPES = [
  'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop',
  'Notebook', 'Hand Held', 'Docking Station', 'All In One', 'Sub Notebook', 'Space-saving', 'Lunch Box',
  'Main Server Chassis', 'Expansion Chassis', 'Sub Chassis', 'Bus Expansion Chassis', 'Peripheral Chassis',
  'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system', 'CompactPCI', 'AdvancedTCA', 'Blade',
  'Blade Enclosing', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC',
];

/** Which dmidecode field of which structure type is which /sys/class/dmi/id attribute (drivers/firmware/dmi-id.c). */
const ATTRIBUTES: Record<number, Record<string, string>> = {
  0: { Vendor: 'bios_vendor', Version: 'bios_version', 'Release Date': 'bios_date', 'BIOS Revision': 'bios_release', 'Firmware Revision': 'ec_firmware_release' },
  1: { Manufacturer: 'sys_vendor', 'Product Name': 'product_name', Version: 'product_version', 'Serial Number': 'product_serial', UUID: 'product_uuid', 'SKU Number': 'product_sku', Family: 'product_family' },
  2: { Manufacturer: 'board_vendor', 'Product Name': 'board_name', Version: 'board_version', 'Serial Number': 'board_serial', 'Asset Tag': 'board_asset_tag' },
  3: { Manufacturer: 'chassis_vendor', Type: 'chassis_type', Version: 'chassis_version', 'Serial Number': 'chassis_serial', 'Asset Tag': 'chassis_asset_tag' },
};

/**
 * The /sys/class/dmi/id attributes a dmidecode output gives, with the values sysfs would show: the first
 * structure of types 0–3, strings as printed (an empty string where dmidecode says `Not Specified`, left out),
 * `chassis_type` as its SMBIOS number.
 */
export function dmiAttributesOf(d: Dmidecode): Map<string, string> {
  const out = new Map<string, string>();
  for (const type of [0, 1, 2, 3]) {
    const s = d.structures.find((x) => x.type === type);
    if (!s) continue;
    for (const [field, attribute] of Object.entries(ATTRIBUTES[type]!)) {
      const v = s.fields.get(field);
      if (v === undefined || v === '' || NO_STRING.test(v)) continue;
      if (attribute === 'chassis_type') {
        const n = CHASSIS_TYPES.findIndex((t) => t.toLowerCase() === v.toLowerCase());
        if (n >= 0) out.set(attribute, String(n + 1));
        continue;
      }
      out.set(attribute, v);
    }
  }
  return out;
}
