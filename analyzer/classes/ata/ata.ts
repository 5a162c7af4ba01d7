import { placeholderWwn } from '../../db/one-drive.js';
import { ParseError } from '../../parsers/errors.js';

/**
 * ATA IDENTIFY DEVICE data as the kernel prints it in /sys/class/ata_device/devX.Y/id: 256 words,
 * each as 4 hex digits, eight per line (drivers/ata/libata-transport.c). Word numbers are those of
 * ACS-3 / <linux/ata.h>.
 */

export const ATA_ID_WORDS = 256;

const wwnOf = (w: ArrayLike<number>): string | undefined => {
  const hex = [108, 109, 110, 111].map((i) => w[i]!.toString(16).padStart(4, '0')).join('');
  return placeholderWwn(hex) ? undefined : hex;
};

export interface AtaIdentify {
  model: string;
  serial: string;
  firmware: string;
  /** Words 108–111, the world wide name (NAA 5), as 16 hex digits; undefined when not reported (zeros or ones). */
  wwn?: string;
  /** Highest ATA/ACS major version claimed in word 80 (e.g. 10 = ACS-3); null when not reported. */
  majorVersion: number | null;
  lba48: boolean;
  /** User-addressable sectors (LBA48 words 100–103 when supported, else words 60–61). */
  sectors: number;
  /** Word 106 (valid when bits 15:14 are 01b; else 512 and 512), words 117–118: the sizes hdparm -I prints, in bytes. */
  logicalSectorSize: number;
  physicalSectorSize: number;
  /** Word 209 bits 12:0 (valid when bits 15:14 are 01b) in logical sectors, as bytes; null when not reported. */
  logicalSectorOffset: number | null;
  ncq: boolean;
  /** NCQ queue depth (word 75 bits 4:0, plus one); null without NCQ. */
  queueDepth: number | null;
  /** SATA capabilities (word 76) and features (words 78/79); all false on PATA devices. */
  sata: {
    hipm: boolean;
    dipmSupported: boolean;
    dipmEnabled: boolean;
    /** Word 77 bit 6: NCQ SEND/RECEIVE FPDMA QUEUED, which queued TRIM needs (the kernel also reads the log). */
    ncqSendReceive: boolean;
    devSleep: boolean;
    /** Highest signalling speed in word 76 bits 3:1 (1 = 1.5 Gb/s, 2 = 3, 3 = 6). */
    maxGen: number | null;
  };
  trim: boolean;
  /** Word 69 bit 14: deterministic read after TRIM. */
  deterministicReadAfterTrim: boolean;
  /** Word 69 bit 5: read zeroes after TRIM. */
  zeroesAfterTrim: boolean;
  writeCacheSupported: boolean;
  writeCacheEnabled: boolean;
  readLookAheadEnabled: boolean;
  smartSupported: boolean;
  smartEnabled: boolean;
  fua: boolean;
  security: { supported: boolean; enabled: boolean; locked: boolean; frozen: boolean; enhancedErase: boolean };
  /** Word 217: 'non-rotating' for SSDs, RPM for disks, null when not reported. */
  rotationRate: 'non-rotating' | number | null;
  /** Word 255 integrity: null when the signature byte (A5h) is absent. */
  checksumValid: boolean | null;
}

/** Parses the `id` attribute text into 256 words. */
export function parseAtaIdWords(text: string): Uint16Array {
  const tokens = text.trim().split(/\s+/).filter((t) => t !== '');
  if (tokens.length !== ATA_ID_WORDS) throw new ParseError('ata-id', `${tokens.length} words, expected ${ATA_ID_WORDS}`);
  const words = new Uint16Array(ATA_ID_WORDS);
  tokens.forEach((t, i) => {
    if (!/^[0-9a-fA-F]{4}$/.test(t)) throw new ParseError('ata-id', `word ${i} is "${t.slice(0, 16)}", expected 4 hex digits`, i);
    words[i] = Number.parseInt(t, 16);
  });
  return words;
}

/**
 * ATA strings store two characters per word, the first in the high byte. Like the kernel's
 * ata_id_c_string(), the string ends at the first NUL and only trailing spaces go: libata's quirk table
 * matches models that begin with one, and a tab or other byte at the end is part of the string.
 */
function idString(w: Uint16Array, first: number, count: number, keepLeading = true): string {
  let s = '';
  for (let i = first; i < first + count; i++) s += String.fromCharCode(w[i]! >> 8, w[i]! & 0xff);
  const trimmed = s.split('\0', 1)[0]!.replace(/ +$/, '');
  return keepLeading ? trimmed : trimmed.trimStart();
}

const bit = (w: number, b: number): boolean => ((w >> b) & 1) === 1;
/** Words 82–87 and 76–79 are valid only when not 0000h/FFFFh; 83/84/86/87 also need bits 15:14 = 01b. */
const present = (w: number): boolean => w !== 0 && w !== 0xffff;
const signed = (w: number): boolean => (w & 0xc000) === 0x4000;

