/**
 * The device-ID → family table checked against mstflint's own (dev_mgt/tools_dev_types.c, Mellanox/mstflint commit
 * b9d9e844a14ae1c85cb90c76ccd4a56a0eccd599: each record's `sw_dev_id` and name, the facts copied below), and the model a
 * device known only from an mst tool's output is given: the device ID its mst name spells (`mt4103_pci_cr0` is a
 * ConnectX-3 Pro, though it shares the ConnectX-3's firmware major), a switch's in its in-band mst node.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { familyOfMstName } from '../../analyzer/classes/mlx5/device-names.js';
import { familyOfDeviceId, MLX_FAMILIES, MLX_SWITCH_FAMILIES } from '../../analyzer/classes/mlx5/families.js';
import { replaySaved } from '../helpers/replay-tree.js';
import { renderText } from '../../analyzer/report/text.js';

/** mstflint's device records with a device ID (`sw_dev_id` > 0), as named there. */
const MSTFLINT_DEVICES: [number, string][] = [
  [4113, 'ConnectIB'], [4103, 'ConnectX3Pro'], [52000, 'SwitchIB'], [52100, 'Spectrum'], [4115, 'ConnectX4'], [4117, 'ConnectX4LX'],
  [4119, 'ConnectX5'], [4123, 'ConnectX6'], [4125, 'ConnectX6DX'], [4127, 'ConnectX6LX'], [4129, 'ConnectX7'], [4131, 'ConnectX8'],
  [4133, 'ConnectX9'], [6525, 'ConnectX8_Pure_PCIe_Switch'], [6526, 'ConnectX9_Pure_PCIe_Switch'], [41682, 'BlueField'], [41686, 'BlueField2'],
  [41692, 'BlueField3'], [41695, 'BlueField4'], [53000, 'SwitchIB2'], [53100, 'Spectrum2'], [54000, 'Quantum'], [54008, 'NVLink6_Switch'],
  [53104, 'Spectrum3'], [53120, 'Spectrum4'], [53122, 'Spectrum5'], [53124, 'Spectrum6'], [54002, 'Quantum2'], [54004, 'Quantum3'],
  [10496, 'GB100'], [12288, 'GR100'], [53108, 'AmosGearBox'],
];
/** Records the table leaves out: no firmware major is known for them (analyzer-facts), or they are no adapter or switch ASIC. */
const LEFT_OUT = new Set(['ConnectX9', 'BlueField4', 'ConnectX8_Pure_PCIe_Switch', 'ConnectX9_Pure_PCIe_Switch', 'NVLink6_Switch', 'GB100', 'GR100', 'AmosGearBox']);
const compact = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

describe('device IDs and the families they name', () => {
  it('every device ID mstflint names is in the table under the same name, unless left out with a reason', () => {
    for (const [id, name] of MSTFLINT_DEVICES) {
      const f = familyOfDeviceId(id);
      if (LEFT_OUT.has(name)) expect(f, `${id} ${name}`).toBeUndefined();
      else expect(f && compact(f.name), `${id} ${name}`).toBe(compact(name));
    }
    const known = new Map(MSTFLINT_DEVICES);
    for (const [id, f] of [...MLX_FAMILIES, ...MLX_SWITCH_FAMILIES]) if (known.has(id)) expect(compact(f.name), `${id}`).toBe(compact(known.get(id)!));
  });

  it('4103 (0x1007) is the ConnectX-3 Pro, 4099 (0x1003) the ConnectX-3', () => {
    expect(familyOfDeviceId(4103)?.name).toBe('ConnectX-3 Pro');
    expect(familyOfDeviceId(4099)?.name).toBe('ConnectX-3');
    expect(familyOfMstName('mst:mt4103_pci_cr0')).toBe('ConnectX-3 Pro');
    expect(familyOfMstName('/dev/mst/mt4103_pci_cr2')).toBe('ConnectX-3 Pro');
    expect(familyOfMstName('mst:mt41686_pciconf0')).toBe('BlueField-2');
    expect(familyOfMstName('/dev/mst/SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005')).toBe('Switch-IB');
    expect(familyOfMstName('mst:lid-0x00047')).toBeUndefined();
  });
});

describe('the model of a device known only from a saved mst tool output (real corpus samples)', () => {
  const model = async (saveAs: string, text: string, key: string): Promise<unknown> =>
    (await replaySaved(saveAs, text)).db.prepare(`SELECT model FROM devices WHERE device_key = ?`).get(key);

  it('a flint query of mt4103_pci_cr0 (an HP 544+ card) is a ConnectX-3 Pro, not a ConnectX-3', async () => {
    expect(await model('cmd/flint/flint -d mt4103_pci_cr0 query full.txt', real('mstflint/cx3pro-fs2-hp544-windows-query-full.txt'), 'mst:mt4103_pci_cr0')).toEqual({ model: 'ConnectX-3 Pro' });
  }, 60_000);

  it('switches queried in band are InfiniBand switches keyed by their LID, named by their firmware major or their mst node', async () => {
    const device = async (saveAs: string, text: string, key: string): Promise<unknown> =>
      (await replaySaved(saveAs, text)).db.prepare(`SELECT class, pci_address, model FROM devices WHERE device_key = ?`).get(key);
    const sw = (model: string): unknown => ({ class: 'ib_switch', pci_address: null, model });
    expect(await device('cmd/flint/flint -d lid-0x00047 q.txt', real('mstflint/switchib2-in-band-lid-cut-ibswinfo-issue7.txt'), 'ib_switch:lid-0x0047')).toEqual(sw('Switch-IB 2'));
    expect(await device('cmd/flint/flint -d lid-9 q.txt', real('mstflint/switchib-in-band-lid-highlighted-ibswinfo-issue7.txt'), 'ib_switch:lid-0x0009')).toEqual(sw('Switch-IB'));
    const node = '/dev/mst/SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005';
    const saved = 'cmd/flint/-d_dev_mst_SW_MT52000_SwitchIB_Mellanox_Technologies_lid-0x0005_q.out';
    expect(await device(saved, real('mstflint/switchib-hpe-in-band-mst-lid-grep-psid-ibswinfo-issue5.txt'), 'ib_switch:lid-0x0005')).toEqual(sw('Switch-IB'));
    expect(await device(saved, real('mstflint/switchib-hpe-in-band-mst-lid-grep-psid-ibswinfo-issue5.txt'), `mst:${node}`)).toBeUndefined();
    const text = renderText((await replaySaved('cmd/flint/flint -d lid-0x00047 q.txt', real('mstflint/switchib2-in-band-lid-cut-ibswinfo-issue7.txt'))).report);
    expect(text).toContain('  InfiniBand switch Switch-IB 2\n    at LID 0x0047 (in band)\n');
  }, 60_000);
});
