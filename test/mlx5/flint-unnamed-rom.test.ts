/**
 * A flint older than the card's ROMs cannot name some of them: mstflint up to 4.15 knows no UEFI Virtio ROM (product
 * IDs 0x14, 0x15, 0x16: ConnectX-6 Dx and later carry them), up to 4.12 no NVMe ROM (0x13). For such a ROM its query
 * prints `0x14 - Unknown ROM product ID` and a line break of its own, so an empty line follows (flint/subcommands.cpp
 * SubCommand::displayExpRomInfo and displayOneExpRomInfo, mlxfwops/lib/fw_ops.cpp FwOperations::expRomType2Str, at
 * v4.14.0-1 of Mellanox/mstflint; Ubuntu 20.04 ships mstflint 4.13). That line is flint's: it names no version to store
 * and is no unread line; the ROMs it names are stored as before.
 */
import { describe, expect, it } from 'vitest';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const PAD = ' '.repeat('Rom Info:              '.length);
const query = (romLines: string[]): string => [
  'Image type:            FS4', 'FW Version:            22.31.1014', 'FW Release Date:       30.6.2021', 'Product Version:       22.31.1014',
  ...romLines,
  'Description:           UID                GuidsNumber', 'Base GUID:             0c42a10300b1c2d4        8', 'Base MAC:              0c42a1b1c2d4            8',
  'Image VSD:             N/A', 'Device VSD:            N/A', 'PSID:                  MT_0000000359', 'Security Attributes:   N/A', '',
].join('\n');

/** The flash's order on a ConnectX-6 Dx: the two Virtio ROMs first, so the first line of the Rom Info is one flint cannot name. */
const FIRST = query([
  'Rom Info:              0x14 - Unknown ROM product ID', '', `${PAD}0x15 - Unknown ROM product ID`, '',
  `${PAD}type=UEFI version=14.24.13 cpu=AMD64,AARCH64`, `${PAD}type=PXE version=3.6.403 cpu=AMD64`,
]);
/** An unnamed ROM last: its own line break and the Rom Info's. */
const LAST = query([`Rom Info:              type=UEFI version=14.24.13 cpu=AMD64,AARCH64`, `${PAD}type=PXE version=3.6.403 cpu=AMD64`, `${PAD}0x13 - Unknown ROM product ID`, '']);

describe('a ROM flint cannot name', () => {
  it.each([['first', FIRST], ['last', LAST]])('%s: no unread line, the named ROMs read', (_where, text) => {
    const q = parseMstflintQuery(text);
    expect(q.issues).toEqual([]);
    expect(q.roms.map((r) => [r.type, r.version])).toEqual([['UEFI', '14.24.13'], ['PXE', '3.6.403']]);
    expect(q).toMatchObject({ fwVersion: '22.31.1014', psid: 'MT_0000000359', baseGuid: { value: '0c42a10300b1c2d4', count: 8 } });
  });

  it('stored: the firmware and the named ROMs, no unread line', async () => {
    const { db } = await replaySaved('cmd/mstflint/-d_3b:00.0_q.out', FIRST);
    try {
      expect(db.prepare(`SELECT component, state, version FROM firmware WHERE component LIKE 'rom.%' ORDER BY component`).all()).toEqual([
        { component: 'rom.pxe', state: 'stored', version: '3.6.403' },
        { component: 'rom.uefi', state: 'stored', version: '14.24.13' },
      ]);
      expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  }, 60000);
});
