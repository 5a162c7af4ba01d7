/**
 * SATA drives an lsscsi listing names (issue 11, drives trial): real published listings (test/scsi/fixtures/real/lsscsi-*
 * with `ata_drives` in their provenance), saved under the name a person gives them, make each disk of vendor ATA the
 * drive `ata:sdX` with the model and revision the SCSI layer gave (16 characters of the model, stored ending in … when
 * it may go on; the revision's last 4), so the libata quirk rules see it as they see smartctl's, hdparm's and lsblk's
 * drives. Before, those disks were SCSI rows only and no libata rule looked at them. A host whose firmware is the SATL
 * (a RAID adapter listing itself) gets no ATA drive: libata does not run those drives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { replayTree } from '../helpers/replay-tree.js';

const REAL = new URL('../scsi/fixtures/real/', import.meta.url);
interface Provenance {
  saved_as: string;
  truth: { hctl: string; vendor: string; model: string; rev: string; node: string }[];
  ata_drives?: Record<string, { model: string; firmware: string }>;
  libata_findings?: string[];
  alarms?: string[];
}
const samples = readdirSync(REAL).filter((f) => f.startsWith('lsscsi-') && f.endsWith('.provenance.yaml'))
  .map((f) => ({ name: f.slice(0, -'.provenance.yaml'.length), p: parse(readFileSync(new URL(f, REAL), 'utf8')) as Provenance }))
  .filter((s) => s.p.ata_drives !== undefined);

describe('lsscsi listings of SATA drives, replayed as a person saved them', () => {
  it('has the samples', () => expect(samples.length).toBeGreaterThanOrEqual(6));

  it.each(samples.map((s) => [s.name, s] as const))('%s: its ATA drives, the libata quirks of the entries that decide them, no alarm', async (_, s) => {
    const r = await replayTree({ [s.p.saved_as]: readFileSync(new URL(`${s.name}.txt`, REAL)) });
    const rows = (sql: string): Record<string, unknown>[] => r.db.prepare(sql).all() as Record<string, unknown>[];
    const ata = rows(`SELECT d.device_key AS key, d.model, (SELECT version FROM firmware f WHERE f.device_key = d.device_key AND f.state = 'running') AS firmware
      FROM devices d WHERE d.class = 'ata' ORDER BY d.device_key`);
    expect(Object.fromEntries(ata.map((d) => [String(d.key).slice('ata:'.length), { model: d.model, firmware: d.firmware }]))).toEqual(s.p.ata_drives);
    const failed = rows(`SELECT DISTINCT rule_id AS id, severity FROM rule_results WHERE result = 'fail'`);
    expect(failed.filter((f) => String(f.id).startsWith('ata.libata-quirk.')).map((f) => f.id).sort()).toEqual([...(s.p.libata_findings ?? [])].sort());
    expect(failed.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.id).sort()).toEqual([...(s.p.alarms ?? [])].sort());
    expect(rows(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`)).toEqual([]);
    // The SCSI rows: each listed unit with its INQUIRY product, and its revision as printed but of vendor ATA, where the
    // SAT layer gave 4 of the firmware's 8 characters: marked cut, as the ata row and sg_inq's row of such a drive are.
    const scsi = rows(`SELECT d.device_key AS key, d.model, (SELECT version FROM firmware f WHERE f.device_key = d.device_key AND f.state = 'running') AS rev
      FROM devices d WHERE d.class = 'scsi'`);
    for (const t of s.p.truth) expect(scsi, t.hctl).toContainEqual({ key: `scsi:${t.hctl}`, model: t.model, rev: t.vendor === 'ATA' ? `…${t.rev}` : t.rev });
    for (const [node, d] of Object.entries(s.p.ata_drives ?? {})) {
      const listed = s.p.truth.find((t) => t.node === `/dev/${node}`);
      if (listed) expect(scsi, `scsi row of ${node}`).toContainEqual(expect.objectContaining({ key: `scsi:${listed.hctl}`, rev: d.firmware }));
    }
  });
});
