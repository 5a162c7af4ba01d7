/**
 * An ATA drive the SCSI layer names (lsscsi, lsblk without udev, sysfs `device/rev`) shows 4 characters of its 8-character
 * firmware: the INQUIRY revision libata makes of it, the last 4 (the first 4 when those are blank). Before, those 4
 * characters were stored as the running firmware and matched against the libata quirk entries keyed on firmware: a
 * Maxtor 7V300F0 running VA111630 showed `1630`, and its NCQ entry's rule said pass; a Maxtor running xxxxBANC showed
 * `BANC`, and the `BANC*` entry's rule said fail. The revision is now stored with `…` before it, and no firmware
 * condition decides such a version: those rules skip, naming the firmware they could not read.
 */
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const LSSCSI = [
  '[0:0:0:0]    disk    ATA      Maxtor 7V300F0   1630  /dev/sda ',
  '[1:0:0:0]    disk    ATA      Maxtor 6L250S0   BANC  /dev/sdb ',
  '',
].join('\n');

const LSBLK = [
  'NAME MODEL            REV SERIAL',
  'sda  Maxtor 7V300F0  1630 V59ABCDE',
  '',
].join('\n');

/** The skip says the firmware is there, cut, not missing. */
const CUT_WHY = 'is only its end, as the SCSI layer gives an ATA drive\'s firmware';

type Db = Awaited<ReturnType<typeof replayTree>>['db'];
const result = (db: Db, rule: string, key: string): unknown =>
  (db.prepare(`SELECT result, missing FROM rule_results WHERE rule_id = ? AND device_key = ?`).get(rule, key) as { result: string; missing: string } | undefined);
const firmware = (db: Db, key: string): unknown =>
  (db.prepare(`SELECT version FROM firmware WHERE device_key = ? AND component = 'firmware' AND state = 'running'`).get(key) as { version: string } | undefined)?.version;

describe('an ATA firmware known by the SCSI layer\'s 4 characters decides no libata quirk keyed on firmware', () => {
  it('lsscsi: 1630 of VA111630 is no pass, BANC is no BANC* match', async () => {
    const { db } = await replayTree({ 'cmd/lsscsi/lsscsi.txt': Buffer.from(LSSCSI) });
    expect(firmware(db, 'ata:sda')).toBe('…1630');
    expect(firmware(db, 'ata:sdb')).toBe('…BANC');
    expect(result(db, 'ata.libata-quirk.maxtor-7v300f0-va111630.noncq', 'ata:sda')).toEqual({ result: 'skip', missing: `firmware firmware (running) in full (…1630 ${CUT_WHY})` });
    expect(result(db, 'ata.libata-quirk.maxtor-banc.noncq', 'ata:sdb')).toEqual({ result: 'skip', missing: `firmware firmware (running) in full (…BANC ${CUT_WHY})` });
    const issues = db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARTIAL-FIRMWARE'`).all() as { message: string }[];
    expect(issues.map((x) => x.message).join('\n')).toMatch(/stored as the running firmware with "…" before it/);
  });

  it('lsblk read from sysfs: the same', async () => {
    const { db } = await replayTree({ 'lsblk -o NAME,MODEL,REV,SERIAL.txt': Buffer.from(LSBLK) });
    expect(firmware(db, 'ata:sda')).toBe('…1630');
    expect(result(db, 'ata.libata-quirk.maxtor-7v300f0-va111630.noncq', 'ata:sda')).toEqual({ result: 'skip', missing: `firmware firmware (running) in full (…1630 ${CUT_WHY})` });
  });
});
