import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLibataRules } from '../../analyzer/classes/ata/upstream/libata-rules.js';
import { LIBATA_FLAGS } from '../../analyzer/classes/ata/upstream/libata-flags.js';
import type { LibataTable } from '../../analyzer/classes/ata/upstream/libata-table.js';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';

const RULES = join(import.meta.dirname, '../../rules');
export const libataTable = JSON.parse(readFileSync(join(RULES, 'ata/upstream/libata-quirks.json'), 'utf8')) as LibataTable;
export const generatedLibataRules = generateLibataRules(libataTable);
const ruleFlag = new Map(generatedLibataRules.rules.map((r) => [r.id, r.id.slice(r.id.lastIndexOf('.') + 1)]));
const rules = loadRules(RULES).filter((r) => ruleFlag.has(r.id));

/** The slug a flag's generated rule id ends with (`NO_NCQ_TRIM` → `noncqtrim`). */
export const flagSlug = (f: string): string => LIBATA_FLAGS[f]!.name.replace(/[^a-z0-9]+/g, '-');

/** What fwsnap reports for each drive, with every setting in the state that lets a flag's rule fire: the flag slugs, sorted. */
export function fwsnapQuirks(drives: { model: string; rev: string }[]): string[][] {
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
