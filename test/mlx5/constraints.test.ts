import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MlxconfigDb, readTlvField, writeTlvFields } from '../../analyzer/classes/mlx5/config-db.js';
import { checkConstraints, enumDifferences, type NvSnapshot } from '../../analyzer/classes/mlx5/constraints.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { FAKE_GLOBAL_PCI_CAP } from './fixtures/registers.js';

let db: MlxconfigDb;
beforeAll(() => {
  db = MlxconfigDb.open();
});


function snapshotOf(file: string, caps: Record<string, Buffer> = {}): NvSnapshot {
  const dev = parseMstconfigQuery(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')).devices[0]!;
  const values: NvSnapshot['values'] = new Map();
  for (const p of dev.params) {
    values.set(p.name, Object.fromEntries(Object.entries(p.values).flatMap(([m, v]) => (v.number === undefined ? [] : [[m, v.number]]))));
  }
  return { values, capabilities: new Map(Object.entries(caps)) };
}

describe('mlxconfig database', () => {
  it('maps printed names to definitions, including per-port suffixes', () => {
    expect(db.lookupDisplayed('NUM_OF_VFS')!.param).toMatchObject({ name: 'total_vfs', bits: 16, offset: { byte: 4, bit: 0 } });
    expect(db.lookupDisplayed('LINK_TYPE_P2')).toMatchObject({ suffix: '_P2', param: { name: 'default_link_type' } });
    expect(db.lookupDisplayed('NUM_OF_VFS_P1')).toBeUndefined();
    expect(db.lookupDisplayed('SRIOV_EN')!.param.offset).toEqual({ byte: 4, bit: 31 });
    expect(db.param('nv_global_pci_cap', 'max_total_msix')).toMatchObject({ bits: 32, offset: { byte: 0xc, bit: 0 } });
  });
  it('reads TLV fields from big-endian dwords as mstflint lays them out', () => {
    const img = Buffer.alloc(12);
    img.writeUInt32BE(0x8002_0008, 4); // sriov_en=1 @0x4.31, num_pfs=2 @0x4.16, total_vfs=8 @0x4.0
    expect(readTlvField(img, db.param('nv_global_pci_conf', 'sriov_en')!)).toBe(1);
    expect(readTlvField(img, db.param('nv_global_pci_conf', 'num_pfs')!)).toBe(2);
    expect(readTlvField(img, db.param('nv_global_pci_conf', 'total_vfs')!)).toBe(8);
    expect(writeTlvFields(db, 'nv_global_pci_conf', { sriov_en: 1, num_pfs: 2, total_vfs: 8 })).toEqual(img);
  });
});

describe('vendor constraints', () => {
  it('fake host function 0: next-boot VF count above max_vfs_per_pf and the MSI-X budget broken', () => {
    const cap = writeTlvFields(db, 'nv_global_pci_cap', FAKE_GLOBAL_PCI_CAP);
    const fails = checkConstraints(db, snapshotOf('layouts/fakehost-f0-e-query.txt', { nv_global_pci_cap: cap })).filter((f) => f.result === 'fail');
    expect(fails.map((f) => [f.kind, f.mode, f.params])).toEqual([
      ['max', 'next_boot', ['NUM_OF_VFS']],
      ['rule', 'next_boot', ['NUM_OF_VFS', 'SRIOV_EN']],
      ['rule', 'next_boot', ['NUM_PF_MSIX', 'NUM_VF_MSIX']],
    ]);
    expect(fails[0]!.message).toBe('NUM_OF_VFS next boot value 200 exceeds the maximum 127 the firmware allows (max_vfs_per_pf)');
    // The vendor's expression in words, the numbers filled in: 2 × (63 + 200 × 11) = 4,526 > 4,096.
    expect(fails[1]!.message).toBe(
      'next boot values break a vendor rule of NUM_OF_VFS: NUM_OF_PF 2 × (NUM_PF_MSIX 63 + NUM_OF_VFS 200 × NUM_VF_MSIX 11) = 4,526, more than the 4,096 the firmware allows (max_total_msix)',
    );
    expect(fails[1]!.expression).toContain('($nv_global_pci_cap.max_total_msix_valid==0)');
    expect(fails.every((f) => !f.message.includes('$'))).toBe(true);
    expect(fails[1]!.inputs).toMatchObject({ num_pfs: 2, num_pf_msix: 63, total_vfs: 200, num_vf_msix: 11, 'nv_global_pci_cap.max_total_msix': 4096 });
  });

  it('the same device without capability data: skips naming the capability fields', () => {
    const found = checkConstraints(db, snapshotOf('layouts/fakehost-f0-e-query.txt'));
    expect(found.every((f) => f.result === 'skip')).toBe(true);
    const max = found.find((f) => f.kind === 'max' && f.params[0] === 'NUM_OF_VFS' && f.mode === 'next_boot')!;
    expect(max.missing).toEqual(['capability nv_global_pci_cap.max_vfs_per_pf_valid', 'capability nv_global_pci_cap.max_vfs_per_pf']);
  });

  it('function 1 within limits: nothing fails', () => {
    const cap = writeTlvFields(db, 'nv_global_pci_cap', FAKE_GLOBAL_PCI_CAP);
    expect(checkConstraints(db, snapshotOf('layouts/fakehost-f1-e-query.txt', { nv_global_pci_cap: cap })).filter((f) => f.result === 'fail')).toEqual([]);
  });

  it('enum validity, field width, and a setting whose dependency (ADVANCED_PCI_SETTINGS) is off', () => {
    const pciCap = writeTlvFields(db, 'nv_pci_cap', { advanced_pci_settings_supported: 1, force_eth_subclass_supported: 1 });
    const snap: NvSnapshot = {
      values: new Map([
        ['PARTIAL_WRITE_CACHE_MODE', { default: 0, next_boot: 7 }],
        ['NUM_OF_PF', { default: 1, next_boot: 300 }],
        ['ADVANCED_PCI_SETTINGS', { default: 0, current: 0, next_boot: 0 }],
        ['FORCE_ETH_PCI_SUBCLASS', { default: 0, current: 1, next_boot: 1 }],
      ]),
      capabilities: new Map([['nv_pci_cap', pciCap]]),
    };
    const fails = checkConstraints(db, snap).filter((f) => f.result === 'fail');
    expect(fails.map((f) => [f.kind, f.mode, f.params[0]])).toEqual([
      ['enum', 'next_boot', 'PARTIAL_WRITE_CACHE_MODE'],
      ['width', 'next_boot', 'NUM_OF_PF'],
      ['dependency', 'current', 'FORCE_ETH_PCI_SUBCLASS'],
      ['dependency', 'next_boot', 'FORCE_ETH_PCI_SUBCLASS'],
    ]);
    expect(fails[0]!.message).toContain('is not one of DEVICE_DEFAULT(0), DISABLED(1), FUNCTION_BASED(2), ADDRESS_BASED(3)');
    expect(fails[2]!.message).toBe('FORCE_ETH_PCI_SUBCLASS current value 1 (default 0) has no effect: what it depends on is not met (ADVANCED_PCI_SETTINGS is 0)');
    expect(fails[2]!.expression).toContain('($nv_pci_cap.force_eth_subclass_supported!=0)&&($nv_pci_conf.advanced_pci_settings!=0)');
    snap.values.set('ADVANCED_PCI_SETTINGS', { default: 0, current: 1, next_boot: 1 });
    expect(checkConstraints(db, snap).filter((f) => f.kind === 'dependency' && f.result === 'fail')).toEqual([]);
  });
});

describe('meaning over numbers', () => {
  const trustPcp = (label?: string): NvSnapshot => ({
    values: new Map([['QOS_TRUST_STATE_P1', { next_boot: 1 }]]),
    capabilities: new Map(),
    labels: label === undefined ? undefined : new Map([['QOS_TRUST_STATE_P1', { next_boot: label }]]),
  });
  it('a number the device tool printed with its name is not judged against the database enum; the difference is reported', () => {
    // The installed mlxconfig database numbers TRUST_PCP 5; BlueField-3 and ConnectX-5 mlxconfig print TRUST_PCP(1).
    expect(db.lookupDisplayed('QOS_TRUST_STATE_P1')!.param.enumValues!.get('TRUST_PCP')).toBe(5);
    expect(checkConstraints(db, trustPcp('TRUST_PCP')).filter((f) => f.result === 'fail')).toEqual([]);
    expect(enumDifferences(db, trustPcp('TRUST_PCP'))).toEqual([
      { param: 'QOS_TRUST_STATE_P1', mode: 'next_boot', printed: { label: 'TRUST_PCP', number: 1 }, database: 5, known: expect.stringContaining('TRUST_PCP(5)') },
    ]);
  });
  it('a bare number outside the enum still fails; a name the database numbers the same is no difference', () => {
    expect(checkConstraints(db, trustPcp()).filter((f) => f.result === 'fail').map((f) => f.kind)).toEqual(['enum']);
    const same: NvSnapshot = { ...trustPcp('TRUST_PCP'), values: new Map([['QOS_TRUST_STATE_P1', { next_boot: 5 }]]) };
    expect(enumDifferences(db, same)).toEqual([]);
  });
});
