/**
 * Inventory entries are named as a person reads them: what the device says it is (part number, model), else where
 * it is (its PCI address, its /dev node, its tool's device name), never by the raw key, which JSON keeps; and an entry
 * named by its address does not print that address again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult } from '../../analyzer/analyze.js';
import { renderHtml } from '../../analyzer/report/html.js';
import { renderMarkdown } from '../../analyzer/report/markdown.js';
import { renderText } from '../../analyzer/report/text.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const TREE = {
  // A parameter of a device that says nothing of what it is.
  'cmd/devlink/dev_param_show.out': 'pci/0000:3b:00.0:\n  name allow_fw_live_reset type generic\n    values:\n      cmode runtime value false\n',
  // A board whose devlink versions name it (board.id) and carry a parameter-set id written as a version.
  'cmd/devlink/dev_info.out':
    'pci/0000:5e:00.0:\n  driver bnxt_en\n  serial_number B0-26-28-FF-FE-C8-85-20\n  versions:\n      fixed:\n        board.id BCM957508-P2100G\n      running:\n        fw 216.0.286.0\n        fw.psid 0.0.6\n',
  // A drive's health log alone: no model.
  'cmd/nvme/smart-log_nvme1.out': 'Smart Log for NVME device:nvme1 namespace-id:ffffffff\ncritical_warning                    : 0\ntemperature                         : 34 C\n',
  // A configuration query of a device given by its mst name, which names no PCI address.
  'cmd/mstconfig/-d_mt4119_pciconf0_q.out':
    '\nDevice #1:\n----------\n\nDevice type:    N/A\nDevice:         mt4119_pciconf0\n\nConfigurations:                              Next Boot\n         SRIOV_EN                                    True(1)\n',
  // flint queries that print no part number: the firmware's major names the family (16: ConnectX-5), or none known (99).
  'cmd/flint/-d_0000:5f:00.0_q.out': 'Image type:            FS4\nFW Version:            16.26.4012\nPSID:                  MT_0000000012\n',
  'cmd/flint/-d_0000:60:00.0_q.out': 'Image type:            FS4\nFW Version:            99.1.1000\nPSID:                  MT_0000009999\n',
  // A firmware manager's query that names the type and the part.
  'cmd/mlxup/--query.out':
    'Device #1:\n----------\n\n  Device Type:      ConnectX3\n  Part Number:      MCX354A-FCB_A2-A5\n  PSID:             MT_1090120019\n  PCI Device Name:  0000:0b:00.0\n  Versions:         Current        Available\n     FW             2.40.7000      2.40.7000\n\n  Status:           Up to date\n',
};

async function analysed(): Promise<AnalyzeResult> {
  const bundle = join(tempDir(), 'b.tar.gz');
  await collect({ output: bundle, root: treeOf(TREE), isolation: 'inline' });
  return analyze({ bundles: [bundle], minSeverity: 'low' });
}

describe('inventory names', () => {
  it('names an entry by what it says it is, else by its address, and keeps the raw key in JSON', async () => {
    const r = await analysed();
    const byKey = Object.fromEntries(r.report.inventory.map((e) => [e.key, e.name]));
    expect(byKey).toMatchObject({
      'devlink:pci/0000:3b:00.0': '0000:3b:00.0',
      'devlink:pci/0000:5e:00.0': 'BCM957508-P2100G',
      'nvme:nvme1': 'NVMe controller /dev/nvme1',
      // The mst name spells the device ID (4119, 0x1017): a ConnectX-5, though the output's Device type is N/A.
      'mst:mt4119_pciconf0': 'ConnectX-5',
      '0000:5f:00.0': 'ConnectX-5, PSID MT_0000000012',
      '0000:60:00.0': 'Mellanox/NVIDIA adapter, PSID MT_0000009999',
      '0000:0b:00.0': 'ConnectX-3 MCX354A-FCB_A2-A5, PSID MT_1090120019',
    });
    // A parameter-set id written as a version is no PSID, in JSON either.
    const bnxt = r.report.inventory.find((e) => e.key === 'devlink:pci/0000:5e:00.0')!;
    expect([bnxt.psid, bnxt.partNumber]).toEqual([null, 'BCM957508-P2100G']);
    expect(r.report.inventory.find((e) => e.key === '0000:5f:00.0')!.psid).toBe('MT_0000000012');
    for (const text of [renderText(r.report), renderMarkdown(r.report), renderHtml(r.report).replace(/data-key="[^"]*"/g, '')]) {
      expect(text).not.toMatch(/devlink:pci|nvme:nvme1|mst:mt4119|PSID 0\.0\.6/);
      for (const name of ['0000:3b:00.0', '/dev/nvme1', 'mst mt4119_pciconf0', 'ConnectX-5, PSID MT_0000000012']) expect(text.split(name)).toHaveLength(2);
    }
  });
});
