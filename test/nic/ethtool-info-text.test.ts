import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { expectOnlyParseErrors } from '../helpers/parse-property.js';

// Verbatim outputs from collector-facts §3.3.
const CX4LX = `driver: mlx5_core
version: 3.0-1 (January 2015)
firmware-version: 14.23.1020
expansion-rom-version:
bus-info: 0000:af:00.0
supports-statistics: yes
supports-test: no
supports-eeprom-access: no
supports-register-dump: no
supports-priv-flags: no
`;
// The poster's "<-----" annotation after the driver name is left out.
const BNX2X = `driver: bnx2x
version: 1.713.36-0 storm 7.13.1.0
firmware-version: FFV7.12.19 bc 7.12.5
expansion-rom-version: 
bus-info: 0000:01:00.0
supports-statistics: yes
supports-test: yes
supports-eeprom-access: yes
supports-register-dump: yes
supports-priv-flags: yes
`;
const ICE = `  driver: ice
  version: 0.8.1-k
  firmware-version: 0.80 0x80002ec0 1.2581.0
  expansion-rom-version:
  bus-info: 0000:3b:00.0
  supports-statistics: yes
  supports-test: yes
  supports-eeprom-access: yes
  supports-register-dump: yes
  supports-priv-flags: yes`;

describe('ethtool -i text', () => {
  it('reads mlx5 output with an empty expansion-rom-version', () => {
    expect(parseEthtoolInfoText(CX4LX)).toEqual({
      driver: 'mlx5_core', driverField: 'mlx5_core', version: '3.0-1 (January 2015)', fwVersion: '14.23.1020', eromVersion: '', busInfo: '0000:af:00.0',
      supports: { statistics: true, test: false, eepromAccess: false, registerDump: false, privFlags: false },
      issues: [], earlier: [], others: [], unnamed: [],
    });
  });

  it('keeps spaces inside values and drops the trailing blank of an empty value (bnx2x)', () => {
    const i = parseEthtoolInfoText(BNX2X);
    expect(i.version).toBe('1.713.36-0 storm 7.13.1.0');
    expect(i.fwVersion).toBe('FFV7.12.19 bc 7.12.5');
    expect(i.eromVersion).toBe('');
    expect(i.supports.registerDump).toBe(true);
  });

  it('accepts indented lines without a final newline (ice)', () => {
    expect(parseEthtoolInfoText(ICE)).toMatchObject({ driver: 'ice', fwVersion: '0.80 0x80002ec0 1.2581.0', busInfo: '0000:3b:00.0' });
  });

  it('takes the driver name out of a driver field with a note (old MLNX_EN printed the board PSID there) and keeps the field as printed', () => {
    const i = parseEthtoolInfoText('driver: mlx4_en (MT_0BD0110004)\nversion: 1.5.0 (Dec 2009)\nfirmware-version: 2.7.0\n');
    expect(i).toMatchObject({ driver: 'mlx4_en', driverField: 'mlx4_en (MT_0BD0110004)', version: '1.5.0 (Dec 2009)', fwVersion: '2.7.0' });
    expect(parseEthtoolInfoText('driver: ice\n')).toMatchObject({ driver: 'ice', driverField: 'ice' });
  });

  it('reads, of a paste holding several interfaces\' runs, the run of the interface it is saved for and returns the others', () => {
    const two = 'root@a:~# ethtool -i ens33\ndriver: e1000\nbus-info: 0000:02:01.0\n[root@b ~]# ethtool -i ens160 | cat\ndriver: vmxnet3\nbus-info: 0000:03:00.0\n';
    expect(parseEthtoolInfoText(two, 'ens160')).toMatchObject({ driver: 'vmxnet3', busInfo: '0000:03:00.0', issues: [], others: [{ ifname: 'ens33', driver: 'e1000', busInfo: '0000:02:01.0' }] });
    expect(parseEthtoolInfoText(two, 'ens33')).toMatchObject({ driver: 'e1000', busInfo: '0000:02:01.0', others: [{ ifname: 'ens160', driver: 'vmxnet3' }] });
    // Another interface's run without a driver line is not an output of its own: its lines are recorded.
    const partial = '# ethtool -i eth0\ndriver: ice\n# ethtool -i eth1\nbus-info: 0000:3b:00.1\n';
    expect(parseEthtoolInfoText(partial, 'eth0')).toMatchObject({ driver: 'ice', issues: [{ line: 4, message: 'the output of another interface (eth1)' }], others: [] });
    // No run of that interface: everything is read as before, the first value of each field wins.
    expect(parseEthtoolInfoText(two, 'eth9')).toMatchObject({ driver: 'e1000' });
    expect(parseEthtoolInfoText(two)).toMatchObject({ driver: 'e1000' });
  });

  it("takes a document's command naming the interface as a placeholder (ethtool -i <ethX>) for any interface's run", () => {
    // The kernel's atlantic documentation, quoted in a review (test/nic/fixtures/real/ethtool-i), with a prompt of the paste's own above it.
    const doc = '$ ethtool -i eth0\nViewing adapter information\nethtool -i <ethX>\nOutput example:\ndriver: atlantic\nbus-info: 0000:01:00.0\n';
    expect(parseEthtoolInfoText(doc, 'eth0')).toMatchObject({ driver: 'atlantic', busInfo: '0000:01:00.0' });
  });

  // Shapes of public pastes in test/nic/fixtures/real/ethtool-i (iwlwifi-r8169-korean-headings, hns3-ipoib-tun-loop-headings).
  it('splits a loop\'s output at the `== <if> ==` headings above each interface and reads the saved interface\'s run', () => {
    const loop = '===== 인터페이스별 드라이버 =====\n== enp68s0 ==\ndriver: r8169\nbus-info: 0000:44:00.0\n== wlp0s20f3 ==\ndriver: iwlwifi\nbus-info: 0000:00:14.3\n';
    expect(parseEthtoolInfoText(loop, 'wlp0s20f3')).toMatchObject({
      driver: 'iwlwifi', busInfo: '0000:00:14.3',
      // The loop's banner of words over the runs is its heading, naming no interface, no unread line.
      issues: [],
      others: [{ ifname: 'enp68s0', driver: 'r8169', busInfo: '0000:44:00.0' }],
    });
    expect(parseEthtoolInfoText(loop, 'enp68s0')).toMatchObject({ driver: 'r8169', busInfo: '0000:44:00.0', others: [{ ifname: 'wlp0s20f3', driver: 'iwlwifi' }] });
    const dashes = '----- eth0 -----\ndriver: tun\n----- eth1 -----\ndriver: hns3\n';
    expect(parseEthtoolInfoText(dashes, 'eth1')).toMatchObject({ driver: 'hns3', issues: [], others: [{ ifname: 'eth0', driver: 'tun' }] });
    // A rule under a title is no heading (the kernel's atlantic.rst, quoted: test/nic/fixtures/real/ethtool-i/atlantic-netdev-review-quoted-patch).
    expect(parseEthtoolInfoText('Viewing adapter information\n---------------------\ndriver: atlantic\n', 'eth0')).toMatchObject({ driver: 'atlantic', issues: [{ line: 1 }, { line: 2, text: '---------------------' }] });
  });

  // e1000e-igb-truenas-angle-prompt, iwlwifi-emoji-prompt, igb-bracket-status-prompt-mail.
  it('takes a line ending in `ethtool -i <if>` for a command line whatever prompt is before it', () => {
    const two = 'alex@duo > sudo ethtool -i enp0s31f6\ndriver: e1000e\nfirmware-version: 0.2-4\n\nalex@duo > sudo ethtool -i enp2s0\ndriver: igb\nfirmware-version:  0. 4-1\n';
    expect(parseEthtoolInfoText(two, 'enp2s0')).toMatchObject({ driver: 'igb', fwVersion: '0. 4-1', issues: [], others: [{ ifname: 'enp0s31f6', driver: 'e1000e', fwVersion: '0.2-4' }] });
    expect(parseEthtoolInfoText(two, 'enp0s31f6')).toMatchObject({ driver: 'e1000e', issues: [], others: [{ ifname: 'enp2s0', driver: 'igb' }] });
    expect(parseEthtoolInfoText('\u{1F912}  ethtool -i wlo1\ndriver: iwlwifi\n', 'wlo1')).toMatchObject({ driver: 'iwlwifi', issues: [] });
    expect(parseEthtoolInfoText('[schwarzgerat](0) $ ethtool -i igb\ndriver: igb\n', 'igb')).toMatchObject({ driver: 'igb', issues: [] });
  });

  // igb-output-glued-to-command-line: a forum lost the line break after the command.
  it('reads the first output line a forum glued to the command line', () => {
    const glued = 'oscar@HTPC:~$ ethtool -i p2p1driver: igb\nversion: 5.0.5-k\nfirmware-version: 3.16, 0x800004d6\n';
    expect(parseEthtoolInfoText(glued, 'p2p1')).toMatchObject({ driver: 'igb', version: '5.0.5-k', fwVersion: '3.16, 0x800004d6', issues: [] });
    expect(parseEthtoolInfoText('ethtool -i p2p1driver: igb\nversion: 5.0.5-k\n', 'p2p1')).toMatchObject({ driver: 'igb', issues: [] });
  });

  // A run through ssh continued onto a second line, the command in quotes (a Chinese board bring-up notebook, st_gmac).
  it('takes a quoted command another command runs for the command line, its continued head with it', () => {
    const ssh = "```fish\nssh -o ConnectTimeout=5 root@10.42.0.192 \\\n  'ethtool -i eth0'\n```\n\n```text\ndriver: st_gmac\nversion: Jan_2016\nbus-info:\n```\n";
    expect(parseEthtoolInfoText(ssh, 'eth0')).toMatchObject({ driver: 'st_gmac', version: 'Jan_2016', busInfo: '', issues: [], others: [] });
    expect(parseEthtoolInfoText('kubectl exec -it pod -- "ethtool -i net1"\ndriver: mlx5_core\n', 'net1')).toMatchObject({ driver: 'mlx5_core', issues: [] });
  });

  it('names the problem when the text is not ethtool -i output', () => {
    expect(() => parseEthtoolInfoText('Cannot get device settings: Operation not supported\n')).toThrow(/ethtool-i: no "driver:" line/);
  });

  it('records a line it does not know and reads the rest', () => {
    const i = parseEthtoolInfoText('driver: ice\nthis is not ethtool\nfirmware-version: 4.22 0x80010446 1.3197.0\n');
    expect(i).toMatchObject({ driver: 'ice', fwVersion: '4.22 0x80010446 1.3197.0' });
    expect(i.issues).toEqual([{ line: 2, text: 'this is not ethtool', message: 'not a "field: value" line' }]);
  });

  it('reads a grep of two lines, reporting the missing driver line only when it is missing', () => {
    expect(parseEthtoolInfoText('firmware-version: 9.30 0x8000e5f3 1.3429.0\n')).toMatchObject({ driver: '', fwVersion: '9.30 0x8000e5f3 1.3429.0', issues: [{ message: 'no "driver:" line' }] });
  });

  it('returns or throws ParseError on arbitrary text', () => {
    expectOnlyParseErrors(fc.string({ maxLength: 300 }), [parseEthtoolInfoText]);
  });
});

