import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstconfigQuery, type MlxParam } from '../../analyzer/classes/mlx5/mstconfig.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');
const byName = (params: MlxParam[], name: string): MlxParam => {
  const p = params.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name}`);
  return p;
};
const raws = (p: MlxParam): (string | undefined)[] => [p.values.default?.raw, p.values.current?.raw, p.values.next_boot?.raw];

describe('mstconfig query: real samples from the reference', () => {
  it('ConnectX-6 Lx -e excerpt with its Configurations heading', () => {
    const [dev] = parseMstconfigQuery(fixture('real/mstconfig/cx6lx-e-query-sriov-op-pr358-part1.txt')).devices;
    expect(dev!.columns).toEqual(['default', 'current', 'next_boot']);
    expect(dev!.params.map((p) => p.name)).toEqual([
      'MEMIC_BAR_SIZE', 'MEMIC_SIZE_LIMIT', 'HOST_CHAINING_MODE', 'HOST_CHAINING_CACHE_DISABLE', 'HOST_CHAINING_DESCRIPTORS',
      'HOST_CHAINING_TOTAL_BUFFER_SIZE', 'FLEX_PARSER_PROFILE_ENABLE', 'PROG_PARSE_GRAPH', 'FLEX_IPV4_OVER_VXLAN_PORT',
      'ROCE_NEXT_PROTOCOL', 'ESWITCH_HAIRPIN_DESCRIPTORS', 'ESWITCH_HAIRPIN_TOT_BUFFER_SIZE', 'PF_BAR2_SIZE',
    ]);
    const limit = byName(dev!.params, 'MEMIC_SIZE_LIMIT');
    expect(limit.values.current).toEqual({ raw: '_256KB(1)', label: '_256KB', number: 1 });
    expect(byName(dev!.params, 'HOST_CHAINING_CACHE_DISABLE').values.next_boot).toEqual({ raw: 'False(0)', label: 'False', number: 0 });
    expect(byName(dev!.params, 'HOST_CHAINING_DESCRIPTORS').values.default).toEqual({ raw: 'Array[0..7]', array: { low: 0, high: 7 } });
    expect(byName(dev!.params, 'ROCE_NEXT_PROTOCOL').values.next_boot!.number).toBe(254);
    // The excerpt's last line is cut after two values.
    const cut = byName(dev!.params, 'PF_BAR2_SIZE');
    expect(cut.partial).toBe(true);
    expect(raws(cut)).toEqual(['0', '0', undefined]);
    expect(dev!.params.filter((p) => p.partial)).toHaveLength(1);
  });

  it('ConnectX-6 Lx -e excerpt without heading: three columns inferred; a value cut short is dropped and the parameter marked partial', () => {
    const [dev] = parseMstconfigQuery(fixture('real/mstconfig/cx6lx-e-query-sriov-op-pr358-part2.txt')).devices;
    expect(dev!.columns).toEqual(['default', 'current', 'next_boot']);
    expect(dev!.params).toHaveLength(14);
    expect(raws(byName(dev!.params, 'NUM_OF_VL_P2'))).toEqual(['_4_VLs(3)', '_4_VLs(3)', '_4_VLs(3)']);
    expect(byName(dev!.params, 'NUM_OF_TC_P2').values.current).toEqual({ raw: '_8_TCs(0)', label: '_8_TCs', number: 0 });
    expect(byName(dev!.params, 'SRIOV_IB_ROUTING_MODE_P1').values.default!.label).toBe('LID');
    const last = byName(dev!.params, 'IB_ROUTING_MODE_P2');
    expect(raws(last)).toEqual(['LID(1)', undefined, undefined]);
    expect(last.partial).toBe(true);
  });

  it('ConnectX-5 -e excerpts: overflowing DEVICE_DEFAULT(0) values and the * marker', () => {
    const a = parseMstconfigQuery(fixture('real/mstconfig/cx5-e-query-sriov-op-issue492-part1.txt')).devices[0]!;
    expect(a.params).toHaveLength(15);
    expect(byName(a.params, 'PF_NUM_PF_MSIX_VALID').values).toEqual({});
    const b = parseMstconfigQuery(fixture('real/mstconfig/cx5-e-query-sriov-op-issue492-part2.txt')).devices[0]!;
    expect(raws(byName(b.params, 'PHY_FEC_OVERRIDE_P1'))).toEqual(['DEVICE_DEFAULT(0)', 'DEVICE_DEFAULT(0)', 'DEVICE_DEFAULT(0)']);
    expect(raws(byName(b.params, 'PF_NUM_PF_MSIX'))).toEqual(['63', '63', '63']);
    const roce = byName(b.params, 'ROCE_CONTROL');
    expect(roce.marked).toBe(true);
    expect(roce.readOnly).toBe(false);
    expect(b.params.filter((p) => p.marked).map((p) => p.name)).toEqual(['ROCE_CONTROL']);
  });

  it('ConnectX-7 without -e: one Next Boot column', () => {
    const [dev] = parseMstconfigQuery(fixture('real/mstconfig/cx7-next-boot-sriov-dp-issue601.txt')).devices;
    expect(dev!.columns).toEqual(['next_boot']);
    expect(dev!.params).toHaveLength(18);
    expect(byName(dev!.params, 'TRACER_ENABLE').values).toEqual({ next_boot: { raw: 'True(1)', label: 'True', number: 1 } });
    expect(byName(dev!.params, 'IP_VER').values.next_boot!.label).toBe('IPv4');
    expect(byName(dev!.params, 'BOOT_VLAN').values.next_boot!.number).toBe(1);
    expect(byName(dev!.params, 'LEGACY_BOOT_PROTOCOL').values.next_boot).toEqual({ raw: 'PXE(1)', label: 'PXE', number: 1 });
    expect(byName(dev!.params, 'EXP_ROM_UEFI_x86_ENABLE').values.next_boot!.number).toBe(1);
  });
});

describe('mstconfig query: whole outputs', () => {
  it('-e output with device header, *, RO and the footer', () => {
    const q = parseMstconfigQuery(fixture('layouts/fakehost-f0-e-query.txt'));
    expect(q.devices).toHaveLength(1);
    const d = q.devices[0]!;
    expect(d).toMatchObject({
      index: 1,
      deviceType: 'ConnectX6DX',
      name: 'MCX623106AN-CDA_Ax',
      description: 'NVIDIA ConnectX-6 Dx EN adapter card; 100GbE; Dual-port QSFP56; PCIe 4.0/3.0 x16;',
      device: '0000:3b:00.0',
      columns: ['default', 'current', 'next_boot'],
      errors: [],
    });
    expect(raws(byName(d.params, 'NUM_OF_VFS'))).toEqual(['8', '8', '200']);
    expect(byName(d.params, 'PF_TOTAL_SF')).toMatchObject({ readOnly: true, marked: false });
    expect(d.params.filter((p) => p.marked).map((p) => p.name)).toEqual(['NUM_OF_VFS', 'SRIOV_EN', 'EXP_ROM_PXE_ENABLE']);
    expect(byName(d.params, 'PCI_ATOMIC_MODE').values.next_boot!.label).toBe('PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED');
    expect(d.params.some((p) => p.partial)).toBe(false);
  });

  it('several devices in one output, single column', () => {
    const q = parseMstconfigQuery(fixture('layouts/two-devices-next-boot.txt'));
    expect(q.devices.map((d) => [d.index, d.deviceType, d.device, d.params.length])).toEqual([
      [1, 'ConnectX5', '/dev/mst/mt4119_pciconf0', 4],
      [2, 'ConnectX4LX', '/dev/mst/mt4117_pciconf0', 3],
    ]);
    expect(byName(q.devices[0]!.params, 'SRIOV_EN')).toMatchObject({ marked: true, values: { next_boot: { number: 1 } } });
    expect(byName(q.devices[1]!.params, 'PF_TOTAL_SF').readOnly).toBe(true);
  });

  it('the wide 2026 layout and the *RO marker', () => {
    const d = parseMstconfigQuery(fixture('layouts/wide-2026-e-query.txt')).devices[0]!;
    expect(d.params).toHaveLength(5);
    expect(byName(d.params, 'SOME_RO_CHANGED')).toMatchObject({ marked: true, readOnly: true });
    expect(raws(byName(d.params, 'NUM_OF_VFS'))).toEqual(['0', '16', '16']);
  });

  it('the JSON -j form', () => {
    const d = parseMstconfigQuery(fixture('layouts/json-e-query.json')).devices[0]!;
    expect(d).toMatchObject({ index: 1, deviceType: 'ConnectX6LX', device: '0002:01:00.0', columns: ['default', 'current', 'next_boot'] });
    expect(byName(d.params, 'NUM_OF_VFS')).toMatchObject({ marked: true, values: { default: { number: 8 }, current: { number: 8 }, next_boot: { number: 16 } } });
    expect(byName(d.params, 'PF_TOTAL_SF').readOnly).toBe(true);
    expect(byName(d.params, 'MEMIC_SIZE_LIMIT').values.next_boot!.label).toBe('_256KB');
  });

  it('a member a newer tool adds to the -j document is named as unread, and its devices read as ever', () => {
    const doc = JSON.parse(fixture('layouts/json-e-query.json')) as Record<string, unknown>;
    const text = JSON.stringify({ tool_version: 'mstflint 4.30.0', ...doc, 'Device #2': 'not queried' }, null, 4);
    const q = parseMstconfigQuery(text);
    expect(q.devices.map((d) => [d.index, d.device])).toEqual([[1, '0002:01:00.0']]);
    expect(byName(q.devices[0]!.params, 'NUM_OF_VFS').values.next_boot!.number).toBe(16);
    expect(q.issues.map((i) => [i.line, i.text])).toEqual([
      [2, '"tool_version": "mstflint 4.30.0",'],
      [32, '"Device #2": "not queried"'],
    ]);
  });

  it("a person's sentence at the margin among the rows is no row: named as no parameter line, the rows around it read", () => {
    const lines = fixture('real/mstconfig/cx3-mlxconfig-query-server-2-pve.txt').split('\n');
    const at = lines.findIndex((l) => l.includes('BOOT_PKEY_P1'));
    const plain = parseMstconfigQuery(lines.join('\n')).devices[0]!.params;
    const q = parseMstconfigQuery([...lines.slice(0, at), 'I think the next value is the one that matters here.', ...lines.slice(at)].join('\n'));
    expect(q.devices[0]!.params).toEqual(plain);
    expect(q.issues).toEqual([{ line: at + 1, text: 'I think the next value is the one that matters here.', message: 'not a header, parameter or message of an mstconfig query' }]);
  });

  it('keeps -E- lines of a device that could not be queried', () => {
    const q = parseMstconfigQuery('\nDevice #1:\n----------\n\nDevice type:        N/A\nDevice:             0000:3b:00.0\n\n-E- Failed to query device current configuration\n');
    expect(q.devices[0]!.errors).toEqual(['Failed to query device current configuration']);
    expect(q.devices[0]!.params).toEqual([]);
  });
});

describe('mstconfig set preview with -e: four columns (Default, Current, Next Boot, New)', () => {
  // The layout mstflint's mlxcfg_ui.cpp prints for `mstconfig -e set`: printConfHeader with default, current and new
  // shown, the name column 56 wide. No published output of this form was found (see docs/real-corpus.md).
  const header = `${'Configurations:'.padEnd(56)}${'Default'.padEnd(20)} ${'Current'.padEnd(20)} ${'Next Boot'.padEnd(20)} ${'New'.padEnd(20)}`;
  const row = (name: string, ...v: string[]): string => `        ${name.padEnd(44)}${v.map((x) => x.padEnd(20)).join(' ')}`;
  it('reads the four columns under their heading', () => {
    const q = parseMstconfigQuery(`${header}\n${row('SRIOV_EN', 'False(0)', 'False(0)', 'False(0)', 'True(1)')}\n${row('NUM_OF_VFS', '0', '0', '0', '8')}\n`);
    const [dev] = q.devices;
    expect(q.issues).toEqual([]);
    expect(dev!.columns).toEqual(['default', 'current', 'next_boot', 'new']);
    expect(byName(dev!.params, 'SRIOV_EN').values.new).toEqual({ raw: 'True(1)', label: 'True', number: 1 });
    expect(byName(dev!.params, 'NUM_OF_VFS').values.next_boot!.raw).toBe('0');
    expect(byName(dev!.params, 'NUM_OF_VFS').values.new!.raw).toBe('8');
  });
  it('infers the four columns of a fragment pasted without its heading', () => {
    const [dev] = parseMstconfigQuery(`${row('NUM_OF_VFS', '0', '0', '16', '8')}\n`).devices;
    expect(dev!.columns).toEqual(['default', 'current', 'next_boot', 'new']);
    expect([...raws(dev!.params[0]!), dev!.params[0]!.values.new?.raw]).toEqual(['0', '0', '16', '8']);
  });
});

describe('mstconfig set --with_default (MFT 4.36): the Next Boot column labelled Default', () => {
  // mlxcfg_ui.cpp: handlecompleteSetWithDefault asks 'Apply reset and set?', notes each parameter it skips, resets the
  // others to their defaults, then printConfHeader(labelNextAsDefault) heads the next-boot values (now the defaults) "Default".
  const header = `${'Configurations:'.padEnd(56)}${'Default'.padEnd(20)} ${'New'.padEnd(20)}`;
  const row = (name: string, ...v: string[]): string => `        ${name.padEnd(44)}${v.map((x) => x.padEnd(20)).join(' ')}`;
  const text = [
    '$ mlxconfig -d 0000:3b:00.0 set --with_default SRIOV_EN=1 NUM_OF_VFS=8 LINK_TYPE_P1=2',
    'Param LINK_TYPE_P1 is not going to be set since value matches next value',
    '',
    'Apply reset and set? (y/n) [n] : y',
    '',
    'Device #1:',
    '----------',
    '',
    `${'Device type:'.padEnd(20)}ConnectX5`,
    `${'Device:'.padEnd(20)}0000:3b:00.0`,
    '',
    header,
    row('SRIOV_EN', 'False(0)', 'True(1)'),
    row('NUM_OF_VFS', '0', '8'),
    'Applying... Done!',
    '-I- Please reboot machine to load new configurations.',
  ].join('\n');
  it('reads that column as the next boot values, and the run\'s own lines as its', () => {
    const q = parseMstconfigQuery(text);
    expect(q.issues).toEqual([]);
    const [dev] = q.devices;
    expect(dev!.columns).toEqual(['next_boot', 'new']);
    expect(raws(byName(dev!.params, 'SRIOV_EN'))).toEqual([undefined, undefined, 'False(0)']);
    expect(byName(dev!.params, 'NUM_OF_VFS').values.new!.raw).toBe('8');
  });
  it('a query with -e still has its Default column', () => {
    const q = parseMstconfigQuery(`${'Configurations:'.padEnd(56)}${'Default'.padEnd(20)} ${'Current'.padEnd(20)} ${'Next Boot'.padEnd(20)}\n${row('SRIOV_EN', 'False(0)', 'False(0)', 'True(1)')}\n`);
    expect(q.devices[0]!.columns).toEqual(['default', 'current', 'next_boot']);
  });
});

describe('mstconfig query: bad input', () => {
  it('a line with too many values is an issue with its line number; the rest is kept', () => {
    const q = parseMstconfigQuery('Configurations:        Next Boot\n        NUM_OF_VFS      8    9\n        SRIOV_EN        True(1)\n');
    expect(q.devices[0]!.params.map((p) => p.name)).toEqual(['SRIOV_EN']);
    expect(q.issues).toEqual([{ line: 2, text: 'NUM_OF_VFS 8 9', message: '2 values but the layout has 1 columns' }]);
  });
  it('unknown lines between parameters are issues, never fatal', () => {
    const q = parseMstconfigQuery('Configurations:        Next Boot\n        NUM_OF_VFS      8\nSetting Boot Options.  BOOT_VLAN should be zero\n        SRIOV_EN        True(1)\n');
    expect(q.devices[0]!.params.map((p) => p.name)).toEqual(['NUM_OF_VFS', 'SRIOV_EN']);
    expect(q.issues.map((i) => i.line)).toEqual([3]);
  });
  it('an answer typed on the line after the Apply prompt is part of the set, not an unknown line', () => {
    const preview = 'Configurations:      Next Boot       New\n        LINK_TYPE_P2      IB(1)           ETH(2)\n\nApply new Configuration? (y/n) [n] :\ny\n\nApplying... Done!\n';
    expect(parseMstconfigQuery(preview).issues).toEqual([]);
    // A lone y anywhere else is still an unknown line.
    expect(parseMstconfigQuery('Configurations:      Next Boot\n        SRIOV_EN      True(1)\ny\n').issues.map((i) => i.line)).toEqual([3]);
  });
  it('an unknown column heading is an issue and the columns are inferred', () => {
    const q = parseMstconfigQuery('Configurations:   Default  Sometimes\n   NUM_OF_VFS  8  8  9\n');
    expect(q.issues[0]).toMatchObject({ line: 1, message: 'unknown column heading' });
    expect(q.devices[0]!.params[0]!.values.next_boot?.raw).toBe('9');
  });
  it('refuses text that holds no query at all', () => {
    expect(() => parseMstconfigQuery('-bash: mstconfig: command not found\n')).toThrow(/no device/);
    expect(() => parseMstconfigQuery('')).toThrow(/no device/);
    expect(() => parseMstconfigQuery('{"x": 1}')).toThrow(/holds no device \(only "x"\)/);
  });
});

describe('mstconfig query: lines a mail client wrapped (the xdp-newbies ConnectX-5 Ex query)', () => {
  const mail = fixture('real/mstconfig/cx5ex-next-boot-xdp-newbies-double-spaced-wrapped.txt');
  it('the rest of a Description broken after a word is the description, not an unknown line', () => {
    const q = parseMstconfigQuery(mail);
    expect(q.devices[0]!.description).toBe('ConnectX-5 Ex EN network interface card; 100GbE dual-port QSFP28; PCIe4.0 x16; tall bracket; ROHS R6');
    // Only the author's line above the command is not the tool's.
    expect(q.issues.map((i) => i.text)).toEqual(['On the hypervisor:']);
  });
  it('a line after a Description no mail client would have wrapped is not joined to it', () => {
    // `N/A` is far from any wrap width; a line of 100 columns is wider than one.
    for (const d of ['N/A', 'ConnectX-5 EN network interface card; 10/25GbE dual-port SFP28; PCIe3.0 x8; tall bracket; ROHS R6']) {
      const q = parseMstconfigQuery(`Device #1:\n----------\n\nDevice type:    ConnectX5\nDescription:    ${d}\nSecure boot disabled by the site\nDevice:         5e:00.0\n\nConfigurations:                              Next Boot\n         SRIOV_EN                            True(1)\n`);
      expect(q.devices[0]!.description, d).toBe(d);
      expect(q.issues.map((i) => i.text), d).toEqual(['Secure boot disabled by the site']);
    }
    // A line as wide as a wrap, followed by a header a newer release prints: a header, never the description's rest.
    const wide = 'Mellanox ConnectX-4 EDR IB VPI Single-port x16 PCIe 3.0 HCA';
    const q = parseMstconfigQuery(`Device type:        ConnectX4\nDescription:        ${wide}\nSecure boot:        disabled\nDevice:             /dev/mst/mt4115_pciconf0\n\nConfigurations:\n        SRIOV_EN                                    True(1)\n`);
    expect(q.devices[0]!.description).toBe(wide);
  });
  it('a value moved below its parameter name at the margin is that parameter\'s value', () => {
    const q = parseMstconfigQuery(mail);
    expect(byName(q.devices[0]!.params, 'PCI_ATOMIC_MODE').values.next_boot?.raw).toBe('PCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED(0)');
    expect(byName(q.devices[0]!.params, 'TUNNEL_ECN_COPY_DISABLE').values.next_boot?.raw).toBe('False(0)');
  });
  it('a value alone after an empty line, or a parameter name alone below a full line, is not joined', () => {
    const apart = parseMstconfigQuery('Configurations:        Next Boot\n        PCI_ATOMIC_MODE\n\nPCI_ATOMIC_DISABLED_EXT_ATOMIC_ENABLED(0)\n');
    expect(apart.issues.map((i) => i.line)).toEqual([4]);
    expect(apart.devices[0]!.params[0]!.values).toEqual({});
    const full = parseMstconfigQuery('Configurations:        Next Boot\n        SRIOV_EN        True(1)\n        NUM_OF_VFS\n');
    expect(full.devices[0]!.params.map((p) => [p.name, p.values.next_boot?.raw])).toEqual([['SRIOV_EN', 'True(1)'], ['NUM_OF_VFS', undefined]]);
  });
});
