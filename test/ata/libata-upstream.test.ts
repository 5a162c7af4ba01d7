import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kernelQuirks, maxSectorsOf, MODEL_LEN, REV_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { sample } from '../../analyzer/rules/upstream/glob-lang.js';
import { globMatch } from '../../analyzer/version/glob.js';
import { flagSlug, fwsnapQuirks, generatedLibataRules as generated, libataTable as table } from './libata-replay.js';

/** What the kernel applies: the flags of the first matching entry, ATA_QUIRK_NO_NCQ_TRIM and NOTRIM both fire on queued TRIM. */
function kernel(d: { model: string; rev: string }): string[] {
  const hit = kernelQuirks(table, d.model, d.rev);
  return (hit?.flags ?? []).map(flagSlug).sort();
}

describe('libata quirk rules generated from the kernel table', () => {
  it('cover every flag of every reachable entry, and only the entries the table has', () => {
    expect(generated.unknownFlags).toEqual([]);
    const reachable = table.entries.filter((e) => e.flags.length && !generated.unreachable.some((u) => u.entry === e));
    expect(generated.rules.length).toBe(reachable.reduce((n, e) => n + e.flags.length, 0));
    for (const r of generated.rules) expect(table.entries.some((e) => r.references[0]!.includes(`line ${e.line}:`))).toBe(true);
    expect(generated.unreachable.map((u) => u.entry.line).sort()).toEqual(generated.unreachable.map((u) => u.entry.line).sort());
  });

  it('give every maxsec rule the sectors ata_dev_get_quirk_value() finds in __ata_dev_max_sec_quirks, and every row of that table a rule', () => {
    const maxsec = table.entries.filter((e) => e.flags.includes('MAX_SEC'));
    expect(maxsec.length).toBeGreaterThan(0);
    const used = new Set<number>();
    for (const e of maxsec) {
      const row = maxSectorsOf(table, e);
      used.add(row.line);
      const r = generated.rules.find((x) => x.id.endsWith('.maxsec') && x.references[0]!.includes(`line ${e.line}:`))!;
      expect(r.message, e.model).toContain(`to ${row.sectors} (`);
      expect(r.references.some((ref) => ref.includes(`__ata_dev_max_sec_quirks entry`) && ref.includes(`, ${row.sectors}}`))).toBe(true);
    }
    // Linux 7.2.13: TORiSAN 128 sectors, ST380013AS 3.20 1024, LITEON CX1-JB*-HP / EP1-* 1024, DELLBOSS VD and INTEL SSDSC2KG480G8 8191.
    expect(maxsec.map((e) => `${e.model} ${maxSectorsOf(table, e).sectors}`)).toEqual(expect.arrayContaining(['TORiSAN DVD-ROM DRD-N216 128', 'ST380013AS 1024', 'DELLBOSS VD 8191']));
    expect(table.maxSec.filter((r) => !used.has(r.line))).toEqual([]);
    expect(() => maxSectorsOf({ ...table, maxSec: [] }, maxsec[0]!)).toThrow(/has no row/);
  });

  it('agree with ata_dev_quirks() on a drive made to match each entry, and on its neighbours', () => {
    const drives: { model: string; rev: string }[] = [];
    for (const e of table.entries) {
      const model = sample(e.model, [], MODEL_LEN);
      const rev = sample(e.rev ?? '?*', [], REV_LEN);
      if (model === undefined || rev === undefined) continue;
      drives.push({ model, rev }, { model, rev: 'ZZ99' }, { model: `${model}Z`, rev }, { model: model.slice(1), rev });
    }
    const got = fwsnapQuirks(drives);
    const mismatches = drives.map((d, i) => ({ d, kernel: kernel(d), fwsnap: got[i] })).filter((x) => x.kernel.join() !== x.fwsnap!.join());
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('agree with ata_dev_quirks() on drives assembled from the table\'s own strings', () => {
    const words = [...new Set(table.entries.flatMap((e) => [e.model, e.rev ?? ''].join(' ').replace(/[*?[\]]/g, ' ').split(/\s+/)))].filter((w) => w);
    const text = (max: number): fc.Arbitrary<string> =>
      fc.array(fc.constantFrom(...words, ' ', '*', 'X', '0'), { maxLength: 4 }).map((p) => p.join('').slice(0, max).replace(/ +$/, ''));
    fc.assert(
      fc.property(fc.array(fc.record({ model: text(MODEL_LEN), rev: text(REV_LEN) }), { minLength: 50, maxLength: 50 }), (drives) => {
        const got = fwsnapQuirks(drives);
        drives.forEach((d, i) => expect(got[i], `${JSON.stringify(d)}`).toEqual(kernel(d)));
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('match patterns as glob_match() does', () => {
    for (const e of table.entries) {
      const s = sample(e.model, [], MODEL_LEN);
      if (s !== undefined) expect(globMatch(e.model, s)).toBe(true);
    }
  });
});