describe('an ethtool -i output whose line ends a page lost', () => {
  it('reads each field of a line holding several (`driver: bnx2 version: 1.4.30 firmware-version: 1.8.0.5 bus-info: …`)', () => {
    const r = parseEthtoolInfoText('driver: bnx2 version: 1.4.30 firmware-version: 1.8.0.5 bus-info: 0000:09:00.0  \n');
    expect([r.driver, r.version, r.fwVersion, r.busInfo]).toEqual(['bnx2', '1.4.30', '1.8.0.5', '0000:09:00.0']);
    expect(r.issues).toEqual([]);
    const s = parseEthtoolInfoText('driver: ice version: 1.9.11 firmware-version: 4.10 0x8001778b 1.3346.0 expansion-rom-version: bus-info: 0000:3b:00.0 supports-statistics: yes supports-test: no\n');
    expect([s.driver, s.fwVersion, s.eromVersion, s.busInfo, s.supports]).toEqual(['ice', '4.10 0x8001778b 1.3346.0', '', '0000:3b:00.0', { statistics: true, test: false }]);
  });

  it("takes no interface from another command's -i (`ethtool enx0 | grep -i speed`)", () => {
    const r = parseEthtoolInfoText('$ sudo ethtool -i enx0\ndriver: r8152\n\n$ sudo ethtool enx0 | grep -i speed\n        Speed: 100Mb/s\n', 'enx0');
    expect(r.others).toEqual([]);
    expect(r.issues.map((i) => i.message)).toEqual(['1 line(s) of the output of "sudo ethtool enx0 | grep -i speed" not read']);
  });

  // Real form: a netns report's `uname -a` above `ip netns exec … ethtool -i eno4` (fixtures/real/ethtool-i/tg3-vlan-netns-exec-quoted).
  it("leaves a pasted `uname -a`'s line to the load, which reads the host's kernel from it; another line under it stays unread", () => {
    const uname = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
    expect(parseEthtoolInfoText(`${uname}root@host:~# ethtool -i eno4\ndriver: tg3\n`, 'eno4').issues).toEqual([]);
    expect(parseEthtoolInfoText('root@host:~# uname -r\n5.15.0-60-generic\nroot@host:~# ethtool -i eno4\ndriver: tg3\n', 'eno4').issues).toEqual([]);
    expect(parseEthtoolInfoText(`${uname}and then some words of a tool\nline two\nline three\nroot@host:~# ethtool -i eno4\ndriver: tg3\n`, 'eno4').issues[0]!.line).toBe(2);
  });

  it('keeps a value that merely holds the word version', () => {
    expect(parseEthtoolInfoText('driver: r8152\nversion: v1.12.13\nfirmware-version: rtl8156a-2 v2 04/27/23\n').fwVersion).toBe('rtl8156a-2 v2 04/27/23');
  });
});

