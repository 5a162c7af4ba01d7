/**
 * A firmware manager's Versions row or a flint ROM line damaged in a paste (its columns' spaces collapsed, another
 * output's line spliced in) named an expansion ROM component outside the declared `rom.<type>` spelling, an undeclared
 * fact. Real output: test/mlx5/fixtures/real/fwmanager/bf1-mlnxofedinstall-up-to-date (its provenance file says where
 * it was published), its UEFI row repeated on its line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mlx5Facts } from '../../analyzer/classes/mlx5/facts.js';
import { romComponent } from '../../analyzer/classes/mlx5/loader.js';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/fwmanager/bf1-mlnxofedinstall-up-to-date.txt', import.meta.url), 'utf8');
const ROM = mlx5Facts.firmware.find((f) => f.component === 'rom.<type>')!.pattern!;

describe('an expansion ROM component', () => {
  it('is spelt as declared whatever the type printed', () => {
    expect(romComponent('UEFI Virtio net')).toBe('rom.uefi_virtio_net');
    expect(romComponent('PXE')).toBe('rom.pxe');
    for (const t of ['UEFI 14.19.0017 14.19.0017', 'Smart Selective self-test log data structure revision number', '-- ', '']) expect(romComponent(t)).toMatch(ROM);
  });

  it('a Versions row a paste repeated on one line loads as a declared fact', async () => {
    const damaged = SAMPLE.replace(/^\s*UEFI\s.*$/m, (line) => line.repeat(3));
    expect(damaged).not.toBe(SAMPLE);
    const r = await replayTree({ 'cmd/mlxfwmanager/--query.out': damaged });
    const rows = r.db.prepare(`SELECT DISTINCT component FROM firmware WHERE component LIKE 'rom.%'`).all() as { component: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const { component } of rows) expect(component).toMatch(ROM);
  });
});
