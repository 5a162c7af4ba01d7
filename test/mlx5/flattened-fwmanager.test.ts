/**
 * A firmware manager query a web page flattened onto one line (documentation sites render a console block as one run of
 * words, as the DOCA BlueField reboot page renders the mlxfwreset query of fixtures/real/fwreset): each device's fields,
 * its Versions rows (a component's name, its current and available versions) and its Status are told apart by the tool's
 * labels and by what a version looks like.
 */
import { describe, expect, it } from 'vitest';
import { parseFwManagerQuery } from '../../analyzer/classes/mlx5/fwmanager-query.js';

const read = (text: string): unknown => {
  const q = parseFwManagerQuery(text);
  return {
    devices: q.devices.map((d) => ({ index: d.index, deviceType: d.deviceType, partNumber: d.partNumber, psid: d.psid, pci: d.pciDeviceName, baseGuid: d.baseGuid, baseMac: d.baseMac, components: d.components, status: d.status })),
    issues: q.issues,
  };
};

describe('a firmware manager query flattened onto one line', () => {
  it('reads each device’s fields, its Versions rows and its Status', () => {
    expect(
      read(
        'Querying Mellanox devices firmware ... Device #1: ---------- Device Type: ConnectX5 Part Number: MCX556A-ECA_Ax Description: ConnectX-5 VPI adapter card; EDR IB (100Gb/s) and 100GbE; dual-port QSFP28; PCIe3.0 x16; tall bracket; ROHS R6 PSID: MT_0000000008 PCI Device Name: /dev/mst/mt4119_pciconf0 Base GUID: 98039b0300c5f1f4 Base MAC: 98039bc5f1f4 Versions: Current Available FW 16.26.1040 16.28.2006 PXE 3.5.0701 3.6.0102 UEFI 14.19.0014 N/A Status: Update required Device #2: ---------- Device Type: BlueField2 Part Number: MBF2H516A-CEEO_Ax Description: BlueField-2 DPU 100GbE Dual-Port QSFP56 PSID: MT_0000000375 PCI Device Name: 0000:03:00.0 Base MAC: b8cef6a1b2c0 Versions: Current Available FW 24.35.1012 N/A FW (Running) 24.33.1048 N/A UEFI Virtio net 21.2.10 N/A Status: No matching image found\n',
      ),
    ).toEqual({
      devices: [
        {
          index: 1,
          deviceType: 'ConnectX5',
          partNumber: 'MCX556A-ECA_Ax',
          psid: 'MT_0000000008',
          pci: '/dev/mst/mt4119_pciconf0',
          baseGuid: '98039b0300c5f1f4',
          baseMac: '98039bc5f1f4',
          components: [
            { name: 'FW', current: '16.26.1040', available: '16.28.2006' },
            { name: 'PXE', current: '3.5.0701', available: '3.6.0102' },
            { name: 'UEFI', current: '14.19.0014' },
          ],
          status: 'Update required',
        },
        {
          index: 2,
          deviceType: 'BlueField2',
          partNumber: 'MBF2H516A-CEEO_Ax',
          psid: 'MT_0000000375',
          pci: '0000:03:00.0',
          baseGuid: undefined,
          baseMac: 'b8cef6a1b2c0',
          components: [
            { name: 'FW', current: '24.35.1012' },
            { name: 'FW (Running)', current: '24.33.1048' },
            { name: 'UEFI Virtio net', current: '21.2.10' },
          ],
          status: 'No matching image found',
        },
      ],
      issues: [],
    });
  });

  it('leaves a description with a colon in it, printed on a line of its own, as it is', () => {
    const q = parseFwManagerQuery(
      ['Device #1:', '----------', '', '  Device Type:      ConnectX6DX', '  Description:      Adapter; Status: lab unit; PSID: see label', '  PSID:             MT_0000000359', '  Versions:         Current        Available', '     FW             22.36.1010     N/A', '', '  Status:           No matching image found', ''].join('\n'),
    );
    expect([q.devices[0]!.description, q.devices[0]!.psid, q.devices[0]!.status, q.issues]).toEqual(['Adapter; Status: lab unit; PSID: see label', 'MT_0000000359', 'No matching image found', []]);
  });
});
