/**
 * mlxconfig from mstflint 4.36 prints a BYTES parameter (CUSTOMIZATION_NUMBER, PSID_LOCK, LC_NV_PUB_KEY_UUID: 16 bytes)
 * as its bytes in upper-case hex with no 0x, where 4.35 printed `Array[0..15]` (mlxconfig/mlxcfg_param.cpp
 * Param::getView and BytesArrayParamVal::getVal, mlxconfig/mlxcfg_ui.cpp MlxCfg::printValue and writeParamToJson at
 * v4.36.0-1 of Mellanox/mstflint). Those digits are no decimal number: `…1234` is not 1234, and 32 zeros are the bytes
 * as printed. A number the tool prints (`%u`) has no leading zero and at most ten digits.
 */
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { replaySaved } from '../helpers/replay-tree.js';

const W = 33;
const cells = (v: string[]): string => v.map((x) => x.padEnd(W)).join(' ');
/** printOpening, printConfHeader and printSingleParam (`%s%s     %-48s`, each value `%-33s` (CONFIG_TABLE_VALUE_WIDTH) and a space after a full one). */
const row = (mark: string, name: string, v: string[]): string => `${mark.padEnd(3)}     ${name.padEnd(48)}${cells(v)}`;
const ZEROS = '0'.repeat(32);
const CUSTOM = '00000000000000000000000000001234';
const LOCK = '4D545F303030303030303833380000AB';
const TEXT = [
  '', 'Device #1:', '----------', '', `${'Device type:'.padEnd(20)}ConnectX7`, `${'Name:'.padEnd(20)}MCX75310AAS-NEA_Ax`,
  `${'Description:'.padEnd(20)}NVIDIA ConnectX-7 HHHL Adapter Card`, `${'Device:'.padEnd(20)}3b:00.0`, '',
  `${'Configurations:'.padEnd(56)}${cells(['Default', 'Current', 'Next Boot'])}`,
  row('', 'NUM_OF_VFS', ['16', '16', '16']),
  row('', 'CUSTOMIZATION_NUMBER', [CUSTOM, CUSTOM, CUSTOM]),
  row('*', 'PSID_LOCK', [ZEROS, ZEROS, LOCK]),
  "The '*' shows parameters with next value different from default/current value.", '',
].join('\n');

describe('a BYTES parameter of mlxconfig 4.36', () => {
  it('text: the hex as printed, no number', () => {
    const q = parseMstconfigQuery(TEXT);
    expect(q.issues).toEqual([]);
    const [vfs, custom, lock] = q.devices[0]!.params;
    expect(vfs!.values.next_boot).toEqual({ raw: '16', number: 16 });
    expect(custom!.values.next_boot).toEqual({ raw: CUSTOM });
    expect(lock!.values).toEqual({ default: { raw: ZEROS }, current: { raw: ZEROS }, next_boot: { raw: LOCK } });
  });

  it('-j: the same', () => {
    const q = parseMstconfigQuery(JSON.stringify({ 'Device #1': { device_type: 'ConnectX7', name: 'MCX75310AAS-NEA_Ax', description: 'N/A', device: '3b:00.0', tlv_configuration: {
      CUSTOMIZATION_NUMBER: { read_only: false, next_value: CUSTOM, modified: false, default_value: ZEROS, current_value: CUSTOM },
    } } }));
    expect(q.devices[0]!.params[0]!.values).toEqual({ default: { raw: ZEROS }, current: { raw: CUSTOM }, next_boot: { raw: CUSTOM } });
  });

  it('stored: each value as printed', async () => {
    const { db } = await replaySaved('cmd/mlxconfig/-e_-d_3b:00.0_q.out', TEXT);
    try {
      expect(db.prepare(`SELECT key, mode, value FROM settings WHERE namespace = 'mlxconfig' AND key <> 'NUM_OF_VFS' ORDER BY key, mode`).all()).toEqual([
        { key: 'CUSTOMIZATION_NUMBER', mode: 'current', value: CUSTOM },
        { key: 'CUSTOMIZATION_NUMBER', mode: 'default', value: CUSTOM },
        { key: 'CUSTOMIZATION_NUMBER', mode: 'next_boot', value: CUSTOM },
        { key: 'PSID_LOCK', mode: 'current', value: ZEROS },
        { key: 'PSID_LOCK', mode: 'default', value: ZEROS },
        { key: 'PSID_LOCK', mode: 'next_boot', value: LOCK },
      ]);
    } finally {
      db.close();
    }
  }, 60000);
});
