/**
 * `nvme list -o json` (and `-v`) of a multipath subsystem from nvme-cli 2.15 on (nvme-print-json.c
 * `json_print_detail_list_multipath`): the controllers are not under `Controllers` but under each namespace's
 * `Paths`, one path per controller, with `Path`, `ANAState` and the controller's `Controller`, `Cntlid`,
 * `SerialNumber`, `ModelNumber`, `Firmware`. Before, such a list read as naming no controller.
 */
import { describe, expect, it } from 'vitest';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const path = (ctrl: string, p: string, ana: string): Record<string, string> => ({
  Path: p, ANAState: ana, Controller: ctrl, Cntlid: ctrl === 'nvme0' ? '1' : '2', SerialNumber: 'S64FNE0R800123      ', ModelNumber: 'SAMSUNG MZWLR3T8HBLS-00007               ',
  Firmware: 'MPK7525Q', Transport: 'pcie', Address: ctrl === 'nvme0' ? '0000:c1:00.0' : '0000:c1:00.1', Slot: '',
});

const LIST = JSON.stringify({ Devices: [{ HostNQN: 'nqn.2014-08.org.nvmexpress:uuid:4c4c4544-0031-3810-8039-b4c04f4a4e33', Subsystems: [{
  Subsystem: 'nvme-subsys0', SubsystemNQN: 'nqn.1994-11.com.samsung:nvme:PM1733:2.5-inch:S64FNE0R800123',
  Namespaces: [
    { NameSpace: 'nvme0n1', Generic: 'ng0n1', NSID: 1, UsedBytes: 3840755982336, MaximumLBA: 7501476528, PhysicalSize: 3840755982336, SectorSize: 512,
      Paths: [path('nvme0', 'nvme0c0n1', 'optimized'), path('nvme1', 'nvme0c1n1', 'optimized')] },
    { NameSpace: 'nvme0n2', Generic: 'ng0n2', NSID: 2, UsedBytes: 0, MaximumLBA: 0, PhysicalSize: 0, SectorSize: 512,
      Paths: [path('nvme0', 'nvme0c0n2', 'optimized'), path('nvme1', 'nvme0c1n2', 'optimized')] },
  ],
}] }] }, null, 2);

describe('nvme list JSON of a multipath subsystem (2.15+)', () => {
  it('gives each controller once, from the namespaces\' paths', () => {
    expect(parseNvmeList(LIST)).toEqual({
      entries: [
        { node: 'nvme0', controller: 'nvme0', serial: 'S64FNE0R800123', model: 'SAMSUNG MZWLR3T8HBLS-00007', firmware: 'MPK7525Q' },
        { node: 'nvme1', controller: 'nvme1', serial: 'S64FNE0R800123', model: 'SAMSUNG MZWLR3T8HBLS-00007', firmware: 'MPK7525Q' },
      ],
      issues: [],
    });
  });
});
