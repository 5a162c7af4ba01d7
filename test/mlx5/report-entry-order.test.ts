import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../analyzer/report/model.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { treeOf } from '../helpers/tmp.js';

// A real `mlxconfig q ATS_ENABLED` loop over 14 BlueField-3 functions (test/mlx5/fixtures/real/mstconfig/
// bf3-supernic-loop-ats-enabled-14-devices, its provenance beside it): buses 18, 1a, 3a, … 9b, ba, bc, ca.
describe('the order of inventory entries', () => {
  beforeAll(ensureBuilt);
  it('lists PCI functions by address as hex, as lspci does', () => {
    const root = treeOf({ 'cmd/mlxconfig/--yes_q_ATS_ENABLED.out': readFileSync('test/mlx5/fixtures/real/mstconfig/bf3-supernic-loop-ats-enabled-14-devices.txt') });
    const r = JSON.parse(fwsnap(['check', '--root', root, '--format', 'json']).stdout) as Report;
    const pci = r.inventory.map((e) => e.location.pci).filter((p): p is string => p !== null);
    expect(pci).toHaveLength(14);
    expect(pci).toEqual([...pci].sort());
    expect(pci.indexOf('0000:18:00.0')).toBeLessThan(pci.indexOf('0000:9b:00.0'));
  });
});
