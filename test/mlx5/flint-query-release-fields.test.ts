/**
 * Fields flint's query prints on some cards and some mstflint releases only, laid out as flint/subcommands.cpp
 * QuerySubCommand::printInfo prints them at the tags named (mstflint, Mellanox/mstflint): `q full` of a secure-boot card
 * (v4.17.0-1: `Secure boot:`, `Security Ver Program:`; v4.18.0-1 to v4.36.0-1: `Secure Boot Capable:`, `Encryption:`,
 * and `Image Boot Status:` where no firmware control is), a socket-direct or standalone-module card's plain `q`
 * (v4.31.0-1 on: `Socket Direct:`, `Aux Card is Connected:`; v4.32.0-1: `Independent Module:`; v4.33.0-1:
 * `PCIe switch mode only:`), and `q full`'s image details (`Min FIT Version:`, `Orig PRS Name:`; FS2's `Config Pad:`,
 * `HW Access Key:`). Each is a line of the query, no unread line.
 */
import { describe, expect, it } from 'vitest';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { replaySaved } from '../helpers/replay-tree.js';

const HEAD = [
  'Image type:            FS4', 'FW Version:            28.39.1002', 'FW Release Date:       3.10.2023', 'Part Number:           MCX75310AAS-NEA_Ax',
  'Description:           NVIDIA ConnectX-7 HHHL Adapter card; 400GbE / NDR IB (default mode); Single-port OSFP; PCIe 5.0 x16; Crypto Disabled; Secure Boot Enabled',
  'Product Version:       28.39.1002', 'Rom Info:              type=UEFI version=14.32.12 cpu=AMD64,AARCH64', '                       type=PXE version=3.7.201 cpu=AMD64',
  'Description:           UID                GuidsNumber', 'Base GUID:             a088c20300f1e2d4        4', 'Base MAC:              a088c2f1e2d4            4',
  'Image VSD:             N/A', 'Device VSD:            N/A', 'PSID:                  MT_0000000838', 'Security Attributes:   secure-fw',
];

/** v4.36.0-1, `flint -d 3b:00.0 q full` of a card with firmware control and secure boot. */
const V436_FULL = [
  ...HEAD, 'Default Update Method: fw_ctrl', 'Life cycle:            GA SECURED', 'Secure Boot Capable:   Enabled', 'EFUSE Security Ver:    0',
  'Image Security Ver:    0', 'Security Ver Program:  Manually ; Disabled', 'Encryption:            Disabled', '',
].join('\n');
/** v4.17.0-1, the same query: `Secure boot`, no Encryption. */
const V417_FULL = [...HEAD, 'Default Update Method: fw_ctrl', 'Life cycle:            GA SECURED', 'Secure boot:           Enabled', 'EFUSE Security Ver:    0', 'Image Security Ver:    0', 'Security Ver Program:  Automatically', ''].join('\n');
/** v4.36.0-1, `q full` of a secure-boot card without firmware control. */
const V436_NO_CTRL = [...HEAD, 'Default Update Method: Legacy', 'Image Boot Status:     0', 'Life cycle:            GA SECURED', 'Image Security Ver:    0', ''].join('\n');
/** v4.33.0-1 on, plain `q` of a socket-direct card with a standalone module and PCIe switch mode. */
const SOCKET_DIRECT = [...HEAD.filter((l) => !/^(?:Part Number|Description:\s+NVIDIA)/.test(l)), 'Socket Direct:         Yes', 'Aux Card is Connected: Yes', 'Independent Module:    Standalone Mode Supported', 'PCIe switch mode only: Disabled', ''].join('\n');
/** v4.11.0-1, `q full` of an FS3 image with a minimal FIT version and a PRS name it was cross-built from. */
const FS3_FULL = ['Image type:            FS3', 'FW Version:            12.28.2006', 'FW Release Date:       15.9.2020', 'Min FIT Version:       0.0.0.1', 'MIC Version:           1.1.0',
  'PRS Name:              cx4-lx_mcx4121a-acat.prs', 'Orig PRS Name:         cx4-lx_mcx4121a-xcat.prs', 'Part Number:           MCX4121A-ACA_Ax', 'Description:           ConnectX-4 Lx EN network interface card; 25GbE dual-port SFP28',
  'Product Version:       12.28.2006', 'Description:           UID                GuidsNumber', 'Base GUID:             98039b0300c1d2e6        8', 'Base MAC:              98039bc1d2e6            8',
  'Image VSD:             N/A', 'Device VSD:            N/A', 'PSID:                  MT_2420110034', 'Security Attributes:   N/A', 'Default Update Method: fw_ctrl', ''].join('\n');
/** v4.11.0-1, `q full` of an FS2 card (ConnectX-3) with config sectors and pad and an access key. */
const FS2_FULL = ['Image type:            FS2', 'FW Version:            2.42.5000', 'FW Release Date:       5.9.2017', 'MIC Version:           2.0.0', 'Config Sectors:        1', 'Config Pad:            2',
  'PRS Name:              CX3_PRO_A1.prs', 'Product Version:       02.42.50.00', 'Rom Info:              type=PXE version=3.4.752', 'Device ID:             4103', 'HW Access Key:         Disabled',
  'Description:           Node             Port1            Port2            Sys image', 'GUIDs:                 ffffffffffffffff ffffffffffffffff ffffffffffffffff ffffffffffffffff',
  'MACs:                                      f452140a1b20     f452140a1b21', 'VSD:', 'PSID:                  MT_1090111023', ''].join('\n');

describe('flint query fields of some cards and releases', () => {
  it.each([
    ['v4.36 q full, firmware control', V436_FULL],
    ['v4.17 q full', V417_FULL],
    ['v4.36 q full, no firmware control', V436_NO_CTRL],
    ['v4.33 q, socket direct', SOCKET_DIRECT],
    ['v4.11 q full, FS3', FS3_FULL],
    ['v4.11 q full, FS2', FS2_FULL],
  ])('%s: every line is the query’s', (_name, text) => {
    const q = parseMstflintQuery(text);
    expect(q.issues).toEqual([]);
    expect(q.fwVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(q.psid).toMatch(/^MT_\d+$/);
  });

  it('stored: the firmware and PSID, and no unread line', async () => {
    for (const text of [V436_FULL, SOCKET_DIRECT]) {
      const { db } = await replaySaved('cmd/flint/-d_3b:00.0_q_full.out', text);
      try {
        expect(db.prepare(`SELECT component, state, version FROM firmware WHERE component IN ('firmware', 'psid') ORDER BY component, state`).all()).toEqual([
          { component: 'firmware', state: 'running', version: '28.39.1002' },
          { component: 'firmware', state: 'stored', version: '28.39.1002' },
          { component: 'psid', state: 'fixed', version: 'MT_0000000838' },
        ]);
        expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
      } finally {
        db.close();
      }
    }
  }, 60000);
});
