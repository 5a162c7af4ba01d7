/**
 * An mlxconfig query a web page flattened onto one line: documentation sites render a console block as one run of words
 * (`Copy Copied! …`, as the DOCA BlueField reboot page renders the mlxfwreset query of fixtures/real/fwreset), and a chat
 * or a form field does the same. The header fields, the column heading and each parameter's row are told apart by the
 * tool's labels and by the number of columns the heading names.
 */
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';

const read = (text: string): unknown => {
  const q = parseMstconfigQuery(text);
  return {
    devices: q.devices.map((d) => ({
      device: d.device,
      deviceType: d.deviceType,
      name: d.name,
      description: d.description,
      columns: d.columns,
      params: Object.fromEntries(d.params.map((p) => [p.name, Object.fromEntries(Object.entries(p.values).map(([c, v]) => [c, v.raw]))])),
    })),
    issues: q.issues,
  };
};

describe('an mlxconfig query flattened onto one line', () => {
  it('reads the header fields and every row of a one-column query', () => {
    expect(
      read(
        'Device #1: ---------- Device type: BlueField2 Name: MBF2H516A-CEEO_Ax Description: BlueField-2 DPU 100GbE Dual-Port QSFP56; PCIe Gen4 x16; Crypto Enabled Device: /dev/mst/mt41686_pciconf0 Configurations: Next Boot INTERNAL_CPU_MODEL EMBEDDED_CPU(1) INTERNAL_CPU_PAGE_SUPPLIER ECPF(0) NUM_OF_VFS 8 HOST_CHAINING_DESCRIPTORS Array[0..7]\n',
      ),
    ).toEqual({
      devices: [
        {
          device: '/dev/mst/mt41686_pciconf0',
          deviceType: 'BlueField2',
          name: 'MBF2H516A-CEEO_Ax',
          description: 'BlueField-2 DPU 100GbE Dual-Port QSFP56; PCIe Gen4 x16; Crypto Enabled',
          columns: ['next_boot'],
          params: {
            INTERNAL_CPU_MODEL: { next_boot: 'EMBEDDED_CPU(1)' },
            INTERNAL_CPU_PAGE_SUPPLIER: { next_boot: 'ECPF(0)' },
            NUM_OF_VFS: { next_boot: '8' },
            HOST_CHAINING_DESCRIPTORS: { next_boot: 'Array[0..7]' },
          },
        },
      ],
      issues: [],
    });
  });

  it('groups an -e query’s rows by its three columns, with the * mark and the footer', () => {
    expect(
      read(
        "Device #1: ---------- Device type: ConnectX5 Name: MCX556A-ECA_Ax Description: ConnectX-5 VPI adapter card; EDR IB (100Gb/s) and 100GbE; dual-port QSFP28; PCIe3.0 x16; tall bracket; ROHS R6 Device: 0000:3b:00.0 Configurations: Default Current Next Boot * SRIOV_EN False(0) True(1) True(1) NUM_OF_VFS 0 0 0 LINK_TYPE_P1 IB(1) ETH(2) ETH(2) The '*' shows parameters with next value different from default/current value.\n",
      ),
    ).toEqual({
      devices: [
        {
          device: '0000:3b:00.0',
          deviceType: 'ConnectX5',
          name: 'MCX556A-ECA_Ax',
          description: 'ConnectX-5 VPI adapter card; EDR IB (100Gb/s) and 100GbE; dual-port QSFP28; PCIe3.0 x16; tall bracket; ROHS R6',
          columns: ['default', 'current', 'next_boot'],
          params: {
            SRIOV_EN: { default: 'False(0)', current: 'True(1)', next_boot: 'True(1)' },
            NUM_OF_VFS: { default: '0', current: '0', next_boot: '0' },
            LINK_TYPE_P1: { default: 'IB(1)', current: 'ETH(2)', next_boot: 'ETH(2)' },
          },
        },
      ],
      issues: [],
    });
  });

  it('reads a table flattened below header lines kept as printed', () => {
    const q = parseMstconfigQuery(
      ['Device #1:', '----------', '', 'Device type:    ConnectX6DX', 'Device:         0000:04:00.0', '', 'Configurations: Next Boot New LINK_TYPE_P1 ETH(2) IB(1) LINK_TYPE_P2 ETH(2) IB(1)', ''].join('\n'),
    );
    expect([q.devices.map((d) => d.params.map((p) => [p.name, p.values.next_boot?.raw, p.values.new?.raw])), q.issues]).toEqual([
      [
        [
          ['LINK_TYPE_P1', 'ETH(2)', 'IB(1)'],
          ['LINK_TYPE_P2', 'ETH(2)', 'IB(1)'],
        ],
      ],
      [],
    ]);
  });

  it('leaves a header line and a column heading printed on lines of their own as they are', () => {
    const q = parseMstconfigQuery(['Device #1:', '----------', 'Device type:    ConnectX6DX', 'Description:    ConnectX-6 Dx EN adapter card; Name: none', 'Device:         04:00.0', 'Configurations:                              Next Boot', '         SRIOV_EN                            True(1)', ''].join('\n'));
    expect([q.devices[0]!.description, q.devices[0]!.params.map((p) => p.name), q.issues]).toEqual(['ConnectX-6 Dx EN adapter card; Name: none', ['SRIOV_EN'], []]);
  });
});
