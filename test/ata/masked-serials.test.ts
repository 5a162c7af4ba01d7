/**
 * A serial a person masked in part before pasting (`WD-WMAL9 (REDACTED)`, `WD-WMAL9****`): what is left names no drive. Two
 * drives so masked alike are two drives, and the serial stored shows the mask, never the stump as if it were the serial.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

// A real smartctl -x (a WD Caviar SE under Cygwin, in the corpus), its serial WD-WMAL91073786 masked as people mask one.
const DRIVE = readFileSync(join('test', 'ata/fixtures/real/smartctl/wd-caviar-se-cygwin.txt'), 'utf8');
const masked = (serial: string): string => DRIVE.replace('Serial Number:    WD-WMAL91073786', `Serial Number:    ${serial}`);

async function load(files: Record<string, string>) {
  const bundle = join(tempDir(), 'b.tar.gz');
  await collect({ output: bundle, root: treeOf(files), only: ['ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, bundle);
  return db.prepare(`SELECT device_key, serial FROM devices WHERE model = 'WDC WD1600JD-75HBB0' ORDER BY device_key`).all() as { device_key: string; serial: string }[];
}

describe('a serial masked in part', () => {
  it.each(['WD-WMAL9 (REDACTED)', 'WD-WMAL9 <serial removed>', 'WD-WMAL9 [masked for privacy]', 'WD-WMAL9****', 'WD-WMAL9…', '--private--', 'WD-WMAL910737XXX', 'serialxxx', '**redacted**', '**hidden**'])(
    '%s on two drives: two drives, each serial stored with its mask',
    async (serial) => {
      const rows = await load({ 'cmd/smartctl/smartctl -x sda.txt': masked(serial), 'cmd/smartctl/smartctl -x sdb.txt': masked(serial) });
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.serial).toBe(serial);
    },
  );
});