export function decodeAtaIdentify(w: Uint16Array): AtaIdentify {
  if (w.length !== ATA_ID_WORDS) throw new ParseError('ata-id', `${w.length} words, expected ${ATA_ID_WORDS}`);
  const major = present(w[80]!) ? 31 - Math.clz32(w[80]! & 0x7ffe) : -1;
  const w83 = signed(w[83]!) ? w[83]! : 0;
  const w84 = signed(w[84]!) ? w[84]! : 0;
  const w87 = signed(w[87]!) ? w[87]! : 0;
  const lba48 = bit(w83, 10);
  const w76 = present(w[76]!) ? w[76]! : 0;
  const w77 = present(w[77]!) ? w[77]! : 0;
  const w78 = present(w[78]!) ? w[78]! : 0;
  const w79 = present(w[79]!) ? w[79]! : 0;
  const ncq = bit(w76, 8);
  const gen = [3, 2, 1].find((g) => bit(w76, g));
  const sectors = lba48
    ? Number((BigInt(w[103]!) << 48n) | (BigInt(w[102]!) << 32n) | (BigInt(w[101]!) << 16n) | BigInt(w[100]!))
    : (w[61]! << 16) + w[60]!;
  const acs2 = major >= 7;
  const w106 = signed(w[106]!) ? w[106]! : 0;
  const logicalSectorSize = bit(w106, 12) ? 2 * ((w[118]! << 16) + w[117]!) : 512;
  const physicalSectorSize = logicalSectorSize * (bit(w106, 13) ? 1 << (w106 & 0xf) : 1);
  const rpm = w[217]!;
  const sig = w[255]! & 0xff;
  let sum = 0;
  if (sig === 0xa5) for (const word of w) sum += (word & 0xff) + (word >> 8);
  return {
    model: idString(w, 27, 20),
    serial: idString(w, 10, 10, false),
    firmware: idString(w, 23, 4),
    ...(wwnOf(w) ? { wwn: wwnOf(w) } : {}),
    majorVersion: major > 0 ? major : null,
    lba48,
    sectors,
    logicalSectorSize,
    physicalSectorSize,
    logicalSectorOffset: w106 !== 0 && signed(w[209]!) ? (w[209]! & 0x1fff) * logicalSectorSize : null,
    ncq,
    queueDepth: ncq ? (w[75]! & 0x1f) + 1 : null,
    sata: {
      hipm: bit(w76, 9),
      dipmSupported: bit(w78, 3),
      dipmEnabled: bit(w79, 3),
      ncqSendReceive: bit(w77, 6),
      devSleep: bit(w78, 8),
      maxGen: gen ?? null,
    },
    trim: acs2 && bit(w[169]!, 0),
    deterministicReadAfterTrim: acs2 && bit(w[69]!, 14),
    zeroesAfterTrim: acs2 && bit(w[69]!, 5),
    writeCacheSupported: present(w[82]!) && bit(w[82]!, 5),
    writeCacheEnabled: signed(w[87]!) && present(w[85]!) && bit(w[85]!, 5),
    readLookAheadEnabled: signed(w[87]!) && present(w[85]!) && bit(w[85]!, 6),
    smartSupported: present(w[82]!) && bit(w[82]!, 0),
    smartEnabled: signed(w[87]!) && present(w[85]!) && bit(w[85]!, 0),
    fua: bit(w84, 6) || bit(w87, 6),
    security: {
      supported: bit(w[128]!, 0),
      enabled: bit(w[128]!, 1),
      locked: bit(w[128]!, 2),
      frozen: bit(w[128]!, 3),
      enhancedErase: bit(w[128]!, 5),
    },
    rotationRate: rpm === 1 ? 'non-rotating' : rpm >= 0x401 && rpm <= 0xfffe ? rpm : null,
    checksumValid: sig === 0xa5 ? sum % 256 === 0 : null,
  };
}

/** The whole /sys/class/ata_device/…/id attribute. */
export function parseAtaIdentify(text: string): AtaIdentify {
  return decodeAtaIdentify(parseAtaIdWords(text));
}

export const ATA_TRIM_MODES = ['unsupported', 'forced_unsupported', 'forced_unqueued', 'queued', 'unqueued'] as const;
export type AtaTrimMode = (typeof ATA_TRIM_MODES)[number];

/**
 * The ata_device `trim` attribute: the kernel's own decision, after its quirks and the NCQ
 * SEND/RECEIVE log, whether TRIM is queued, unqueued or off.
 */
export function parseAtaTrimMode(text: string): AtaTrimMode {
  const t = text.trim();
  if (!(ATA_TRIM_MODES as readonly string[]).includes(t)) throw new ParseError('ata-trim', `unknown trim mode "${t.slice(0, 40)}"`);
  return t as AtaTrimMode;
}
