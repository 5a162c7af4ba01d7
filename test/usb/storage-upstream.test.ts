import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shippedFacts } from '../../analyzer/classes/index.js';
import { generateStorageRules } from '../../analyzer/classes/usb/upstream/storage-rules.js';
import { readStorageEntries, readStorageFlags, type StorageEntry, type StorageTable } from '../../analyzer/classes/usb/upstream/storage-table.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { SqliteSink } from '../../analyzer/db/sink.js';
import { describeVersion } from '../../analyzer/load/describe-version.js';
import { loadRules } from '../../analyzer/rules/load-rules.js';
import { runRules } from '../../analyzer/rules/run.js';

const RULES = join(import.meta.dirname, '../../rules');
const table = JSON.parse(readFileSync(join(RULES, 'usb/upstream/usb-storage-quirks.json'), 'utf8')) as StorageTable;
const generated = generateStorageRules(table);
const entryOf = new Map(generated.rules.map((r) => [r.id, Number(/ line (\d+):/.exec(r.references[0]!)![1]) + (r.references[0]!.includes('unusual_uas.h') ? 100_000 : 0)]));
const rules = loadRules(RULES).filter((r) => entryOf.has(r.id));
const lineKey = (e: StorageEntry): number => e.line + (e.file.endsWith('unusual_uas.h') ? 100_000 : 0);

/** usb_match_id() over usb-storage's table as built without NO_SDDR09: the first row whose ids match and whose range holds bcd. */
function kernelRow(vid: number, pid: number, bcd: number): StorageEntry | undefined {
  return table.entries.find((e) => !e.condition && e.vendorId === vid && e.productId === pid && e.bcdLo <= bcd && bcd <= e.bcdHi);
}

/** The table rows whose rules fire for each device (every device under uas, so that IGNORE_UAS rules fire too). */
function fwsnapRows(devices: { vid: number; pid: number; bcd: number }[]): number[][] {
  const db = openDatabase(':memory:');
  const bundleId = Number(db.prepare(`INSERT INTO bundles (path, loaded_at, complete) VALUES ('t', 'now', 1)`).run().lastInsertRowid);
  const sink = new SqliteSink(db, bundleId, describeVersion, shippedFacts(), 'throw');
  devices.forEach((d, i) => {
    const key = `usb:1-${i + 1}`;
    sink.device({ key, class: 'usb', vendorId: d.vid, deviceId: d.pid });
    sink.firmware({ deviceKey: key, component: 'bcd_device', version: `0x${d.bcd.toString(16).padStart(4, '0')}`, state: 'running', scheme: 'usb-bcd' });
    sink.setting({ deviceKey: key, namespace: 'usb', key: 'storage_driver', value: 'uas', mode: 'current' });
  });
  sink.flushFirmware();
  const fired = new Map<string, Set<number>>();
  for (const o of runRules(db, bundleId, rules)) {
    if (o.result !== 'fail' || o.deviceKey === null) continue;
    const s = fired.get(o.deviceKey) ?? new Set<number>();
    s.add(entryOf.get(o.ruleId)!);
    fired.set(o.deviceKey, s);
  }
  db.close();
  return devices.map((_, i) => [...(fired.get(`usb:1-${i + 1}`) ?? [])]);
}

