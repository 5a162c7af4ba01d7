import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';
import { kernelTreeFromEnv } from '../../analyzer/rules/upstream/kernel-tree.js';
import { realSamples, replaySample } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Real NVMe drive lists (Identify vendor, model and firmware as smartctl printed them: servers of
 * linuxhw/EnterpriseDrive, desktops and laptops of bsdhw/SMART and of linuxhw/SMART; see each list's provenance file) replayed
 * against the rules written from the kernel's core_quirks[] (drivers/nvme/host/core.c): a drive gets the rule of
 * every entry quirk_matches() accepts (vid equal; model and firmware, where the entry names them, equal up to the
 * space padding of the field) and no other.
 */
const RULES = join(import.meta.dirname, '../../rules');
interface Row { vid: number; mn?: string; fr?: string }
interface Drive { model: string; firmware: string; vid?: number }

const readList = (name: string): Drive[] => readFileSync(new URL(`./fixtures/drive-lists/${name}.tsv`, import.meta.url), 'utf8').trimEnd().split('\n').slice(1).map((l) => {
  const [model, firmware, vid] = l.split('\t');
  return { model: model!, firmware: firmware!, vid: vid ? Number(vid) : undefined };
});
const MN_LEN = 40;
const FR_LEN = 8;

const rules = loadRules(RULES).filter((r) => r.upstream?.some((u) => u.table === 'core_quirks'));
const ruleRow = new Map(rules.map((r) => [r.id, r.upstream!.find((u) => u.table === 'core_quirks')!.row as unknown as Row]));

/** string_matches(): the Identify field (space padded to its size) is the entry's string followed by spaces only. */
function stringMatches(field: string, match: string | undefined, len: number): boolean {
  if (match === undefined) return true;
  const padded = field.padEnd(len, ' ');
  return padded.startsWith(match) && /^ *$/.test(padded.slice(match.length));
}

const quirkMatches = (d: Drive, q: Row): boolean => q.vid === d.vid && stringMatches(d.model, q.mn, MN_LEN) && stringMatches(d.firmware, q.fr, FR_LEN);

/** The rules that fire for each drive, with APST enabled and nvme_core.force_apst set (the states they look for). */
function fwsnapRules(list: Drive[]): string[][] {
  const db = openDatabase(':memory:');
  const bundleId = Number(db.prepare(`INSERT INTO bundles (path, loaded_at, complete) VALUES ('t', 'now', 1)`).run().lastInsertRowid);
  const sink = new SqliteSink(db, bundleId, describeVersion, shippedFacts(), 'throw');
  sink.device({ key: 'kernel', class: 'kernel' });
  sink.setting({ deviceKey: 'kernel', namespace: 'module:nvme_core', key: 'force_apst', value: 'Y', mode: 'runtime' });
  list.forEach((d, i) => {
    const key = `nvme:nvme${i}`;
    sink.device({ key, class: 'nvme', vendorId: d.vid ?? null, model: d.model });
    sink.firmware({ deviceKey: key, component: 'firmware', version: d.firmware, state: 'running' });
    sink.setting({ deviceKey: key, namespace: 'nvme.feature', key: 'apst_enabled', value: true, mode: 'current' });
  });
  sink.flushFirmware();
  const out: string[][] = list.map(() => []);
  for (const o of runRules(db, bundleId, rules)) if (o.result === 'fail') out[Number(/nvme(\d+)$/.exec(o.deviceKey!)![1])]!.push(o.ruleId);
  db.close();
  return out.map((x) => x.sort());
}

/** core_quirks[] rows as the C source writes them (designated initializers .vid/.mn/.fr). */
function sourceRows(src: string): Row[] {
  const start = src.indexOf('core_quirks[] = {');
  const body = src.slice(start, src.indexOf('\n};', start)).replace(/\/\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/\{([^{}]*\.vid[^{}]*)\}/g)].map((m) => {
    const field = (k: string): string | undefined => new RegExp(`\\.${k}\\s*=\\s*"([^"]*)"`).exec(m[1]!)?.[1];
    return { vid: Number(/\.vid\s*=\s*(0x[0-9a-fA-F]+|\d+)/.exec(m[1]!)![1]), mn: field('mn'), fr: field('fr') };
  });
}

