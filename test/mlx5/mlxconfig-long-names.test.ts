/**
 * mlxconfig rows whose parameter name overflows its column, laid out as mstflint prints them at v4.14.0-1 … v4.14.0-3
 * (mlxconfig/mlxcfg_ui.cpp MlxCfg::printSingleParam: `*        %-36s` / `         %-36s` for the name, then printParam /
 * printValue `%-16u` or `%-16s` per value, a space after a value only when it is wider; printOpening `%-16s%-16s`;
 * printConfHeader `%-16s%36s%16s%18s`). The database of those tags (mlxconfig/mlxconfig_dbs/mlxconfig_host.db, table
 * params) holds two names of 40 characters, VIRTIO_NET_EMULATION_SUBSYSTEM_VENDOR_ID and
 * VIRTIO_BLK_EMULATION_SUBSYSTEM_VENDOR_ID (UNSIGNED, renamed …_EMU_… at v4.15.0-1): the tool prints each glued to its
 * first value.
 */
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';

const cell = (v: string): string => v.padEnd(16);
const row = (name: string, values: string[], marked = false): string => `${marked ? '*' : ' '}        ${name.padEnd(36)}${values.map(cell).join('')}`;
const head = [
  '', 'Device #1:', '----------', '', 'Device type:    BlueField2      ', 'Name:           MBF2H516A-CEEO_Ax', 'Description:    BlueField-2 DPU 100GbE Dual-Port QSFP56', 'Device:         03:00.0         ', '',
];
const NET = 'VIRTIO_NET_EMULATION_SUBSYSTEM_VENDOR_ID';
const BLK = 'VIRTIO_BLK_EMULATION_SUBSYSTEM_VENDOR_ID';

describe('mlxconfig 4.14: a name longer than its column, glued to its first value', () => {
  it('-e query: the name and three values', () => {
    const q = parseMstconfigQuery([
      ...head,
      `${'Configurations:'.padEnd(16)}${'Default'.padStart(36)}${'Current'.padStart(16)}${'Next Boot'.padStart(18)}`,
      row('VIRTIO_NET_EMULATION_ENABLE', ['False(0)', 'False(0)', 'True(1)'], true),
      row(NET, ['6900', '6900', '6900']),
      row(BLK, ['6900', '6900', '5555'], true),
      row('NUM_OF_VFS', ['0', '0', '0']),
      "The '*' shows parameters with next value different from default/current value.", '',
    ].join('\n'));
    expect(row(NET, ['0'])).toContain(`${NET}0`);
    expect(q.issues).toEqual([]);
    const params = q.devices[0]!.params;
    expect(params.map((p) => p.name)).toEqual(['VIRTIO_NET_EMULATION_ENABLE', NET, BLK, 'NUM_OF_VFS']);
    expect(params[1]).toEqual({ name: NET, values: { default: { raw: '6900', number: 6900 }, current: { raw: '6900', number: 6900 }, next_boot: { raw: '6900', number: 6900 } }, marked: false, readOnly: false });
    expect(params[2]!.values.default?.number).toBe(6900);
    expect(params[2]!.values.next_boot?.number).toBe(5555);
    expect(params[2]!.marked).toBe(true);
  });

  it('a plain query (Next Boot alone) and an N/A value', () => {
    const q = parseMstconfigQuery([
      ...head, `${'Configurations:'.padEnd(16)}${'Next Boot'.padStart(38)}`, row(NET, ['0']), row(BLK, ['N/A']), row('SRIOV_EN', ['True(1)']), '',
    ].join('\n'));
    expect(q.issues).toEqual([]);
    const params = q.devices[0]!.params;
    expect(params.map((p) => [p.name, p.values.next_boot?.raw, p.partial])).toEqual([[NET, '0', undefined], [BLK, undefined, undefined], ['SRIOV_EN', 'True(1)', undefined]]);
  });

  it('an enum label after a long name: the one another column prints, or one in mixed case', () => {
    const long = 'SOME_FUTURE_PARAMETER_NAME_OF_FORTY_CHAR';
    expect(long).toHaveLength(40);
    const q = parseMstconfigQuery([
      ...head,
      `${'Configurations:'.padEnd(16)}${'Default'.padStart(36)}${'Current'.padStart(16)}${'Next Boot'.padStart(18)}`,
      row(long, ['ETH(2)', 'ETH(2)', 'IB(1)'], true),
      row(`${long}_B`, ['True(1)', 'False(0)', 'False(0)'], true),
      '',
    ].join('\n'));
    expect(q.issues).toEqual([]);
    expect(q.devices[0]!.params.map((p) => [p.name, p.values.default?.raw, p.values.current?.raw, p.values.next_boot?.raw])).toEqual([
      [long, 'ETH(2)', 'ETH(2)', 'IB(1)'],
      [`${long}_B`, 'True(1)', 'False(0)', 'False(0)'],
    ]);
  });

  it('a full row keeps its long name whole (a later release’s wider column)', () => {
    const q = parseMstconfigQuery([
      ...head, `${'Configurations:'.padEnd(16)}${'Next Boot'.padStart(38)}`, `         ${'SOME_FUTURE_PARAMETER_NAME_ENDING_IN_ID5'.padEnd(44)}${cell('7')}`, '',
    ].join('\n'));
    expect(q.devices[0]!.params[0]).toMatchObject({ name: 'SOME_FUTURE_PARAMETER_NAME_ENDING_IN_ID5', values: { next_boot: { number: 7 } } });
  });
});
