import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_LEN, REV_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { sample } from '../../analyzer/rules/upstream/glob-lang.js';
import { globMatch } from '../../analyzer/version/glob.js';
import { realSamples } from '../helpers/real-corpus.js';
import { kernelGlobMatch } from './kernel-glob.js';
import { flagSlug, fwsnapQuirks, libataTable } from './libata-replay.js';

/**
 * Real drive lists (model and firmware as smartctl printed them, see each list's provenance file) replayed
 * against the rules generated from the kernel's libata quirk table: every drive gets exactly the flags of the
 * first table entry that the kernel's own glob_match() (reimplemented in kernel-glob.ts from lib/glob.c)
 * matches, and a drive no entry matches gets none. linuxhw/EnterpriseDrive: 66,785 server reports, the whole
 * list. bsdhw/SMART: 24,142 desktop and laptop reports from BSD hosts, the extract of its 7,397 pairs that any
 * entry's model pattern matches or that share an entry's literal prefix (the near misses). linuxhw/SMART (Linux
 * desktops and laptops, read report by report): drives with an entry's exact model at firmware its pattern misses.
 */
interface Drive { model: string; rev: string }
const readList = (name: string): Drive[] => readFileSync(new URL(`./fixtures/drive-lists/${name}.tsv`, import.meta.url), 'utf8').trimEnd().split('\n').slice(1).map((l) => {
  const [model, rev] = l.split('\t');
  return { model: model!, rev: rev! };
});
const drives = readList('linuxhw-enterprise-ata');

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

  it('agrees with fwsnap\'s matcher on every table pattern against every drive of both lists', () => {
    const differ: string[] = [];
    for (const e of libataTable.entries) {
      for (const d of [...drives, ...readList('bsdhw-desktop-ata')]) if (globMatch(e.model, d.model) !== kernelGlobMatch(e.model, d.model)) differ.push(`${e.model} ~ ${d.model}`);
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

});

/** Each list, its size at least, and the pairs that match an entry and the entries hit, read with the kernel's rule. */
const LISTS: [name: string, atLeast: number, matched: number, entries: number][] = [
  // Samsung 840 to 870 and MZ7LH queued TRIM, Crucial/Micron, Intel and Samsung zero-after-trim, Seagate and WD
  // NOLPM, SanDisk MAX_TRIM_128M, ...
  ['linuxhw-enterprise-ata', 3000, 694, 37],
  // Desktop and laptop drives: besides the above, Maxtor and old Seagate NONCQ, WD JD-series WD_BROKEN_LPM,
  // OCZ Vertex and WD2500J NO_FUA, ST1000LM024 BROKEN_FPDMA_AA, and the Intel 510 (SSDSC2MH) entry of no flag
  // that keeps those drives from the INTEL*SSD* zero-after-trim entry below it.
  ['bsdhw-desktop-ata', 1200, 835, 47],
];

describe.each(LISTS)('the real drive list %s against the libata quirk rules', (name, atLeast, matched, entries) => {
  const list = readList(name);

  it('holds the list: real model/firmware pairs, each once', () => {
    expect(list.length).toBeGreaterThan(atLeast);
    expect(new Set(list.map((d) => `${d.model}\t${d.rev}`)).size).toBe(list.length);
  });

  it('gives every listed drive exactly the flags of the entry the kernel matches, and none to the others', () => {
    const got = fwsnapQuirks(list);
    const rows = list.map((d, i) => ({ drive: `${d.model} / ${d.rev}`, kernel: kernelFlags(d.model, d.rev), fwsnap: got[i]! }));
    expect(rows.filter((r) => r.kernel.join() !== r.fwsnap.join())).toEqual([]);
    // The comparison is not only over drives nobody matches.
    const entryOf = (d: Drive): number | undefined =>
      libataTable.entries.find((x) => kernelGlobMatch(x.model, d.model) && (x.rev === null || kernelGlobMatch(x.rev, d.rev)))?.line;
    const lines = list.map(entryOf);
    expect(lines.filter((l) => l !== undefined)).toHaveLength(matched);
    expect(new Set(lines.filter((l) => l !== undefined)).size).toBe(entries);
    expect(rows.filter((r) => r.kernel.length > 0).length).toBeGreaterThan(matched * 0.85);
  }, 180_000);
});

describe('the real drive list linuxhw-desktop-ata against the libata quirk rules: an entry\'s model at firmware it does not name', () => {
  const list = readList('linuxhw-desktop-ata');
  const entryOf = (d: Drive) => libataTable.entries.find((e) => e.model === d.model && e.rev !== null);
  /** A firmware the entry's pattern matches (`SD1[5-9]` → `SD15`, `MBZOC60D` as it is). */
  const named = (rev: string): string => rev.replace(/\[!?(.)[^\]]*\]/g, '$1').replace(/\*/g, '').replace(/\?/g, 'X');

  it('holds real drives, each with an entry\'s exact model and firmware that entry\'s pattern misses', () => {
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.filter((d) => entryOf(d) !== undefined && !kernelGlobMatch(entryOf(d)!.rev!, identifyString(d.rev, REV_LEN)))).toEqual(list);
  });

  it('gives them no flag, as the kernel gives none, and the flags of the entry at the firmware it names', () => {
    expect(list.map((d) => kernelFlags(d.model, d.rev))).toEqual(list.map(() => []));
    expect(fwsnapQuirks(list)).toEqual(list.map(() => []));
    const at = list.map((d) => ({ model: d.model, rev: named(entryOf(d)!.rev!) }));
    const want = at.map((d) => kernelFlags(d.model, d.rev));
    expect(want.every((f) => f.length > 0)).toBe(true);
    expect(fwsnapQuirks(at)).toEqual(want);
  }, 60_000);
});

