import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nvmeLoader } from '../../analyzer/classes/nvme/loader.js';
import type { FakeArtifact } from '../helpers/bundle.js';
import { artifactLoader, cmdArtifact, rowsOf } from '../helpers/load-artifacts.js';
import { micronIdCtrl } from './structs.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const load = artifactLoader({ loaders: [nvmeLoader], streaming: [] });

describe('nvme loader on captured nvme-cli outputs', () => {
  it('takes model, firmware and slots from nvme id-ctrl / fw-log text when no ioctl answer exists', async () => {
    const db = await load([
      cmdArtifact(['nvme', 'id-ctrl', '/dev/nvme1'], fixture('micron-9200-id-ctrl.txt')),
      cmdArtifact(['nvme', 'fw-log', '/dev/nvme1'], 'afi  : 0x21\nfrs1 : 0x3050383030313031 (101008P0)\nfrs2 : 0x3050393030313031 (101009P0)\n'),
    ]);
    expect(rowsOf(db, `SELECT device_key, model, serial, vendor_id FROM devices WHERE class = 'nvme'`)).toEqual([{ device_key: 'nvme:nvme1', model: 'Micron_9200_MTFDHAL1T6TCU', serial: '18161E7964B7', vendor_id: 0x1344 }]);
    expect(rowsOf(db, `SELECT version, state FROM firmware ORDER BY rowid`)).toEqual([
      { version: '101008P0', state: 'running' }, { version: '101008P0', state: 'slot-1' }, { version: '101009P0', state: 'slot-2' }, { version: '101009P0', state: 'pending' },
    ]);
  });
});

describe('nvme id-ctrl in every form gives the same rows', () => {
  it('stores the binary answer, the text and the JSON of one controller alike (settings and power states)', async () => {
    const facts = async (a: FakeArtifact): Promise<Record<string, unknown>[]> =>
      rowsOf(await load([a]), `SELECT namespace, key, value FROM settings WHERE device_key = 'nvme:nvme1' AND namespace IN ('nvme.id-ctrl', 'nvme.power-state') ORDER BY namespace, key`);
    const fromBinary = await facts({ name: 'ioctl/nvme/nvme1/id-ctrl.bin', data: micronIdCtrl(), origin: { kind: 'ioctl', class: 'nvme', device: 'nvme1', request: 'NVME_IOCTL_ADMIN_CMD', requestNumber: 0, what: 'id-ctrl' } });
    const fromText = await facts(cmdArtifact(['nvme', 'id-ctrl', '/dev/nvme1'], fixture('micron-9200-id-ctrl.txt')));
    expect(fromBinary.length).toBeGreaterThan(15);
    expect(fromText).toEqual(fromBinary);
    expect(fromText).toContainEqual({ namespace: 'nvme.power-state', key: 'ps0', value: '25W enlat:100 exlat:100' });
    expect(fromText).toContainEqual({ namespace: 'nvme.id-ctrl', key: 'firmware_slots', value: '3' });
  });
});