// Real form: a blog grepping a sos report's ethtool -i files, each line after its file's name, then one file by a glob.
describe("grep's lines from a sos report's ethtool -i files", () => {
  const grep = [
    "# grep -E 'driver|version|bus-info' sosreport*/sos_commands/networking/ethtool_-i_e*",
    'sosreport-h/sos_commands/networking/ethtool_-i_enp3s0:driver: r8168',
    'sosreport-h/sos_commands/networking/ethtool_-i_enp3s0:bus-info: 0000:03:00.0',
    'sosreport-h/sos_commands/networking/ethtool_-i_enp9s0:driver: r8125',
    'sosreport-h/sos_commands/networking/ethtool_-i_enp9s0:bus-info: 0000:09:00.0',
    "# grep -E 'driver|version|bus-info' sosreport*/sos_commands/networking/ethtool_-i_w*",
    'driver: iwlwifi',
    'firmware-version: 48.4fa0041f.0',
    'bus-info: 0000:08:00.0',
  ].join('\n');

  it('are each interface\'s output, and the globbed file\'s output is the device its bus-info names', () => {
    const r = parseEthtoolInfoText(grep, 'enp3s0');
    expect([r.driver, r.busInfo]).toEqual(['r8168', '0000:03:00.0']);
    expect(r.others.map((o) => [o.ifname, o.driver, o.busInfo])).toEqual([['enp9s0', 'r8125', '0000:09:00.0']]);
    expect(r.unnamed.map((o) => [o.driver, o.fwVersion, o.busInfo])).toEqual([['iwlwifi', '48.4fa0041f.0', '0000:08:00.0']]);
    expect(r.issues).toEqual([]);
  });

  it('keeps an output under a command naming no interface unread when it is the same device or names none', () => {
    const same = parseEthtoolInfoText('$ ethtool -i eth0\ndriver: igb\nbus-info: 0000:01:00.0\n$ grep . /x/ethtool_-i_*\ndriver: igb\nbus-info: 0000:01:00.0\n', 'eth0');
    expect(same.unnamed).toEqual([]);
    expect(same.issues.map((i) => i.line)).toEqual([5, 6]);
  });
});

