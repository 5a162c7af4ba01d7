import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ataLoader } from '../../analyzer/classes/ata/loader.js';
import { artifactLoader, rowsOf } from '../helpers/load-artifacts.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const load = artifactLoader({ loaders: [ataLoader], streaming: [] });

describe('bad artifacts', () => {
  it('does not attach an ATA device it cannot map, and skips empty ports', async () => {
    const id = fixture('samsung-870-qvo-id.txt');
    const db = await load([
      { name: 'sys/class/ata_device/dev3.0/.link', data: '../../devices/pci0000:00/0000:00:17.0/ata3/link3/dev3.0/ata_device/dev3.0', origin: { kind: 'link', path: '/sys/class/ata_device/dev3.0' } },
      { name: 'sys/class/ata_device/dev3.0/id', data: id },
      { name: 'sys/class/ata_device/dev3.0/class', data: 'ata\n' },
      { name: 'sys/class/ata_device/dev4.0/class', data: 'none\n' },
    ]);
    expect(rowsOf(db, "SELECT device_key, parent_key, pci_address, model FROM devices WHERE class = 'ata'")).toEqual([{ device_key: 'ata:dev3.0', parent_key: '0000:00:17.0', pci_address: '0000:00:17.0', model: 'Samsung SSD 870 QVO 4TB' }]);
    expect(rowsOf(db, `SELECT version FROM firmware`)).toEqual([{ version: 'SVQ02B6Q' }]);
  });
});
