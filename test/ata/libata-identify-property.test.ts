/**
 * The libata quirk rules against the kernel on generated drives near the table's patterns, from the IDENTIFY words
 * up: fwsnap decodes the words (ata.ts) and runs the generated rules; the kernel's side is written again here from
 * its source, ata_id_c_string() (the string ends at the first NUL or the field's end, only trailing spaces go) and
 * ata_dev_quirks() (the first entry whose model, and firmware when it has one, glob_match(): test/ata/kernel-glob.ts),
 * every flag of that entry. Neither side uses fwsnap's own matcher.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATA_ID_WORDS, decodeAtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { MODEL_LEN, REV_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { sample } from '../../analyzer/rules/upstream/glob-lang.js';
import { kernelGlobMatch } from './kernel-glob.js';
import { flagSlug, fwsnapQuirks, libataTable } from './libata-replay.js';

/** ata_id_c_string(): up to the first NUL or `len` bytes, trailing spaces dropped (leading ones and tabs kept). */
const cString = (field: string, len: number): string => field.slice(0, len).split('\0', 1)[0]!.replace(/ +$/, '');

function kernelFlags(modelField: string, revField: string): string[] {
  const model = cString(modelField, MODEL_LEN);
  const rev = cString(revField, REV_LEN);
  const e = libataTable.entries.find((x) => kernelGlobMatch(x.model, model) && (x.rev === null || kernelGlobMatch(x.rev, rev)));
  return (e?.flags ?? []).map(flagSlug).sort();
}

/** IDENTIFY words holding a model field (words 27-46) and a firmware field (words 23-26), two bytes a word, high byte first. */
function identifyWords(modelField: string, revField: string): Uint16Array {
  const w = new Uint16Array(ATA_ID_WORDS);
  const put = (s: string, first: number, len: number): void => {
    const padded = s.padEnd(len, ' ').slice(0, len);
    for (let i = 0; i < len / 2; i++) w[first + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
  };
  put(modelField, 27, MODEL_LEN);
  put(revField, 23, REV_LEN);
  return w;
}

/** What fwsnap's ata loader stores from those words, then the flags of the rules that fire. */
function fwsnapFlags(drives: { model: string; rev: string }[]): string[][] {
  const decoded = drives.map((d) => decodeAtaIdentify(identifyWords(d.model, d.rev)));
  return fwsnapQuirks(decoded.map((id) => ({ model: id.model, rev: id.firmware })));
}

const entries = libataTable.entries.flatMap((e) => {
  const model = sample(e.model, [], MODEL_LEN);
  const rev = e.rev === null ? 'ZZ99' : sample(e.rev, [], REV_LEN);
  return model === undefined || rev === undefined ? [] : [{ model, rev }];
});
/** Bytes to put in: each byte of the table's patterns and its neighbours (a class's bounds ± 1), glob's own bytes, a tab, a NUL, a byte above ASCII. */
const CHARS = [
  ...new Set([...libataTable.entries.flatMap((e) => [...`${e.model}${e.rev ?? ''}`])].flatMap((c) => [c, String.fromCharCode(c.charCodeAt(0) - 1), String.fromCharCode(c.charCodeAt(0) + 1)])),
  ...'*?[]!\\\t\0', '\u00ff',
];

/** A string near `s`: a byte replaced, inserted or dropped, spaces before or after, a NUL and junk after, lower case, cut. */
const near = (s: string, len: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.nat({ max: len }), fc.constantFrom(...CHARS), fc.constantFrom('same', 'replace', 'insert', 'drop', 'lead', 'trail', 'nul', 'lower', 'cut'))
    .map(([at, c, how]) => {
      const i = Math.min(at, s.length);
      switch (how) {
        case 'replace': return s.slice(0, i) + c + s.slice(i + 1);
        case 'insert': return s.slice(0, i) + c + s.slice(i);
        case 'drop': return s.slice(0, i) + s.slice(i + 1);
        case 'lead': return ` ${s}`;
        case 'trail': return `${s}${c === '\0' ? ' ' : c}`;
        case 'nul': return `${s.slice(0, i)}\0${s.slice(i)}`;
        case 'lower': return s.toLowerCase();
        case 'cut': return s.slice(0, i);
        default: return s;
      }
    });

const drive = fc.integer({ min: 0, max: entries.length - 1 }).chain((k) => fc.record({ model: near(entries[k]!.model, MODEL_LEN), rev: near(entries[k]!.rev, REV_LEN) }));

describe('libata quirk rules and the kernel, from IDENTIFY words near each table entry', () => {
  it('give every generated drive exactly the flags of the first entry the kernel matches', () => {
    fc.assert(
      fc.property(fc.array(drive, { minLength: 60, maxLength: 60 }), (drives) => {
        const got = fwsnapFlags(drives);
        drives.forEach((d, i) => expect(got[i], JSON.stringify(d)).toEqual(kernelFlags(d.model, d.rev)));
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