// Real form: a NIC report script printing per interface `ethtool <if>`, `ethtool -i <if>` and `ethtool -c <if>`, no command lines.
describe("ethtool's own header of another output of an interface", () => {
  const report = [
    'Settings for ens7f0np0:', '        Speed: 1000Mb/s', '        Link detected: yes',
    'driver: bnxt_en', 'bus-info: 0000:4c:00.0',
    'Coalesce parameters for ens7f0np0:', 'Adaptive RX: off  TX: off', 'rx-usecs: 200',
    'Settings for ens7f1np1:', '        Speed: Unknown!',
    'driver: bnxt_en', 'bus-info: 0000:4c:00.1',
  ].join('\n');

  it('notes that output once and names the interface of the ethtool -i output right after it', () => {
    const r = parseEthtoolInfoText(report, 'ens7f0np0');
    expect(r.busInfo).toBe('0000:4c:00.0');
    expect(r.others.map((o) => [o.ifname, o.busInfo])).toEqual([['ens7f1np1', '0000:4c:00.1']]);
    expect(r.issues.map((i) => i.line)).toEqual([1, 6, 9]);
  });
});

describe("a report script's block of each interface (Interface:, Vendor:, MAC Address: around its ethtool outputs)", () => {
  // The form of a host inventory report (intel/PerfSpect's NIC table input), cut short.
  const report = [
    'Interface: eth2', 'Vendor ID: 8086', 'Vendor: Intel Corporation', 'Model: Ethernet Controller 10G X550T', 'Link detected: yes',
    'bus-info: 0000:32:00.0', 'driver: ixgbe', 'version: 5.1.0-k', 'firmware-version: 0x800009e0',
    'MAC Address: aa:bb:cc:dd:ee:00', 'NUMA Node: 0', 'rx-usecs: 1', '----------------------------------------',
    'Interface: eth3', 'Vendor: Intel Corporation', 'bus-info: 0000:32:00.1', 'driver: ixgbe', 'firmware-version: 0x800009e0', 'MAC Address: aa:bb:cc:dd:ee:01',
  ].join('\n');

  it("names the interface of the fields below it, and notes the script's own lines once per run", () => {
    const r = parseEthtoolInfoText(report, 'eth2');
    expect([r.driver, r.busInfo, r.fwVersion]).toEqual(['ixgbe', '0000:32:00.0', '0x800009e0']);
    expect(r.others.map((o) => [o.ifname, o.busInfo])).toEqual([['eth3', '0000:32:00.1']]);
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([
      [1, "5 line(s) of a report's own lines about eth2 not read"], [10, "4 line(s) of a report's own lines about eth2 not read"],
      [14, "2 line(s) of a report's own lines about eth3 not read"], [19, "1 line(s) of a report's own lines about eth3 not read"],
    ]);
  });

  it('an Interface: line with no ethtool -i field after it is no block of this report', () => {
    const r = parseEthtoolInfoText('Interface: eth0\nSpeed: 1000Mb/s\nInterface: eth1\ndriver: igb\n');
    // Its Speed line is ethtool's link line (no Settings heading), noted as that output.
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([[1, 'not a "field: value" line'], [2, '1 line(s) of the output of "ethtool (link settings, no "Settings for" line)" not read'], [3, "1 line(s) of a report's own lines about eth1 not read"]]);
  });
});

