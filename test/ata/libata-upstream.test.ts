import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateLibataRules, kernelQuirks, maxSectorsOf, MODEL_LEN, REV_LEN } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { LIBATA_FLAGS } from '../../analyzer/classes/ata/upstream/libata-flags.js';
import type { LibataTable } from '../../analyzer/classes/ata/upstream/libata-table.js';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { sample } from '../../analyzer/rules/upstream/glob-lang.js';
import { globMatch } from '../../analyzer/version/glob.js';

const RULES = join(import.meta.dirname, '../../rules');
const table = JSON.parse(readFileSync(join(RULES, 'ata/upstream/libata-quirks.json'), 'utf8')) as LibataTable;
const generated = generateLibataRules(table);
const ruleFlag = new Map(generated.rules.map((r) => [r.id, r.id.slice(r.id.lastIndexOf('.') + 1)]));
const flagSlug = (f: string): string => LIBATA_FLAGS[f]!.name.replace(/[^a-z0-9]+/g, '-');
const rules = loadRules(RULES).filter((r) => ruleFlag.has(r.id));

/** What fwsnap reports for each drive, with every setting in the state that lets a flag's rule fire. */
function fwsnapQuirks(drives: { model: string; rev: string }[]): string[][] {
  const db = openDatabase(':memory:');
  const bundleId = Number(db.prepare(`INSERT INTO bundles (path, loaded_at, complete) VALUES ('t', 'now', 1)`).run().lastInsertRowid);
  const sink = new SqliteSink(db, bundleId, describeVersion, shippedFacts(), 'throw');
  sink.device({ key: '0000:00:11.0', class: 'pci', vendorId: 0x1002 });
  drives.forEach((d, i) => {
    const key = `ata:dev${i}.0`;
    sink.device({ key, class: 'ata', pciAddress: '0000:00:11.0', model: d.model });
    sink.firmware({ deviceKey: key, component: 'firmware', version: d.rev, state: 'running' });
    for (const [namespace, k, value] of [['ata', 'lpm_policy', 'min_power'], ['ata', 'trim_mode', 'queued'], ['ata', 'sata_max_gen', 1], ['sysfs', 'xfer_mode', 'XFER_UDMA_6'], ['sysfs', 'link/sata_spd', '6.0 Gbps']] as const) {
      sink.setting({ deviceKey: key, namespace, key: k, value, mode: 'current' });
    }
  });
  sink.flushFirmware();
  const out: string[][] = drives.map(() => []);
  for (const o of runRules(db, bundleId, rules)) if (o.result === 'fail') out[Number(/dev(\d+)/.exec(o.deviceKey!)![1])]!.push(ruleFlag.get(o.ruleId)!);
  db.close();
  return out.map((x) => x.sort());
}

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
