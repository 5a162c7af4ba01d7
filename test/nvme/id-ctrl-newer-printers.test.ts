/**
 * Lines newer nvme-cli releases print in `nvme id-ctrl`, laid out as their printers print them:
 * - 2.12 on (nvme-print-stdout.c `stdout_id_ctrl_power`, `print_psd_time`): under each power state, the NVMe 2.1
 *   descriptor times right-aligned to 12 + their name (`            emergency power fail recovery time: -`,
 *   `5 (unit: 1 s)` when set);
 * - 3.0 (betas on, `stdout_id_ctrl` with -H): the PCI product name from pci.ids (nvme-models.c, `<class>: <vendor>
 *   <device>` or `Unknown device`) and a blank line above `NVME Identify Controller:`.
 * Both are nvme-cli's own lines: no unread line.
 */
import { describe, expect, it } from 'vitest';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const HEAD = 'NVME Identify Controller:\nvid       : 0x144d\nssvid     : 0x144d\nsn        : S4EWNX0R123456\nmn        : Samsung SSD 970 EVO Plus 1TB\nfr        : 2B2QEXM7\nnpss      : 1\n';
const PS_2_12 = [
  'ps      0 : mp:7.54W operational enlat:0 exlat:0 rrt:0 rrl:0',
  '            rwt:0 rwl:0 idle_power:- active_power:-',
  '            active_power_workload:-',
  '            emergency power fail recovery time: -',
  '                  forced quiescence vault time: -',
  '               emergency power fail vault time: -',
  'ps      1 : mp:0.0500W non-operational enlat:210 exlat:1200 rrt:1 rrl:1',
  '            rwt:1 rwl:1 idle_power:- active_power:-',
  '            active_power_workload:-',
  '            emergency power fail recovery time: 5 (unit: 1 s)',
  '                  forced quiescence vault time: -',
  '               emergency power fail vault time: 99 (unit: 100 ms)',
  '',
].join('\n');

describe('nvme id-ctrl of newer nvme-cli releases', () => {
  it('2.12+: the power-state time lines are read as the state\'s, no unread line', () => {
    const r = parseIdCtrlText(`${HEAD}${PS_2_12}`);
    expect(r.issues).toEqual([]);
    expect(r.idCtrl.powerStates?.map((p) => [p.maxPowerW, p.nonOperational, p.entryLatencyUs, p.exitLatencyUs])).toEqual([[7.54, false, 0, 0], [0.05, true, 210, 1200]]);
    expect(r.powerStates[1]).toMatchObject({ 'emergency power fail recovery time': '5 (unit: 1 s)', 'forced quiescence vault time': '-' });
  });
  for (const product of ['Non-Volatile memory controller: Samsung Electronics Co Ltd NVMe SSD Controller SM981/PM981/PM983', 'Non-Volatile memory controller: Vendor 0x1e0f Device 0x0001', 'Unknown device']) {
    it(`3.0 -H: the product name "${product}" above the heading is nvme-cli's`, () => {
      const r = parseIdCtrlText(`${product}\n\n${HEAD}`);
      expect(r.issues).toEqual([]);
      expect(r.model).toBe('Samsung SSD 970 EVO Plus 1TB');
    });
  }
  it('a person\'s sentence above the heading is still an unread line', () => {
    expect(parseIdCtrlText(`Here is what my drive says:\nNVME Identify Controller:\nvid : 0x144d\nmn : X\n`).issues.length).toBeGreaterThan(0);
  });
});

describe('the product name line under words a person wrote', () => {
  it('is nvme-cli\'s whatever is above it; a sentence ending in a colon is not a product name', () => {
    const r = parseIdCtrlText(`Here is the output:\n\nNon-Volatile memory controller: Kingston Technology Company, Inc. NV2 NVMe SSD [SM2267XT] (DRAM-less)\n\n${HEAD}`);
    expect(r.issues.map((i) => i.text)).toEqual(['Here is the output:']);
    expect(parseIdCtrlText(`The card reports this: see below\n${HEAD}`).issues).toHaveLength(1);
  });
});