describe('a later fenced block under a Markdown heading that holds no ethtool -i field', () => {
  it('is another file the writer pasted (a network config): noted once, not line by line', () => {
    const md = ['```', '$ ethtool -i eth0', 'driver: st_gmac', 'version: Jan_2016', '```', '', '### Network configuration', '```', 'auto eth0', 'iface eth0 inet dhcp', '    address 10.42.0.192/24', '```'].join('\n');
    const r = parseEthtoolInfoText(md, 'eth0');
    expect(r.driver).toBe('st_gmac');
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([[9, '3 line(s) of another file, under the heading "Network configuration", not read']]);
    // One that holds the fields is read as before: a later output of the interface.
    expect(parseEthtoolInfoText(md.replace('auto eth0', 'driver: stmmac'), 'eth0').driver).toBe('stmmac');
  });
});

describe('a bus-info with a note after it', () => {
  it('is the address (an intel-wired-lan mail pasting one output for two ports: `0000:06:00.0 (and 0000:06:00.1)`)', () => {
    const r = parseEthtoolInfoText('driver: ixgbe\nfirmware-version: 0x80000877\nbus-info: 0000:06:00.0 (and 0000:06:00.1)\n');
    expect(r.busInfo).toBe('0000:06:00.0');
    expect(r.issues).toEqual([]);
  });
});