describe('the SATA drives of the real corpus (held-out trial drives among them) against the libata quirk rules', () => {
  // Model and firmware as each sample's truth reads them off the published output (smartctl, hdparm -I).
  const corpus = realSamples(new URL('./fixtures/real', import.meta.url).pathname)
    .map((s) => s.provenance.truth)
    .filter((t) => t.class === 'ata' && typeof t.model === 'string' && typeof t.firmware === 'string')
    .map((t) => ({ model: t.model as string, rev: t.firmware as string }));

  it('gives each exactly the flags of the entry the kernel matches', () => {
    expect(corpus.length).toBeGreaterThan(30);
    const got = fwsnapQuirks(corpus);
    const rows = corpus.map((d, i) => ({ drive: `${d.model} / ${d.rev}`, kernel: kernelFlags(d.model, d.rev), fwsnap: got[i]! }));
    expect(rows.filter((r) => r.kernel.join() !== r.fwsnap.join())).toEqual([]);
    // Samsung 850 PRO (smartmontools#13, this trial) and others of the corpus are in the table: not only misses are compared.
    expect(rows.filter((r) => r.kernel.length > 0).map((r) => r.drive)).toContain('Samsung SSD 850 PRO 128GB / EXM02B6Q');
  }, 120_000);
});

/**
 * The SCSI layer's name for an ATA drive (lsscsi, sysfs `model`, lsblk without udev): the model's first 16 characters,
 * trailing spaces dropped, and the revision's last 4 of 8 (its first 4 when those are blank).
 */
function scsiNames(d: Drive): { model: string; rev: string } {
  const m = identifyString(d.model, MODEL_LEN);
  const product = m.slice(0, 16).replace(/ +$/, '');
  const r = identifyString(d.rev, REV_LEN).padEnd(8, ' ');
  const tail = r.slice(4, 8).trim() ? r.slice(4, 8) : r.slice(0, 4);
  return { model: product.length === 16 ? `${product}…` : product, rev: tail.replace(/ +$/, '') };
}

describe('the real drive lists as the SCSI layer names them: a model cut to 16 characters', () => {
  it('gives a cut model flags only where every entry that could take the whole model agrees, and then the kernel\'s', () => {
    const cut = [...drives, ...readList('bsdhw-desktop-ata')].filter((d) => identifyString(d.model, MODEL_LEN).length > 16 && !/ $/.test(d.model.slice(0, 16)));
    const named = cut.map(scsiNames);
    const got = fwsnapQuirks(named);
    const rows = cut.map((d, i) => ({ drive: `${d.model} / ${d.rev} as ${named[i]!.model}`, kernel: kernelFlags(d.model, d.rev), fwsnap: got[i]! }));
    // Never a flag the kernel does not give the whole model.
    expect(rows.filter((r) => r.fwsnap.length > 0 && r.fwsnap.join() !== r.kernel.join())).toEqual([]);
    // And the cut models an entry decides are reported (Micron M500/M510/M550/1100 and 5100/5200, SanDisk, Samsung MZ7...).
    expect(rows.filter((r) => r.fwsnap.length > 0).length).toBeGreaterThan(300);
  }, 240_000);
});