/** Each list: its size at least, the drives that match an entry (as `vid model / firmware`), and near misses it must hold. */
const LISTS: [name: string, atLeast: number, matched: string[], nearMisses: (d: Drive) => boolean][] = [
  // Kioxia CD6 models other than KCD6XVUL6T40 and Samsung 970 EVO Plus drives (the X5's PCI id) get nothing.
  ['linuxhw-enterprise-nvme', 500, [], (d) => (d.vid === 0x1e0f && d.model.startsWith('KCD6')) || (d.vid === 0x144d && d.model.startsWith('Samsung SSD 970 EVO Plus'))],
  // The Toshiba THNSF5256GPUK matches at two firmware revisions; other Toshiba models get nothing.
  ['bsdhw-desktop-nvme', 300, ['4473 THNSF5256GPUK TOSHIBA / 51025KLA', '4473 THNSF5256GPUK TOSHIBA / 51055KLA'], (d) => d.vid === 0x1179 && !d.model.startsWith('THNSF5256GPUK')],
  // Linux laptops (linuxhw/SMART, read report by report): the LiteON CL1 at firmware 22301111, the only
  // firmware-keyed entry, matches; at 22301112 it does not, nor does the THNSF5256GPUK's SED model string.
  ['linuxhw-desktop-nvme', 10, [
    '5284 CL1-3D128-Q11 NVMe LITEON 128GB / 22301111', '5284 CL1-3D256-Q11 NVMe LITEON 256GB / 22301111',
    '4473 THNSF5256GPUK TOSHIBA / 51025KLA', '4473 THNSF5256GPUK TOSHIBA / 51055KLA',
  ], (d) => (d.vid === 0x14a4 && d.firmware !== '22301111') || (d.vid === 0x1179 && d.model !== 'THNSF5256GPUK TOSHIBA')],
];

describe.each(LISTS)('the real NVMe drive list %s against the core_quirks[] rules', (name, atLeast, matched, nearMisses) => {
  const drives = readList(name);

  it('holds the list: hundreds of real vendor/model/firmware triples', () => {
    expect(drives.length).toBeGreaterThan(atLeast);
    expect(drives.filter((d) => d.vid !== undefined).length).toBeGreaterThan(atLeast);
    expect(rules.length).toBeGreaterThanOrEqual(4);
  });

  it('gives every listed drive the rules of exactly the entries quirk_matches() accepts', () => {
    const got = fwsnapRules(drives);
    const rows = drives.map((d, i) => ({ drive: `${d.vid} ${d.model} / ${d.firmware}`, kernel: [...ruleRow].filter(([, q]) => quirkMatches(d, q)).map(([id]) => id).sort(), fwsnap: got[i]! }));
    expect(rows.filter((r) => r.kernel.join() !== r.fwsnap.join())).toEqual([]);
    expect(rows.filter((r) => r.kernel.length > 0).map((r) => r.drive)).toEqual(matched);
    expect(drives.filter(nearMisses).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the core_quirks[] rules', () => {
  it('matches Identify strings as string_matches() does: the entry, then only spaces up to the field size', () => {
    expect(stringMatches('KCD6XVUL6T40', 'KCD6XVUL6T40', MN_LEN)).toBe(true);
    expect(stringMatches('KCD6XVUL6T400', 'KCD6XVUL6T40', MN_LEN)).toBe(false);
    expect(stringMatches('KCD6XVUL6T40 X', 'KCD6XVUL6T40', MN_LEN)).toBe(false);
    expect(stringMatches('anything', undefined, MN_LEN)).toBe(true);
  });

  it('the same drives, given the entries\' own strings, get their rules (the comparison can fail)', () => {
    const made: Drive[] = [...ruleRow.values()].map((q) => ({ vid: q.vid, model: q.mn ?? 'ANY MODEL', firmware: q.fr ?? 'ANYFW' }));
    expect(fwsnapRules(made).map((x) => x.length)).toEqual(made.map(() => 1));
  });

  it('reaches a drive from its smartctl report alone, as a saved tree is replayed: the LiteON CL1 at 22301111 (linuxhw/SMART) gets its entry\'s rule', async () => {
    const sample = realSamples(new URL('./fixtures/real', import.meta.url).pathname).find((x) => x.name === 'smartctl/liteon-cl1-3d128-q11-22301111-linuxhw')!;
    const r = await replaySample(sample, tempDir(), ['nvme', 'ata']);
    const fired = runRules(r.db, r.bundleId, rules).filter((o) => o.result === 'fail').map((o) => `${o.ruleId} ${o.deviceKey}`);
    r.db.close();
    expect(fired).toEqual(['nvme.core-quirk.liteon-cl1-22301111 nvme:nvme0']);
  });

  const tree = kernelTreeFromEnv();
  it.runIf(tree !== undefined)('has a rule for every row of core_quirks[] in the newest kernel source', () => {
    const src = sourceRows(tree!.read('drivers/nvme/host/core.c'));
    expect(src.length).toBeGreaterThan(0);
    const key = (q: Row): string => `${q.vid}/${q.mn ?? ''}/${q.fr ?? ''}`;
    expect(src.map(key).sort()).toEqual([...new Set([...ruleRow.values()].map(key))].sort());
  });
});