describe('an output set as a Markdown list', () => {
  it('reads each field after its list mark when the driver line is a list item (a netdev mail\'s `- driver: ixgbe`, a README\'s nested `* firmware-version:`)', () => {
    const mail = parseEthtoolInfoText('Driver/mod Info:\n\n- driver: ixgbe\n- version: 6.17.7-300.fc43.x86_64\n- firmware-version: 0x80000c67, 1.1276.0\n');
    expect([mail.driver, mail.version, mail.fwVersion]).toEqual(['ixgbe', '6.17.7-300.fc43.x86_64', '0x80000c67, 1.1276.0']);
    const nested = parseEthtoolInfoText('* MLNX_OFED_LINUX-5.4-1.0.3.0 (for 100G CX5 NIC):\n    * driver: mlx5_core\n    * version: 5.0-0\n    * firmware-version: 16.35.2000 (MT_0000000012)\n');
    expect([nested.driver, nested.fwVersion]).toEqual(['mlx5_core', '16.35.2000 (MT_0000000012)']);
    // The writer's other list items stay lines of their own; a list with no driver item is not read as fields.
    expect(nested.issues.map((i) => i.line)).toEqual([1]);
    expect(() => parseEthtoolInfoText('- version: 5.0-0\n- firmware-version: 16.35.2000\n')).toThrow(/no "driver:" line/);
  });

  it("names the writer's title-case labels (`Hardware Info:`, `Driver/mod Info:`) as labels ethtool -i never prints; its own fields and other lines are not", () => {
    const mail = parseEthtoolInfoText('Hardware Info:\n\n- CPU is AMD EPYC 7302\n\nDriver/mod Info:\n\n- driver: ixgbe\n- firmware-version: 0x80000c67, 1.1276.0\n');
    expect(mail.issues.map((i) => [i.line, i.label ?? false])).toEqual([[1, true], [3, false], [5, true]]);
    const odd = parseEthtoolInfoText('driver: igb\nfirmware-version:\nNUMA node: 0\nSpeed:\n');
    expect(odd.issues.map((i) => [i.text, i.label ?? false])).toEqual([['NUMA node: 0', false], ['Speed:', true]]);
  });
});

describe('an output joined onto its command line after a space', () => {
  it('is read as the interface\'s output (a converted document that joined a session into paragraphs)', () => {
    const text = 'RHEL6.10_KMOD]# ethtool -i em3 driver: igb version: 5.3.0-k\nfirmware-version: 1.67, 0x80000fab, 18.8.9 bus-info: 0000:06:00.0\n';
    const r = parseEthtoolInfoText(text, 'em3');
    expect([r.driver, r.version, r.fwVersion, r.busInfo]).toEqual(['igb', '5.3.0-k', '1.67, 0x80000fab, 18.8.9', '0000:06:00.0']);
    // An interface named `driver…` is still an interface, not a field.
    expect(parseEthtoolInfoText('$ ethtool -i driverx\ndriver: igb\n', 'driverx').driver).toBe('igb');
  });
});

// Real form: DPDK's cxgbe guide, `ethtool -i p1p1 | grep "firmware"` over its example output (nic corpus
// ethtool-i/cxgb4-dpdk-guide-grep-firmware-rst).
describe('an output a filter after the command cut to some lines', () => {
  it('misses no driver line when a grep after the command kept the firmware line only, and stores no empty driver', () => {
    const r = parseEthtoolInfoText('ethtool -i p1p1 | grep "firmware"\n\nfirmware-version: 1.25.6.0, TP 0.1.23.2\n', 'p1p1');
    expect([r.issues, r.fwVersion, r.driverField]).toEqual([[], '1.25.6.0, TP 0.1.23.2', undefined]);
    expect(parseEthtoolInfoText('$ ethtool -i eth0 | head -3\nversion: 5.1.0-k\nfirmware-version: 0x800003df\n', 'eth0').issues).toEqual([]);
  });

  it('still names a missing driver line where nothing filtered the output', () => {
    expect(parseEthtoolInfoText('$ ethtool -i eth0\nfirmware-version: 0x800003df\n', 'eth0').issues).toEqual([{ line: 0, text: '', message: 'no "driver:" line' }]);
    expect(parseEthtoolInfoText('firmware-version: 0x800003df\n', 'eth0').driverField).toBeUndefined();
  });
});
