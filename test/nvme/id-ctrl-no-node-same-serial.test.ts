/**
 * An nvme id-ctrl saved with no node (keyed by its serial when nothing else knows the drive) whose serial is a
 * controller's the tree knows otherwise (nvme list, sysfs) is that controller's id-ctrl: one device, named by its
 * node, holding the id-ctrl's facts (firmware slots, activation, APST). Before, the id-ctrl's facts were
 * dropped (sysfs) or a second device was made of the same drive (nvme list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
// The FOG project's issue 72: one Kingston SNV2S250G's `nvme list` and `nvme id-ctrl` (its id-ctrl text names no node).
const ID_CTRL = fixture('real/id-ctrl/kingston-snv2s250g-fog.txt');
const LIST = fixture('report-outputs/nvme-list/kingston-snv2s250g-fog72-no-dashes.txt');
const SERIAL = '50026B7685F13C1E';

async function replay(files: Record<string, string>) {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, root: treeOf(files), only: ['nvme'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const q = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    devices: q(`SELECT device_key, serial FROM devices WHERE class = 'nvme' ORDER BY device_key`),
    idCtrl: Object.fromEntries((q(`SELECT device_key, key, value FROM settings WHERE namespace = 'nvme.id-ctrl' AND key IN ('firmware_slots', 'activation_without_reset', 'apst_supported')`) as { device_key: string; key: string; value: string }[]).map((s) => [`${s.device_key} ${s.key}`, s.value])),
  };
}

describe('an id-ctrl saved with no node, of a drive the tree knows by its node', () => {
  it('with nvme list naming that serial on nvme0: one device nvme:nvme0 holding the id-ctrl facts', async () => {
    const r = await replay({ 'cmd/nvme/nvme list.txt': LIST, 'cmd/nvme/nvme id-ctrl kingston.txt': ID_CTRL });
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', serial: SERIAL }]);
    expect(r.idCtrl).toEqual({ 'nvme:nvme0 firmware_slots': '1', 'nvme:nvme0 activation_without_reset': '1', 'nvme:nvme0 apst_supported': '1' });
  });

  it('with sysfs giving that serial to nvme0: the id-ctrl facts are stored on nvme:nvme0', async () => {
    const r = await replay({
      'sys/class/nvme/nvme0/serial': `${SERIAL}\n`, 'sys/class/nvme/nvme0/model': 'KINGSTON SNV2S250G\n', 'sys/class/nvme/nvme0/firmware_rev': 'ELFK0S.4\n',
      'cmd/nvme/nvme id-ctrl kingston.txt': ID_CTRL,
    });
    expect(r.devices).toEqual([{ device_key: 'nvme:nvme0', serial: SERIAL }]);
    expect(r.idCtrl).toEqual({ 'nvme:nvme0 firmware_slots': '1', 'nvme:nvme0 activation_without_reset': '1', 'nvme:nvme0 apst_supported': '1' });
  });
});
