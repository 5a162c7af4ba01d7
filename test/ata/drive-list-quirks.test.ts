import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_LEN, REV_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { globMatch } from '../../analyzer/version/glob.js';
import { kernelGlobMatch } from './kernel-glob.js';
import { flagSlug, fwsnapQuirks, libataTable } from './libata-replay.js';

/**
 * A real drive list (model and firmware as smartctl printed them on 66,785 servers, linuxhw/EnterpriseDrive,
 * see its provenance file) replayed against the rules generated from the kernel's libata quirk table: every
 * drive gets exactly the flags of the first table entry that the kernel's own glob_match() (reimplemented in
 * kernel-glob.ts from lib/glob.c) matches, and a drive no entry matches gets none.
 */
const LIST = new URL('./fixtures/drive-lists/linuxhw-enterprise-ata.tsv', import.meta.url);
const drives = readFileSync(LIST, 'utf8').trimEnd().split('\n').slice(1).map((l) => {
  const [model, rev] = l.split('\t');
  return { model: model!, rev: rev! };
});

/**
 * The string ata_id_c_string() forms from an IDENTIFY field of `len` bytes: it ends at the first NUL and at
 * the field's size, and only trailing spaces are dropped (leading ones stay).
 */
export function identifyString(raw: string, len: number): string {
  const nul = raw.indexOf('\0');
  return (nul < 0 ? raw : raw.slice(0, nul)).slice(0, len).replace(/ +$/, '');
}

/** ata_dev_quirks(): the first entry whose model pattern, and firmware pattern if it has one, match. */
function kernelFlags(model: string, rev: string): string[] {
  const m = identifyString(model, MODEL_LEN);
  const r = identifyString(rev, REV_LEN);
  const e = libataTable.entries.find((x) => kernelGlobMatch(x.model, m) && (x.rev === null || kernelGlobMatch(x.rev, r)));
  return (e?.flags ?? []).map(flagSlug).sort();
}

describe('the kernel glob_match(), written again from lib/glob.c', () => {
  it('matches as the source says', () => {
    const cases: [string, string, boolean][] = [
      ['ST3160812AS', 'ST3160812AS', true], ['ST3160812AS', 'ST3160812ASX', false], ['Crucial_CT*M500*', 'Crucial_CT240M500SSD1', true],
      ['Crucial_CT*M500*', 'Crucial_CT240M550SSD1', false], ['SAMSUNG*MZ7KM*', 'SAMSUNG MZ7KM480HAHP-0E005', true], ['?', '', false],
      ['WDC WD?2??AAKS*', 'WDC WD3200AAKS-00B3A0', true], ['WDC WD?0??AAKS*', 'WDC WD3200AAKS-00B3A0', false], ['[0-9]x', '7x', true], ['[!0-9]x', '7x', false], ['[]]', ']', true],
      ['[a-', '[a-', true], ['a\\*', 'a*', true], ['a\\*', 'ab', false], ['*ab*cd*', 'xxabyycdzz', true], ['*b', 'ba', false],
    ];
    for (const [p, s, want] of cases) expect(kernelGlobMatch(p, s), `${p} ~ ${s}`).toBe(want);
  });

  it('agrees with fwsnap\'s matcher on every table pattern against every listed drive', () => {
    const differ: string[] = [];
    for (const e of libataTable.entries) {
      for (const d of drives) if (globMatch(e.model, d.model) !== kernelGlobMatch(e.model, d.model)) differ.push(`${e.model} ~ ${d.model}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('a real drive list against the libata quirk rules', () => {
  it('forms IDENTIFY strings as the kernel does: cut at the first NUL, only trailing spaces dropped', () => {
    expect(identifyString('  WDC WD10EZEX  \0junk', MODEL_LEN)).toBe('  WDC WD10EZEX');
    expect(identifyString('80.00A80 ', REV_LEN)).toBe('80.00A80');
    expect(identifyString('ABCDEFGHIJ', REV_LEN)).toBe('ABCDEFGH');
  });

  it('holds the list: thousands of real model/firmware pairs', () => {
    expect(drives.length).toBeGreaterThan(3000);
    expect(new Set(drives.map((d) => `${d.model}\t${d.rev}`)).size).toBe(drives.length);
  });

  it('gives every listed drive exactly the flags of the entry the kernel matches, and none to the others', () => {
    const got = fwsnapQuirks(drives);
    const rows = drives.map((d, i) => ({ drive: `${d.model} / ${d.rev}`, kernel: kernelFlags(d.model, d.rev), fwsnap: got[i]! }));
    expect(rows.filter((r) => r.kernel.join() !== r.fwsnap.join())).toEqual([]);
    // 694 of the 3,028 pairs match one of 37 entries (Samsung 840 to 870 and MZ7LH queued TRIM, Crucial/Micron,
    // Intel and Samsung zero-after-trim, Seagate and WD NOLPM, SanDisk MAX_TRIM_128M, ...): the comparison is not
    // only over drives nobody matches.
    const entryOf = (d: { model: string; rev: string }): number | undefined =>
      libataTable.entries.find((x) => kernelGlobMatch(x.model, d.model) && (x.rev === null || kernelGlobMatch(x.rev, d.rev)))?.line;
    const lines = drives.map(entryOf);
    expect(lines.filter((l) => l !== undefined)).toHaveLength(694);
    expect(new Set(lines.filter((l) => l !== undefined)).size).toBe(37);
    expect(rows.filter((r) => r.kernel.length > 0).length).toBeGreaterThan(600);
  }, 180_000);
});