describe('usb-storage unusual-device rules generated from the kernel tables', () => {
  it('read every row of both tables with its flags, and every flag of usb_usual.h with its meaning', () => {
    expect(table.entries.length).toBeGreaterThan(300);
    expect(table.entries.some((e) => e.file.endsWith('unusual_uas.h'))).toBe(true);
    const known = new Set(table.flags.map((f) => f.name));
    for (const e of table.entries) for (const f of e.flags) expect(known.has(f), `${e.file}:${e.line} ${f}`).toBe(true);
    expect(table.flags.find((f) => f.name === 'IGNORE_UAS')?.comment).toMatch(/UAS/);
  });

  it('give each always-built row with flags a rule, or say in the file header why not', () => {
    const ruled = new Set(entryOf.values());
    const left = new Set(generated.left.map((l) => lineKey(l.entry)));
    for (const e of table.entries) expect(ruled.has(lineKey(e)) !== left.has(lineKey(e)), `${e.file}:${e.line}`).toBe(true);
    const header = readFileSync(join(RULES, 'usb/usb-storage-quirks.yaml'), 'utf8');
    for (const l of generated.left) expect(header).toContain(`line ${l.entry.line} `);
  });

  it('fire on exactly the row the kernel matches first, for devices at, inside, around and outside every row', () => {
    const probes = table.entries.flatMap((e) => [e.bcdLo, e.bcdHi, Math.max(0, e.bcdLo - 1), Math.min(0xffff, e.bcdHi + 1), (e.bcdLo + e.bcdHi) >> 1].map((bcd) => ({ vid: e.vendorId, pid: e.productId, bcd })));
    const fired = fwsnapRows(probes);
    probes.forEach((p, i) => {
      const row = kernelRow(p.vid, p.pid, p.bcd);
      const expected = row && row.flags.length ? [lineKey(row)] : [];
      expect(fired[i], `${p.vid.toString(16)}:${p.pid.toString(16)} at ${p.bcd.toString(16)}`).toEqual(expected);
    });
  });

  it('agree with the kernel on random revisions of listed devices', () => {
    const ids = [...new Map(table.entries.map((e) => [`${e.vendorId}:${e.productId}`, e])).values()];
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 0, max: 0xffff }), (e, bcd) => {
        const row = kernelRow(e.vendorId, e.productId, bcd);
        expect(fwsnapRows([{ vid: e.vendorId, pid: e.productId, bcd }])[0]).toEqual(row && row.flags.length ? [lineKey(row)] : []);
      }),
      { numRuns: 60 },
    );
  });

  it('read rows as the kernel writes them: comments inside the call, #ifdef guards, COMPLIANT_DEV', () => {
    const src = [
      '#ifdef NO_SDDR09',
      'UNUSUAL_DEV(  0x0436, 0x0005, 0x0100, 0x0100,',
      '\t\t"Microtech",',
      '\t\t"CameraMate (DPCM_USB)",',
      '\t\tUSB_SC_SCSI, USB_PR_DPCM_USB, NULL, 0 ),',
      '#endif',
      '/* Reported by someone */',
      'UNUSUAL_DEV(  0x0984, 0x0301, 0x0128, 0x0128,',
      '\t\t"Apricorn", /* sold by X */ "",',
      '\t\tUSB_SC_DEVICE, USB_PR_DEVICE, NULL,',
      '\t\tUS_FL_IGNORE_UAS | US_FL_NO_ATA_1X),',
      'COMPLIANT_DEV(0x0525, 0xa4a5, 0x0000, 0x9999, "Linux", "File-backed Storage Gadget", USB_SC_8070, USB_PR_DEVICE, NULL, US_FL_CAPACITY_OK),',
    ].join('\n');
    const rows = readStorageEntries(src, 'drivers/usb/storage/unusual_devs.h');
    expect(rows.map((r) => [r.line, r.vendorId, r.bcdLo, r.bcdHi, r.vendorName, r.productName, r.flags, r.condition])).toEqual([
      [2, 0x0436, 0x100, 0x100, 'Microtech', 'CameraMate (DPCM_USB)', [], 'NO_SDDR09'],
      [8, 0x0984, 0x128, 0x128, 'Apricorn', '', ['IGNORE_UAS', 'NO_ATA_1X'], null],
      [12, 0x0525, 0, 0x9999, 'Linux', 'File-backed Storage Gadget', ['CAPACITY_OK'], null],
    ]);
    expect(readStorageFlags('\tUS_FLAG(SINGLE_LUN,\t0x00000001)\t\t\\\n\t\t/* allow access to only LUN 0 */\t\\\n')).toEqual([{ name: 'SINGLE_LUN', comment: 'allow access to only LUN 0' }]);
  });
});
