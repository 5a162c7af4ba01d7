/**
 * A SCSI model of 15 characters may be cut too (drives helper, issue 11): libata puts an ATA model's first 16
 * characters in the INQUIRY product and the SCSI layer drops trailing spaces, so lsscsi's or sysfs's `Samsung SSD 840`
 * may be a Samsung SSD 840 EVO 250GB whose 16th character was a space. Before, such a model was taken as whole: no
 * PARTIAL-MODEL issue, and the libata entries were matched on it as if the drive were named so. It is now stored as the
 * 16 characters with that space, ending in `…`, and a rule fires on it only where every entry that could take the
 * whole model gives the rule's flag (the 840's and the 840 EVO's both give zeroaftertrim; only the EVO's nodmalog,
 * which is then not known). A cut model whose earlier entries give the rule's flag too (SAMSUNG*MZ7LH* before
 * SAMSUNG*MZ7KM*, both zeroaftertrim) is decided now; before, any earlier entry of other flags stopped it.
 * A 15-character model smartctl gives is the whole model.
 */
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const LSSCSI = [
  '[0:0:0:0]    disk    ATA      Samsung SSD 840  EXT0  /dev/sda ',
  '[1:0:0:0]    disk    ATA      SAMSUNG MZ7KM480 003Q  /dev/sdb ',
  '[2:0:0:0]    disk    ATA      SAMSUNG HD161HJ  0-22  /dev/sdc ',
  '',
].join('\n');

const SMARTCTL_SDC = [
  'smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.1.0-18-amd64] (local build)',
  'Copyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Model Family:     SAMSUNG SpinPoint S166',
  'Device Model:     SAMSUNG HD161HJ',
  'Serial Number:    S0V3J1KL123456',
  'Firmware Version: JF100-22',
  '',
].join('\n');

describe('a SCSI model of 15 characters, from an lsscsi listing', () => {
  it('is stored as possibly cut, and only the quirks every entry that could take the whole model gives fire', async () => {
    const r = await replayTree({ 'cmd/lsscsi/lsscsi.txt': LSSCSI, 'cmd/smartctl/sdc.txt': SMARTCTL_SDC });
    const rows = (sql: string): Record<string, unknown>[] => r.db.prepare(sql).all() as Record<string, unknown>[];
    const models = Object.fromEntries(rows(`SELECT device_key AS k, model FROM devices WHERE class = 'ata'`).map((d) => [String(d.k), d.model]));
    expect(models['ata:sda']).toBe('Samsung SSD 840 …');
    expect(models['ata:sdb']).toBe('SAMSUNG MZ7KM480…');
    expect(Object.entries(models).filter(([, m]) => String(m).startsWith('SAMSUNG HD161HJ')).map(([, m]) => m)).toEqual(['SAMSUNG HD161HJ']);
    const partial = rows(`SELECT message FROM collection_issues WHERE code = 'PARTIAL-MODEL'`).map((x) => String(x.message));
    expect(partial.join('\n')).toContain('sda "Samsung SSD 840"');
    expect(partial.join('\n')).not.toContain('HD161HJ');
    const fired = rows(`SELECT device_key AS k, rule_id AS id FROM rule_results WHERE result = 'fail' AND rule_id LIKE 'ata.libata-quirk.%'`)
      .map((x) => `${String(x.k)} ${String(x.id)}`).sort();
    expect(fired).toEqual([
      'ata:sda ata.libata-quirk.samsung-ssd-840.zeroaftertrim',
      'ata:sdb ata.libata-quirk.samsung-mz7km.zeroaftertrim',
    ]);
  });
});
