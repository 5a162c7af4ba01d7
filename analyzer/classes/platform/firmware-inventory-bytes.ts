import type { DmiStructure } from './dmidecode.js';

/**
 * A type 45 structure (Firmware Inventory Information) as dmidecode before 3.5 prints it: `Unknown Type`, its
 * formatted bytes under `Header and Data:` (sixteen a row, hex) and its strings under `Strings:`. dmidecode -u prints
 * every structure so, with no name line, each string as its bytes (its NUL included) and then its text.
 *
 * The layout, SMBIOS 3.5.0 (DMTF DSP0134) 7.46: 04h Firmware Component Name (string), 05h Firmware Version (string),
 * 06h Version Format, 07h Firmware ID (string), 08h Firmware ID Format, 09h Release Date (string), 0Ah Manufacturer
 * (string), 0Bh Lowest Supported Firmware Version (string), 0Ch Image Size (QWORD, all ones unknown), 14h
 * Characteristics (WORD: bit 0 updatable, bit 1 write-protected), 16h State (01h Other … 08h Unavailable Offline),
 * 17h Number of Associated Components n, 18h n handles (WORD each). A field is read where the structure's length
 * holds it, as a person reading the bytes with the specification would. (The same layout, public: SMBIOS_TABLE_TYPE45 of
 * EDK2's MdePkg/Include/IndustryStandard/SmBios.h.) dmidecode 3.5+ prints the same fields so, without the two formats.
 */
export interface DecodedFirmwareInventory {
  handle: string;
  /** Each field as dmidecode 3.5+ prints it: a string, `Not Specified` for string 0, `<BAD INDEX>` past the strings. */
  fields: Map<string, string>;
  /** The Characteristics list (`Updatable: Yes`) and the Associated Components handles (`0x0016`), as printed. */
  items: Map<string, string[]>;
}

const HEX_ROW = /^[0-9A-Fa-f]{2}(?: [0-9A-Fa-f]{2}){0,15}$/;
const TYPE = 45;

/** dmidecode's names of the states (7.46.4). */
const STATES = ['Other', 'Unknown', 'Disabled', 'Enabled', 'Absent', 'Stand-by Offline', 'Stand-by Spare', 'Unavailable Offline'];

const bytesOf = (rows: readonly string[]): number[] | undefined =>
  rows.every((r) => HEX_ROW.test(r)) ? rows.flatMap((r) => r.split(' ').map((b) => parseInt(b, 16))) : undefined;

/** What dmidecode prints of a string's bytes: a control character as a dot. */
const printed = (bytes: readonly number[]): string => String.fromCharCode(...bytes.map((b) => (b < 32 || b === 127 ? 46 : b)));

/**
 * dmidecode -u's strings: each its bytes (rows of sixteen, the last ending in its NUL) then its text; undefined where
 * the list is not so (the plain list of texts), or a text is not what its bytes print.
 */
function dumpedStrings(items: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    const bytes: number[] = [];
    for (;;) {
      const row = bytesOf(items.slice(i, i + 1));
      if (!row || row.length === 0) return undefined;
      bytes.push(...row);
      i++;
      if (row[row.length - 1] === 0) break;
      if (row.length < 16) return undefined;
    }
    const text = items[i];
    if (text === undefined || bytes.indexOf(0) !== bytes.length - 1) return undefined;
    const own = bytes.slice(0, -1);
    if (own.every((b) => b < 128) && printed(own) !== text) return undefined;
    out.push(text);
    i++;
  }
  return out.length > 0 ? out : undefined;
}

/** The strings of a `Strings:` list, string 1 first. */
const stringsOf = (items: readonly string[]): string[] => dumpedStrings(items) ?? [...items];

/** dmidecode's size of a QWORD in bytes: the highest unit of 1024 that is not zero, or the one below it with it. */
function sizeOf(v: bigint): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const split = units.map((_, i) => Number((v >> BigInt(10 * i)) & (i === 6 ? 0xfn : 0x3ffn)));
  let i = 6;
  while (i > 0 && split[i] === 0) i--;
  if (i > 0 && split[i - 1] !== 0) return `${split[i - 1]! + split[i]! * 1024} ${units[i - 1]}`;
  return `${split[i]} ${units[i]}`;
}

const hex4 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The type 45 fields of a structure dmidecode printed as its bytes, or undefined where it is not one (another type),
 * or its bytes are not all there (fewer than its length says: a cut copy).
 */
export function decodeFirmwareInventory(s: DmiStructure): DecodedFirmwareInventory | undefined {
  if (s.type !== TYPE && s.type !== -1) return undefined;
  const data = bytesOf(s.items.get('Header and Data') ?? []);
  if (!data || data.length < 4 || data[0] !== TYPE) return undefined;
  const length = data[1]!;
  if (length < 4 || data.length < length) return undefined;
  const strings = stringsOf(s.items.get('Strings') ?? []);
  const has = (offset: number, size: number): boolean => offset + size <= length;
  const word = (o: number): number => data[o]! | (data[o + 1]! << 8);
  const fields = new Map<string, string>();
  const items = new Map<string, string[]>();
  const str = (key: string, o: number): void => {
    if (!has(o, 1)) return;
    const n = data[o]!;
    fields.set(key, n === 0 ? 'Not Specified' : (strings[n - 1] ?? '<BAD INDEX>'));
  };
  str('Firmware Component Name', 0x04);
  str('Firmware Version', 0x05);
  str('Firmware ID', 0x07);
  str('Release Date', 0x09);
  str('Manufacturer', 0x0a);
  str('Lowest Supported Firmware Version', 0x0b);
  if (has(0x0c, 8)) {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(data[0x0c + i]!);
    fields.set('Image Size', v === 0xffffffffffffffffn ? 'Unknown' : v === 0n ? 'None' : sizeOf(v));
  }
  if (has(0x14, 2)) {
    const c = word(0x14);
    fields.set('Characteristics', '');
    items.set('Characteristics', [`Updatable: ${c & 1 ? 'Yes' : 'No'}`, `Write-Protect: ${c & 2 ? 'Yes' : 'No'}`]);
  }
  if (has(0x16, 1)) fields.set('State', STATES[data[0x16]! - 1] ?? '<OUT OF SPEC>');
  if (has(0x17, 1)) {
    const n = data[0x17]!;
    fields.set('Associated Components', String(n));
    if (has(0x18, 2 * n)) items.set('Associated Components', Array.from({ length: n }, (_, i) => hex4(word(0x18 + 2 * i))));
  }
  return { handle: s.handle !== '' ? s.handle : hex4(word(2)), fields, items };
}
