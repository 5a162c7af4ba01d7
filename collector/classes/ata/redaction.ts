import type { ClassRedaction, Edit, Layout } from '../../../bundle/redact/layout.js';
import type { TokenMap } from '../../../bundle/redact/tokens.js';
import { redactHexId, redactIdentifier } from '../../../bundle/redact/values.js';
import { savedLsblkArgv } from './lsblk-source.js';

const WORD = /[0-9a-fA-F]{4}/g;

/** Offsets of the 256 IDENTIFY words in the sysfs hex text (`0040 3fff …`), or undefined for another shape. */
function wordOffsets(text: string): number[] | undefined {
  const offsets: number[] = [];
  for (const m of text.matchAll(WORD)) offsets.push(m.index);
  return offsets.length === 256 && /^[0-9a-fA-F\s]*$/.test(text) ? offsets : undefined;
}

const word = (text: string, at: number): number => parseInt(text.slice(at, at + 4), 16);
const hex4 = (w: number, upper: boolean): string => {
  const s = w.toString(16).padStart(4, '0');
  return upper ? s.toUpperCase() : s;
};

/** ATA IDENTIFY as sysfs prints it: serial in words 10-19 (two characters per word, first in the high byte), WWN in words 108-111. */
function ataLearn(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('latin1');
  const at = wordOffsets(text);
  if (!at) return [];
  const upper = /[A-F]/.test(text) && !/[a-f]/.test(text);
  const edits: Edit[] = [];
  const put = (i: number, w: number): void => {
    if (word(text, at[i]!) !== w) edits.push({ offset: at[i]!, bytes: Buffer.from(hex4(w, upper), 'latin1') });
  };
  let serial = '';
  for (let i = 10; i < 20; i++) {
    const w = word(text, at[i]!);
    serial += String.fromCharCode(w >> 8, w & 0xff);
  }
  const printable = serial.replace(/\0/g, ' ');
  const core = printable.trim();
  if (core && !/[^\x20-\x7e]/.test(core)) {
    const start = printable.indexOf(core);
    const out = printable.slice(0, start) + redactIdentifier(t, core, 'serial', false) + printable.slice(start + core.length);
    for (let i = 0; i < 10; i++) {
      const w = (out.charCodeAt(2 * i) << 8) | out.charCodeAt(2 * i + 1);
      if (serial.slice(2 * i, 2 * i + 2) !== printable.slice(2 * i, 2 * i + 2)) continue;
      put(10 + i, w);
    }
  }
  const wwn = [108, 109, 110, 111].map((i) => hex4(word(text, at[i]!), false)).join('');
  if (!/^0+$/.test(wwn)) {
    const out = redactHexId(t, 'eui64', wwn);
    for (let i = 0; i < 4; i++) put(108 + i, parseInt(out.slice(4 * i, 4 * i + 4), 16));
  }
  return edits;
}

/** Word 255: signature 0xA5 in the low byte, and a high byte that makes all 512 bytes sum to zero. */
function ataFix(d: Buffer): void {
  const text = d.toString('latin1');
  const at = wordOffsets(text);
  if (!at) return;
  const last = word(text, at[255]!);
  if ((last & 0xff) !== 0xa5) return;
  let sum = 0xa5;
  for (let i = 0; i < 255; i++) {
    const w = word(text, at[i]!);
    sum += (w >> 8) + (w & 0xff);
  }
  const fixed = ((((0x100 - (sum & 0xff)) & 0xff) << 8) | 0xa5) >>> 0;
  const upper = /[A-F]/.test(text) && !/[a-f]/.test(text);
  Buffer.from(hex4(fixed, upper), 'latin1').copy(d, at[255]!);
}

const IDENTIFY: Layout = { name: 'ata identify', test: (n) => /^sys\/.*\/ata_device\/[^/]+\/id$|^sys\/class\/ata_device\/[^/]+\/id$/.test(n), binary: false, learn: ataLearn, fix: ataFix };

/**
 * `hdparm -I` as an imported report holds it: the WWN (`Logical Unit WWN Device Identifier: 5001b444a992b3d3`)
 * and its `Unique ID` part, learned and replaced by the literal search (the serial is a keyed `Serial Number:`).
 */
function hdparmLearn(d: Buffer, t: TokenMap): Edit[] {
  const text = d.toString('latin1');
  const wwn = /^Logical Unit WWN Device Identifier: ([0-9a-fA-F]{16})\s*$/m.exec(text)?.[1];
  if (wwn) redactHexId(t, 'eui64', wwn);
  const unique = /^\s*Unique ID\s*: ([0-9a-fA-F]{4,})\s*$/m.exec(text)?.[1];
  if (unique) redactIdentifier(t, unique, 'serial', false);
  return [];
}

const HDPARM: Layout = { name: 'hdparm identify text', test: (n) => /^cmd\/hdparm\/[^/]+\.out$/.test(n), binary: false, learn: hdparmLearn };

/**
 * A saved lsblk listing's SERIAL column (`lsblk -o NAME,MODEL,SERIAL`): each disk row's serial, the word under the
 * column's heading, learned and replaced by the literal search; lsblk prints no label beside it.
 */
function lsblkLearn(d: Buffer, t: TokenMap, name: string): Edit[] {
  const lines = d.toString('latin1').split(/\r?\n/);
  const at = lines.findIndex((l) => /(?:^|\s)NAME(?:\s|$)/.test(l) && /(?:^|\s)SERIAL(?:\s|$)/.test(l));
  // The raw layout (-r): one space between values, under a heading of single spaces or, with -n, the columns -o lists.
  const argv = savedLsblkArgv(name) ?? [];
  const listed = argv.find((w, i) => i > 0 && /^-[a-zA-Z]*o$/.test(argv[i - 1] ?? ''))?.split(',');
  const raw = argv.some((w) => w === '--raw' || /^-[a-zA-Z]*r[a-zA-Z]*$/.test(w));
  const heading = at >= 0 ? lines[at]!.trim() : undefined;
  const columns = heading !== undefined ? (/\s{2}|\t/.test(heading) ? undefined : heading.split(' ')) : raw ? listed : undefined;
  const rows = lines.slice(at + 1).filter((l) => l.trim() !== '');
  if (columns?.includes('SERIAL') && (raw || (at >= 0 && rows.every((l) => l.trimEnd().split(' ').length <= columns.length)))) {
    for (const l of rows) {
      const serial = l.trimEnd().split(' ')[columns.indexOf('SERIAL')];
      if (serial && serial.length >= 4) redactIdentifier(t, serial, 'serial', false);
    }
    return [];
  }
  if (at < 0) return [];
  const col = lines[at]!.search(/(?:^|\s)SERIAL(?:\s|$)/) + (lines[at]!.startsWith('SERIAL') ? 0 : 1);
  for (const l of lines.slice(at + 1)) {
    const serial = /^\S+/.exec(l.slice(col))?.[0];
    if (serial && l[col - 1] === ' ' && serial.length >= 4) redactIdentifier(t, serial, 'serial', false);
  }
  return [];
}

const LSBLK: Layout = { name: 'lsblk listing', test: (n) => /^cmd\/lsblk\/[^/]+\.out$/.test(n), binary: false, learn: lsblkLearn };

/** ATA IDENTIFY carries the drive's serial and WWN; SCSI INQUIRY data holds nothing the literal search misses. */
export const redaction: ClassRedaction = {
  layouts: [IDENTIFY, HDPARM, LSBLK],
  plainBinary: [/^sys\/.*\/inquiry$/],
  seedPerEntry: [['/sys/class/ata_device', ['id']]],
};