/**
 * The model strings smartmontools' drive database (drivedb.h) gives for SATA drives: the examples its entries were
 * tested with ("MODEL/FIRMWARE" in its comments, kept only when the entry's own model regex takes the whole model)
 * and the finite alternatives of its model regexes ("Samsung SSD 8[67]0 QVO [1248]TB" → 8 models). Each is compared
 * as the kernel forms it (ata_id_c_string(): up to the first NUL, trailing spaces dropped) with the kernel's
 * glob_match() and ata_dev_quirks() first-match rule (drivers/ata/libata-core.c, lib/glob.c), against fwsnap's
 * matcher and the rules it generates from __ata_dev_quirks.
 */
describe('the model strings of smartmontools\' drivedb.h against the libata quirk rules', () => {
  const rows = readFileSync(new URL('./fixtures/drive-lists/smartmontools-drivedb-ata.tsv', import.meta.url), 'utf8').trimEnd().split('\n').slice(1)
    .map((l) => l.split('\t')).map(([model, rev, from, line]) => ({ model: model!, rev: rev!, from: from!, line: Number(line) }));
  const models = [...new Set(rows.map((r) => r.model))];

  it('holds the examples and the regex alternatives, each pair once', () => {
    expect(rows.filter((r) => r.from === 'example').length).toBeGreaterThan(1300);
    expect(rows.filter((r) => r.from === 'example' && r.rev).length).toBeGreaterThan(1000);
    expect(models.length).toBeGreaterThan(5000);
    expect(new Set(rows.map((r) => `${r.model}\t${r.rev}`)).size).toBe(rows.length);
  });

  it('are matched by fwsnap\'s glob matcher as by the kernel\'s, pattern by pattern', () => {
    const differ: string[] = [];
    for (const e of libataTable.entries) {
      for (const m of models) {
        const k = identifyString(m, MODEL_LEN);
        if (globMatch(e.model, k) !== kernelGlobMatch(e.model, k)) differ.push(`${e.model} ~ ${k}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('give every drive exactly the flags of the entry the kernel matches, at its own firmware and at one each firmware-keyed entry names', () => {
    // A model drivedb names without firmware is tried at the firmware of an example of its entry (or 0001), and, for
    // each entry keyed on firmware whose model pattern takes it, at a firmware that pattern matches.
    const fwOfLine = new Map<number, string>();
    for (const r of rows) if (r.rev && !fwOfLine.has(r.line)) fwOfLine.set(r.line, r.rev);
    const list: Drive[] = [];
    for (const r of rows) {
      list.push({ model: r.model, rev: r.rev || (fwOfLine.get(r.line) ?? '0001') });
      if (r.rev) continue;
      const k = identifyString(r.model, MODEL_LEN);
      for (const e of libataTable.entries) {
        if (e.rev === null || !kernelGlobMatch(e.model, k)) continue;
        const rev = sample(e.rev, [], REV_LEN);
        if (rev !== undefined) list.push({ model: r.model, rev });
      }
    }
    const got = fwsnapQuirks(list);
    const out = list.map((d, i) => ({ drive: `${d.model} / ${d.rev}`, kernel: kernelFlags(d.model, d.rev), fwsnap: got[i]! }));
    expect(out.filter((r) => r.kernel.join() !== r.fwsnap.join())).toEqual([]);
    // Not only drives no entry takes: drivedb's Samsung, Crucial/Micron, Intel, SanDisk, OCZ, Maxtor, Seagate SD1x and
    // WD entries reach about 50 entries of the table.
    const lines = new Set(list.map((d) => libataTable.entries.find((x) => kernelGlobMatch(x.model, identifyString(d.model, MODEL_LEN)) && (x.rev === null || kernelGlobMatch(x.rev, identifyString(d.rev, REV_LEN))))?.line).filter((l) => l !== undefined));
    expect(lines.size).toBeGreaterThan(45);
    expect(out.filter((r) => r.kernel.length > 0).length).toBeGreaterThan(600);
  }, 240_000);
});
