/**
 * mlxconfig query forms its printer has and no real sample of the corpus shows yet, laid out as mstflint's mlxconfig
 * prints them (mlxconfig/mlxcfg_ui.cpp MlxCfg::printSingleParam / printParam / queryDevCfg, tags v4.20.0-1 and v4.36.0-1):
 * `N/A` for a value the tool could not read (MLXCFG_UNKNOWN), `-E- Failed to query some of the TLVs:` with the TLVs it
 * names on the lines under it, `-e` on firmware that reads no default or current values, and the value columns of
 * releases up to 4.35 (`%-16s` each, with a space after a value only when it is wider: v4.11.0-1 printOneParam none at all,
 * v4.13.0-1 to v4.35.0-1 PRINT_SPACE_IF_NEEDED `width > 16`), where a value of 16 or more characters runs into the next.
 */
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { replaySaved } from '../helpers/replay-tree.js';

const head = (type: string): string[] => [
  '', 'Device #1:', '----------', '', `Device type:        ${type}`.padEnd(40), 'Name:               MCX623106AN-CDA_Ax  ',
  'Description:        ConnectX-6 Dx EN adapter card; 100GbE; Dual-port QSFP56; PCIe 4.0 x16; No Crypto', 'Device:             3b:00.0             ', '',
];
const FAILED = [
  ...head('ConnectX6DX'),
  'Configurations:                                          Default         Current         Next Boot',
  '*        NUM_OF_VFS                                  8               16              16              ',
  '         ADVANCED_PCI_SETTINGS                       N/A             N/A             False(0)        ',
  '         KEEP_ETH_LINK_UP_P1                         True(1)         N/A             True(1)         ',
  "The '*' shows parameters with next value different from default/current value.",
  '-E- Failed to query some of the TLVs:',
  '    Failed to query the current values of the following TLVs:',
  '    nv_pci_conf nv_keep_link_up ',
  '',
].join('\n');

describe('mlxconfig query forms of the printer', () => {
  it('N/A is a value the tool could not read: no value of that column', () => {
    const q = parseMstconfigQuery(FAILED);
    const p = q.devices[0]!.params.find((x) => x.name === 'ADVANCED_PCI_SETTINGS')!;
    expect(p.values).toEqual({ next_boot: { raw: 'False(0)', label: 'False', number: 0 } });
    expect(q.devices[0]!.params.find((x) => x.name === 'KEEP_ETH_LINK_UP_P1')!.values.current).toBeUndefined();
  });

  it('the TLVs a failed query names, on the lines under its -E- line, are that error’s', () => {
    const q = parseMstconfigQuery(FAILED);
    expect(q.devices[0]!.errors).toEqual(['Failed to query some of the TLVs: Failed to query the current values of the following TLVs: nv_pci_conf nv_keep_link_up']);
    expect(q.issues).toEqual([]);
  });

  it('stored: no N/A row, so nothing reads as pending between an unread current value and the next boot one', async () => {
    const { db } = await replaySaved('cmd/mstconfig/-d_3b:00.0_-e_q.out', `# mstconfig -d 3b:00.0 -e q\n${FAILED}`);
    const rows = db.prepare(`SELECT key, mode, value FROM settings WHERE namespace = 'mlxconfig' AND key <> 'NUM_OF_VFS' ORDER BY key, mode`).all();
    expect(rows).toEqual([
      { key: 'ADVANCED_PCI_SETTINGS', mode: 'next_boot', value: '0' },
      { key: 'KEEP_ETH_LINK_UP_P1', mode: 'default', value: '1' },
      { key: 'KEEP_ETH_LINK_UP_P1', mode: 'next_boot', value: '1' },
    ]);
  }, 60000);

  it('-e on firmware that reads no default or current values: the tool’s note is no unknown line', () => {
    for (const which of ['default and current', 'default', 'current']) {
      const q = parseMstconfigQuery([
        ...head('ConnectX4lx'), 'Configurations:                                          Next Boot', '         SRIOV_EN                                    True(1)         ',
        `Device Firmware does not support reading ${which} configurations`, '',
      ].join('\n'));
      expect(q.issues).toEqual([]);
      expect(q.devices[0]!.params).toHaveLength(1);
    }
  });

  it('values a release printed with no space between them (`DEVICE_DEFAULT(0)DEVICE_DEFAULT(0)`) are one per column', () => {
    // v4.11.0-1: `*        %-36s` for the name, then `%-16s` per value and nothing between.
    const cell = (v: string): string => v.padEnd(16);
    const q = parseMstconfigQuery([
      '', 'Device #1:', '----------', '', 'Device type:    BlueField2      ', 'Name:           MBF2H516A-CEEO_Ax', 'Description:    BlueField-2 DPU 100GbE Dual-Port QSFP56', 'Device:         03:00.0         ', '',
      `${'Configurations:'.padEnd(16)}${'Default'.padStart(36)}${'Current'.padStart(16)}${'Next Boot'.padStart(18)}`,
      `*        ${'HOST_PRIV_NV_HOST'.padEnd(36)}${cell('DEVICE_DEFAULT(0)')}${cell('DEVICE_DEFAULT(0)')}${cell('RESTRICTED(1)')}`,
      `         ${'NUM_OF_VFS'.padEnd(36)}${cell('0')}${cell('0')}${cell('0')}`, '',
    ].join('\n'));
    expect(q.issues).toEqual([]);
    expect(q.devices[0]!.params[0]).toMatchObject({
      name: 'HOST_PRIV_NV_HOST',
      values: { default: { label: 'DEVICE_DEFAULT', number: 0 }, current: { label: 'DEVICE_DEFAULT', number: 0 }, next_boot: { label: 'RESTRICTED', number: 1 } },
    });
    expect(q.devices[0]!.params[0]!.partial).toBeUndefined();
  });

  it('the -j document’s "N/A" is no value either', () => {
    const q = parseMstconfigQuery(JSON.stringify({ 'Device #1': { device_type: 'ConnectX6DX', name: 'N/A', description: 'N/A', device: '3b:00.0', tlv_configuration: { SRIOV_EN: { read_only: false, modified: false, next_value: 'True(1)', default_value: 'N/A', current_value: 'N/A' } } } }));
    expect(q.devices[0]!.params[0]!.values).toEqual({ next_boot: { raw: 'True(1)', label: 'True', number: 1 } });
  });
});
