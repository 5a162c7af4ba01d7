/**
 * smartctl outputs of SAS drives (SCSI protocol, stored as block devices): one drive saved under two names (its disk
 * and its generic node: sda, sg0) is one device, named as its disk; two drives saved under one name (two hosts' sda)
 * with two serials are two devices. Before, the first made two devices of one drive (one serial, two names).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${p}`, import.meta.url), 'utf8');
// An HGST HUH721212AL4204 SAS drive's smartctl 7.1 output (serial 8DG3J2ZD).
const HGST = real('hgst-huh721212al4204-sas-scsi.txt');
// A Samsung MZILT7T6HALA SAS SSD's smartctl 7.3 -x (serial S5DDNE0R801692).
const SAMSUNG = real('samsung-mzilt7t6hala-sas-ssd-x.txt');

async function replay(files: Record<string, string>) {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await collect({ output: out, root: treeOf(files), only: ['ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return {
    notRead: r.manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target),
    devices: db.prepare(`SELECT device_key, class, serial FROM devices ORDER BY device_key`).all(),
  };
}

describe('smartctl outputs of SAS drives under their names', () => {
  it('one drive saved as its disk and as its generic node is one device, named as its disk', async () => {
    const r = await replay({ 'cmd/smartctl/smartctl -a sg0.txt': HGST, 'cmd/smartctl/smartctl -x sda.txt': HGST });
    expect(r.devices).toEqual([{ device_key: 'block:sda', class: 'block', serial: '8DG3J2ZD' }]);
  });

  it('two drives of two hosts both called sda are two devices', async () => {
    const r = await replay({ 'cmd/smartctl/smartctl -x sda.txt': HGST, 'cmd/smartctl/smartctl -x sda host2.txt': SAMSUNG });
    expect(r.notRead).toEqual([]);
    expect(r.devices).toEqual([
      { device_key: 'block:sda', class: 'block', serial: '8DG3J2ZD' },
      { device_key: 'block:sda-S5DDNE0R801692', class: 'block', serial: 'S5DDNE0R801692' },
    ]);
  });
});
