/**
 * mlxlink's (mstlink's) port report, saved by hand (replayed, never run): its link state, troubleshooting advice and the
 * firmware the tool read are stored per device and port. Real public outputs (fixtures/real/mlxlink, each with its provenance; real-corpus.test.ts checks their truth).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMlxlink } from '../../analyzer/classes/mlx5/mlxlink.js';
import { pastedLinkArgv } from '../../collector/classes/mlx5/pasted.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { replaySaved, replayTree } from '../helpers/replay-tree.js';

const link = (p: string): string => readFileSync(new URL(`./fixtures/real/mlxlink/${p}`, import.meta.url), 'utf8');

describe('names people save an mlxlink report under', () => {
  it.each([
    ['mlxlink', '-d_dev_mst_mt52100_pci_cr0_-p_0x2.out', ['mlxlink', '-d', '/dev/mst/mt52100_pci_cr0', '-p', '2']],
    ['mlxlink', '-d_3b:00.0_-m.txt', ['mlxlink', '-d', '3b:00.0', '-m']],
    ['mstlink', '-d_mlx5_0_-p_1_--show_module_-c.out', ['mstlink', '-d', 'mlx5_0', '-p', '1', '-m', '-c']],
    ['mlxlink', 'mlxlink-show-ber-monitor-all-hcas.txt', ['mlxlink']],
    ['mlxlink', 'mlxlink_-d_0000:3b:00.0_port1_after_reseat.txt', ['mlxlink', '-d', '0000:3b:00.0']],
    ['mlxlink', '-d_mlx5_0_-m_-c_--json.json', ['mlxlink', '-d', 'mlx5_0', '-m', '-c', '--json']],
    ['mlxlink', '-d_dev_mst_netir10497_00.cc.00_gpu7.txt', ['mlxlink', '-d', '/dev/mst/netir10497_00.cc.00_gpu7']],
    ['mlxlink', '-d_mlx5_0_-m_-c_--rx_fec_histogram_--show_histogram_--json.out', ['mlxlink', '-d', 'mlx5_0', '-m', '-c', '--rx_fec_histogram', '--show_histogram', '--json']],
  ])('%s %s', (tool, file, argv) => {
    expect(pastedLinkArgv(tool, file)).toEqual(argv);
    expect(replayAllowed(argv)).toBe(true);
    expect(commandAllowed(argv)).toBe(false);
  });

  it('a report of a run that sets or clears something is not read', () => {
    expect(pastedLinkArgv('mlxlink', '-d_3b:00.0_--port_state_dn.out')).toBeUndefined();
    expect(pastedLinkArgv('mlxlink', 'mlxlink_--pc_-d_3b:00.0.txt')).toBeUndefined();
    expect(pastedLinkArgv('mlxlink', '-d_3b:00.0_--rx_fec_histogram_--clear_histogram.out')).toBeUndefined();
    expect(replayAllowed(['mlxlink', '-d', '3b:00.0', '--speeds', '25G'])).toBe(false);
  });
});

describe('an mlxlink report', () => {
  it('SONiC switch howto (Spectrum, port 2): its sections and fields, no unread line', () => {
    const r = parseMlxlink(link('spectrum-sonic-howto-port2.txt'));
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => [x.device, x.port, x.sections['Operational Info']?.['Physical state'], x.sections['Troubleshooting Info']?.Recommendation])).toEqual([
      ['/dev/mst/mt52100_pci_cr0', 2, 'LinkUp', 'No issue was observed.'],
    ]);
  });

  it('a loop over eight HCAs: one run per device its echoed line names, each with its error', () => {
    const r = parseMlxlink(link('cx6-hdr-eight-hcas-loop-ber-monitor.txt'));
    expect(r.issues).toEqual([]);
    expect(r.runs.map((x) => x.device)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `/dev/mst/mt4123_pciconf${n}`));
    expect(new Set(r.runs.map((x) => `${x.sections['Operational Info']?.Speed} ${x.sections['Tool Information']?.['Firmware Version']} ${x.errors.join()}`))).toEqual(
      new Set(['IB-HDR 20.36.1010 "--show_ber_monitor" option is not supported for HCA']),
    );
  });

  it('saved under a name with its device and port: stored on that device and port', async () => {
    const { db } = await replaySaved('cmd/mlxlink/-d_dev_mst_mt52100_pci_cr0_-p_0x2.out', link('spectrum-sonic-howto-port2.txt'));
    expect(db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.link' AND key IN ('port2.state', 'port2.physical_state', 'port2.speed', 'port2.recommendation') ORDER BY key`).all()).toEqual([
      { device_key: 'mst:mt52100_pci_cr0', key: 'port2.physical_state', value: 'LinkUp' },
      { device_key: 'mst:mt52100_pci_cr0', key: 'port2.recommendation', value: 'No issue was observed.' },
      { device_key: 'mst:mt52100_pci_cr0', key: 'port2.speed', value: '25GbE' },
      { device_key: 'mst:mt52100_pci_cr0', key: 'port2.state', value: 'Active' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'UNKNOWN-LINE', 'NO-DEVICE')`).get()).toEqual({ n: 0 });
  }, 60_000);

  it('a ConnectX-6 Dx named by its RDMA device: its FEC, speed and the firmware the tool read', async () => {
    const { db } = await replaySaved('cmd/mlxlink/-d_mlx5_1.txt', link('cx6dx-rdma-notes-mlx5-1.txt'));
    expect(db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.link' AND key IN ('port1.fec', 'port1.speed', 'port1.firmware_version') ORDER BY key`).all()).toEqual([
      { device_key: 'mst:mlx5_1', key: 'port1.fec', value: 'Standard RS-FEC - RS(528,514)' },
      { device_key: 'mst:mlx5_1', key: 'port1.firmware_version', value: '22.36.1010' },
      { device_key: 'mst:mlx5_1', key: 'port1.speed', value: '100G' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'UNKNOWN-LINE', 'NO-DEVICE')`).get()).toEqual({ n: 0 });
  }, 60_000);

  it('a loop saved under a name in words: each device its own rows, its firmware and its error named', async () => {
    const { db } = await replaySaved('cmd/mlxlink/mlxlink-show-ber-monitor-all-hcas.txt', link('cx6-hdr-eight-hcas-loop-ber-monitor.txt'));
    const rows = db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.link' AND key = 'port1.firmware_version' ORDER BY device_key`).all();
    expect(rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ device_key: `mst:mt4123_pciconf${n}`, value: '20.36.1010' })));
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code = 'MLXLINK'`).get()).toEqual({ n: 8 });
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'UNKNOWN-LINE', 'NO-DEVICE')`).get()).toEqual({ n: 0 });
  }, 60_000);

  it('a module\'s firmware (-m, Module Info FW Version) is a firmware row of the port\'s module; N/A gives none', async () => {
    // The Module Info lines as mlxlink prints them (mstflint mlxlink_commander.cpp, getModuleFwVersion: chip.qtr.free, N/A
    // for a passive cable), after the real ConnectX-6 Dx report above; port 2 a passive cable.
    const report = link('cx6dx-rdma-notes-mlx5-1.txt').replace(/\nroot@ubuntu:~# $/, '');
    const module = (fw: string): string => ['', 'Module Info', '-----------', 'Identifier                      : QSFP28', 'Vendor Name                     : Mellanox', `FW Version                      : ${fw}`, ''].join('\n');
    const { db } = await replayTree({ 'cmd/mlxlink/-d_mlx5_1_-m.txt': report + module('46.120.522'), 'cmd/mlxlink/-d_mlx5_1_-p_2_-m.txt': report + module('N/A') });
    expect(db.prepare(`SELECT device_key, component, state, version FROM firmware WHERE component LIKE 'module.%'`).all()).toEqual([
      { device_key: 'mst:mlx5_1', component: 'module.port1', state: 'running', version: '46.120.522' },
    ]);
    expect(db.prepare(`SELECT key, value FROM settings WHERE namespace = 'mlx.link' AND key LIKE '%module.fw_version' ORDER BY key`).all()).toEqual([
      { key: 'port1.module.fw_version', value: '46.120.522' },
      { key: 'port2.module.fw_version', value: 'N/A' },
    ]);
    expect(db.prepare(`SELECT count(*) AS n FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'UNKNOWN-LINE', 'NO-DEVICE', 'UNDECLARED_FACT')`).get()).toEqual({ n: 0 });
  }, 60_000);
});

describe('a module report grep cut down to some fields', () => {
  it("keeps the module's part number and firmware in Module Info though grep dropped its heading (mstflint manual's linkx check loop)", () => {
    const { runs, issues } = parseMlxlink(link('linkx-aoc-m-grep-part-fw-state-mstflint-manual.txt'));
    expect(runs.map((r) => r.sections)).toEqual([
      { 'Operational Info': { State: 'Active' }, 'Module Info': { 'Vendor Part Number': 'MFS1S00-H010', 'FW Version': '38.100.59' } },
    ]);
    expect(issues.map((i) => i.text)).toEqual(['# 1']);
  });
});

describe('a report cut by grep, with headings kept and their underlines dropped, over two devices', () => {
  it('keeps a field no section is known for in the run its device starts, never failing the whole report', () => {
    const text = [
      'Troubleshooting Info', 'Status Opcode : 0',
      'mlxlink -d mt4129_pciconf1 -m', 'Vendor Name : Mellanox', 'Bias Current [mA] : 6.750',
    ].join('\n');
    const { runs, issues } = parseMlxlink(text);
    expect(runs.map((r) => [r.device, r.sections])).toEqual([
      [undefined, { 'Troubleshooting Info': { 'Status Opcode': '0' } }],
      ['mt4129_pciconf1', { 'Module Info': { 'Vendor Name': 'Mellanox' }, 'Troubleshooting Info': { 'Bias Current [mA]': '6.750' } }],
    ]);
    expect(issues).toEqual([]);
  });
});

describe('an mlxlink --json report (the same sections as one JSON document)', () => {
  // A real capture: a ConnectX-7 port with a 400GBASE-DR4 OSFP module, MFT 4.34.1 (rdma_exporter's testdata).
  const capture = link('cx7-400g-dr4-osfp-m-c-json-mft-4.34-exporter-capture.json');

  it('gives each record the value the text form prints: a per-lane list comma-joined, a mask before its speeds', () => {
    const { runs, issues } = parseMlxlink(capture);
    expect(issues).toEqual([]);
    expect(runs).toHaveLength(1);
    const s = runs[0]!.sections;
    expect(s['Operational Info']).toEqual({
      'Auto Negotiation': 'ON', FEC: 'Standard_RS-FEC - (544,514)', 'Loopback Mode': 'No Loopback', 'Physical state': 'ETH_AN_FSM_ENABLE', Speed: '400G', State: 'Active', Width: '4x',
    });
    expect(s['Module Info']!['DataPath state [per lane]']).toBe('DPActivated,DPActivated,DPActivated,DPActivated');
    expect(s['Module Info']!['SNR Host Lanes [dB]']).toBe('N/A');
    expect(s['Supported Info']!['Supported Cable Speed (Ext.)']).toBe('0x00012800 (400G_4X,200G_2X,100G_1X)');
    expect(s['Tool Information']!['Firmware Version']).toBe('28.47.1088');
    expect(runs[0]!.errors).toEqual([]);
  });

  it('stores the fields, the firmware the tool read and the module firmware on the device its saved name gives', async () => {
    const { db } = await replaySaved('cmd/mlxlink/-d_mlx5_0_-m_-c_--json.json', capture);
    const value = (key: string): unknown => (db.prepare(`SELECT value FROM settings WHERE device_key = 'mst:mlx5_0' AND namespace = 'mlx.link' AND key = ?`).get(key) as { value?: unknown } | undefined)?.value;
    expect([value('port1.physical_state'), value('port1.recommendation'), value('port1.firmware_version'), value('port1.module.vendor_part_number')]).toEqual(['ETH_AN_FSM_ENABLE', 'No issue was observed', '28.47.1088', 'OSFP-400G-DR4']);
    expect(db.prepare(`SELECT device_key, component, version FROM firmware WHERE component LIKE 'module.%'`).all()).toEqual([{ device_key: 'mst:mlx5_0', component: 'module.port1', version: '40.242.17' }]);
  });

  it('takes the device and port from the command typed above it, and reads a failed run\'s status message as its error', () => {
    const pasted = parseMlxlink(`$ sudo mlxlink -d 0000:1a:00.0 -p 2 --json\n${capture}`);
    expect([pasted.runs[0]!.device, pasted.runs[0]!.port, pasted.runs[0]!.sections['Operational Info']!.State]).toEqual(['0000:1a:00.0', 2, 'Active']);
    const failed = parseMlxlink('{\n\t"result" : {},\n\t"status" :\n\t{\n\t\t"code" : 1,\n\t\t"message" : "Failed to open device"\n\t}\n}\n');
    expect(failed.runs.map((r) => [r.sections, r.errors])).toEqual([[{}, ['Failed to open device']]]);
  });
});

describe("a GPU's NVLink port, as nvidia-bug-report prints the mlxlink run it makes on each GPU's mst node", () => {
  // Real: a B200 (netir10497, device ID 0x2901) of a GCP a4-highgpu-8g, MFT 4.32 (cluster-toolkit's cos-nvidia-bug-report README).
  const dump = link('b200-nvlink-gpu7-netir-nvidia-bug-report-gpu-mst-dump-cos.txt');

  it("takes the run's device from the report's 'Starting GPU MST dump...<node>' header: no unread line", () => {
    const { runs, issues } = parseMlxlink(dump);
    expect(issues).toEqual([]);
    expect(runs.map((r) => [r.device, r.sections['Operational Info']?.Speed, r.sections['Tool Information']?.['Firmware Version']])).toEqual([
      ['/dev/mst/netir10497_00.cc.00_gpu7', 'NVLink-XDR', '36.2014.1676'],
    ]);
  });

  it("reads the node as the header's first word when the header carries the rest of the node's mst status line", () => {
    const longer = dump.replace('gpu7\n', 'gpu7      - PCI configuration cycles access.\n');
    expect(parseMlxlink(longer).runs.map((r) => r.device)).toEqual(['/dev/mst/netir10497_00.cc.00_gpu7']);
  });

  it('stores the port on the mst node, saved under a name in words or under its -d', async () => {
    for (const name of ['mlxlink-gpu7.txt', 'cmd/mlxlink/-d_dev_mst_netir10497_00.cc.00_gpu7.txt']) {
      const { db } = await replaySaved(name, dump);
      expect(db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.link' AND key = 'port1.speed'`).all(), name).toEqual([{ device_key: 'mst:netir10497_00.cc.00_gpu7', value: 'NVLink-XDR' }]);
      expect(db.prepare(`SELECT code FROM collection_issues WHERE code IN ('NO-DEVICE', 'UNKNOWN-LINE')`).all(), name).toEqual([]);
    }
  });
});
