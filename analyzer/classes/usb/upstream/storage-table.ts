import { createHash } from 'node:crypto';
import { cFlags, cString, CTableError } from '../../../rules/upstream/c-table.js';

export const UNUSUAL_DEVS_FILE = 'drivers/usb/storage/unusual_devs.h';
export const UNUSUAL_UAS_FILE = 'drivers/usb/storage/unusual_uas.h';
export const USB_USUAL_FILE = 'include/linux/usb_usual.h';
export const USB_STORAGE_FILE = 'drivers/usb/storage/usb.c';

/** One UNUSUAL_DEV/COMPLIANT_DEV row of usb-storage's (or uas's) unusual-device table. */
export interface StorageEntry {
  file: string;
  line: number;
  vendorId: number;
  productId: number;
  /** bcdDevice range, inclusive (USB_DEVICE_VER). */
  bcdLo: number;
  bcdHi: number;
  vendorName: string;
  productName: string;
  /** US_FL_* names without the prefix. */
  flags: string[];
  /** The preprocessor condition the row is under, e.g. "NO_SDDR09"; null when always built. */
  condition: string | null;
}

export interface StorageFlag {
  name: string;
  /** The comment usb_usual.h gives it. */
  comment: string;
  /** The letter usb-storage.quirks sets it with (usb_stor_adjust_quirks), when it has one. */
  letter?: string;
}

export interface StorageTable {
  kernel: string;
  files: { file: string; sha256: string }[];
  /** usb-storage's table in the kernel's order: unusual_devs.h, then unusual_uas.h (which it includes last). */
  entries: StorageEntry[];
  flags: StorageFlag[];
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** The arguments of a macro call whose "(" is at `open`, split at top-level commas, comments dropped; and its end. */
function macroArgs(src: string, open: number): { args: string[]; end: number } {
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      cur += src.slice(i, j + 1);
      i = j;
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
      cur += ' ';
    } else if (c === '(') {
      if (depth++ > 0) cur += c;
    } else if (c === ')') {
      if (--depth === 0) {
        args.push(cur);
        return { args: args.map((a) => a.replace(/\s+/g, ' ').trim()), end: i };
      }
      cur += c;
    } else if (c === ',' && depth === 1) {
      args.push(cur);
      cur = '';
    } else cur += c;
  }
  throw new CTableError('unterminated macro call');
}

const num = (s: string, what: string, line: number): number => {
  if (!/^0x[0-9a-f]+$|^\d+$/i.test(s)) throw new CTableError(`line ${line}: ${what} ${s} is not a number`);
  return Number(s);
};

/** For each line (1-based), the preprocessor conditions it sits under. */
function conditionsByLine(lines: string[]): string[][] {
  const stack: string[] = [];
  return lines.map((line) => {
    const pp = /^\s*#\s*(ifdef|ifndef|if|endif|else)\b\s*(.*)$/.exec(line);
    const here = [...stack];
    if (pp) {
      if (pp[1] === 'endif') stack.pop();
      else if (pp[1] === 'else') stack.push(`!(${stack.pop() ?? ''})`);
      else stack.push(pp[1] === 'ifndef' ? `!${pp[2]!.trim()}` : pp[2]!.replace(/\\$/, '').trim());
    }
    return here;
  });
}

/** The UNUSUAL_DEV and COMPLIANT_DEV rows of one unusual_*.h file, with the #ifdef they sit under. */
export function readStorageEntries(src: string, file: string): StorageEntry[] {
  const out: StorageEntry[] = [];
  const lines = src.split('\n');
  const conds = conditionsByLine(lines);
  const lineStarts: number[] = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  for (const m of src.matchAll(/^[ \t]*(UNUSUAL_DEV|COMPLIANT_DEV)\s*\(/gm)) {
    const open = m.index + m[0].length - 1;
    const line = lineOf(m.index + m[0].length - m[0].trimStart().length);
    const { args } = macroArgs(src, open);
    if (args.length !== 10) throw new CTableError(`${file} line ${line}: ${m[1]} has ${args.length} arguments, not 10`);
    // The guard at the top of unusual_devs.h only defines NO_SDDR09; entries sit under #ifdef NO_SDDR09.
    const guard = conds[line - 1]!.filter((c) => !c.startsWith('!defined(CONFIG_USB_STORAGE_SDDR09)')).join(' && ');
    out.push({
      file, line,
      vendorId: num(args[0]!, 'vendor id', line), productId: num(args[1]!, 'product id', line),
      bcdLo: num(args[2]!, 'bcdDevice low', line), bcdHi: num(args[3]!, 'bcdDevice high', line),
      vendorName: cString(args[4]!) ?? '', productName: cString(args[5]!) ?? '',
      flags: cFlags(args[9]!).map((f) => f.replace(/^US_FL_/, '')),
      condition: guard || null,
    });
  }
  return out;
}

/** usb_stor_adjust_quirks(): `case 'u': f |= US_FL_IGNORE_UAS;` → IGNORE_UAS → u. */
export function readQuirkLetters(src: string): Map<string, string> {
  const start = src.indexOf('usb_stor_adjust_quirks(');
  if (start < 0) throw new CTableError('usb_stor_adjust_quirks not found');
  return new Map([...src.slice(start).matchAll(/case\s+'([a-z])'\s*:\s*f\s*\|=\s*US_FL_(\w+)\s*;/g)].map((m) => [m[2]!, m[1]!]));
}

/** US_FLAG(NAME, value) /* comment *\/ pairs of usb_usual.h. */
export function readStorageFlags(src: string): StorageFlag[] {
  return [...src.matchAll(/US_FLAG\(\s*(\w+)\s*,\s*0x[0-9a-f]+\s*\)\s*\\\s*\n\s*\/\*\s*([\s\S]*?)\s*\*\//gi)].map((m) => ({
    name: m[1]!,
    comment: m[2]!.replace(/\\\s*\n\s*/g, ' ').replace(/\s+/g, ' ').trim(),
  }));
}

export function readStorageTable(read: (file: string) => string, kernel: string): StorageTable {
  const devs = read(UNUSUAL_DEVS_FILE);
  const uas = read(UNUSUAL_UAS_FILE);
  const usual = read(USB_USUAL_FILE);
  const usbC = read(USB_STORAGE_FILE);
  const letters = readQuirkLetters(usbC);
  return {
    kernel,
    files: [UNUSUAL_DEVS_FILE, UNUSUAL_UAS_FILE, USB_USUAL_FILE, USB_STORAGE_FILE].map((file, i) => ({ file, sha256: sha256([devs, uas, usual, usbC][i]!) })),
    entries: [...readStorageEntries(devs, UNUSUAL_DEVS_FILE), ...readStorageEntries(uas, UNUSUAL_UAS_FILE)],
    flags: readStorageFlags(usual).map((f) => (letters.has(f.name) ? { ...f, letter: letters.get(f.name)! } : f)),
  };
}
