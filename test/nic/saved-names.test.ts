import { describe, expect, it } from 'vitest';
import { savedDevlinkCommand } from '../../collector/classes/nic/devlink.js';
import { savedDriverInfo, savedDriverInfoInterface } from '../../collector/classes/nic/net.js';

describe('names people save NIC tool outputs under', () => {
  it('reads devlink queries back from the name, flags first and the handle last', () => {
    expect(savedDevlinkCommand('cmd/devlink/dev_info.out')).toEqual(['devlink', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/-j_dev_info.out')).toEqual(['devlink', '-j', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/dev_info_-jp.out')).toEqual(['devlink', '-jp', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/dev_info_pci%2f0000:3b:00.0.out')).toEqual(['devlink', 'dev', 'info', 'pci/0000:3b:00.0']);
    expect(savedDevlinkCommand('cmd/devlink/dev_info_pci_0000:3b:00.0.out')).toEqual(['devlink', 'dev', 'info', 'pci/0000:3b:00.0']);
    expect(savedDevlinkCommand('cmd/devlink/dev_param_show.out')).toEqual(['devlink', 'dev', 'param', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/port_param_show.out')).toEqual(['devlink', 'port', 'param', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/health.out')).toEqual(['devlink', 'health', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/-j_health_show.out')).toEqual(['devlink', '-j', 'health', 'show']);
    // `devlink dev` and `devlink port` are devlink's own short forms of `dev show` and `port show`.
    expect(savedDevlinkCommand('cmd/devlink/dev.txt')).toEqual(['devlink', 'dev', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/devlink port.txt')).toEqual(['devlink', 'port', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/-j_port_pci_0000:3b:00.0.out')).toEqual(['devlink', '-j', 'port', 'show', 'pci/0000:3b:00.0']);
  });

  it('reads the command\'s words joined by hyphens (devlink-health.txt, devlink-dev-param-show.txt), the tool\'s name dropped', () => {
    expect(savedDevlinkCommand('cmd/devlink/devlink-health.txt')).toEqual(['devlink', 'health', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/devlink-dev-param-show.txt')).toEqual(['devlink', 'dev', 'param', 'show']);
    expect(savedDevlinkCommand('cmd/devlink/devlink-dev-info.txt')).toEqual(['devlink', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/dev-info_-j.txt')).toEqual(['devlink', '-j', 'dev', 'info']);
    expect(savedDevlinkCommand('cmd/devlink/devlink-dev-info_pci_0000:3b:00.0.txt')).toEqual(['devlink', 'dev', 'info', 'pci/0000:3b:00.0']);
    expect(savedDevlinkCommand('cmd/devlink/devlink-dev-flash.txt')).toBeUndefined();
    expect(savedDevlinkCommand('cmd/devlink/port-split.txt')).toBeUndefined();
  });

  it('refuses names that say no read-only devlink query', () => {
    expect(savedDevlinkCommand('cmd/devlink/notes.out')).toBeUndefined();
    expect(savedDevlinkCommand('cmd/devlink/dev_flash.out')).toBeUndefined();
    expect(savedDevlinkCommand('cmd/devlink/dev_eswitch.out')).toBeUndefined();
    expect(savedDevlinkCommand('cmd/devlink/port_split.out')).toBeUndefined();
  });

  it('reads the interface of a saved ethtool -i output, and nothing else', () => {
    expect(savedDriverInfoInterface('cmd/ethtool/-i_eth0.out')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/--driver_ens1f0np0.out')).toBe('ens1f0np0');
    expect(savedDriverInfoInterface('cmd/ethtool/eth0_-i.out')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/-S_eth0.out')).toBeUndefined();
    // ethtool -i takes one interface: the words after the flag are its name, underscores included (a switchdev representor).
    expect(savedDriverInfoInterface('cmd/ethtool/-i_ens4f1_0.out')).toBe('ens4f1_0');
    expect(savedDriverInfoInterface('cmd/ethtool/-i ens4f1_0.out')).toBe('ens4f1_0');
    expect(savedDriverInfoInterface('cmd/ethtool/-i_.out')).toBeUndefined();
  });

  it('reads the command glued to the tool in a name (ethtool-i_eth0.txt, ethtool-i-eth0.txt)', () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i_eth0.txt')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i-eth0.txt')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool_-i_br-lan.txt')).toBe('br-lan');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-S_eth0.txt')).toBeUndefined();
  });

  it('takes the interface a name without one leaves out from the pasted command line in the text', () => {
    const pasted = '# ethtool -i eth0\ndriver: ena\n';
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', pasted)).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/-i.out', 'sh-4.4# ethtool -i ens7f0\nethtool -i ens7f0 \ndriver: i40e\n')).toBe('ens7f0');
    // Several interfaces pasted: the first command's; the reader takes the others from the same paste.
    expect(savedDriverInfoInterface('cmd/ethtool/-i.txt', '$ ethtool -i eno7\ndriver: i40e\n$ ethtool -i eno8\ndriver: i40e\n')).toBe('eno7');
    // No command line and no interface in the name: the interface is unknown (savedDriverInfo gives {}).
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', 'driver: bnxt_en\n')).toBeUndefined();
    expect(savedDriverInfoInterface('cmd/ethtool/-i_eth1.txt', pasted)).toBe('eth1');
  });

  it("takes the pasted command's interface when the name adds a person's label after it (a host, a machine)", () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool -i eth0 serv10.txt', 'root@serv10:/# ethtool -i eth0\ndriver: bnx2\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool -i ens5 c5.txt', '[centos@ip-172-31-8-163 ~]$ ethtool -i ens5\ndriver: ena\n')).toBe('ens5');
    // A representor's name holding an underscore stays whole, pasted or not.
    expect(savedDriverInfoInterface('cmd/ethtool/-i_ens4f1_0.out', '# ethtool -i ens4f1_0\ndriver: mlx5e_rep\n')).toBe('ens4f1_0');
    expect(savedDriverInfoInterface('cmd/ethtool/-i_ens4f1_0.out')).toBe('ens4f1_0');
    expect(savedDriverInfoInterface('cmd/ethtool/-i_ens4f1_0.out', '$ ethtool -i ens4f1 0\ndriver: mlx5e_rep\n')).toBe('ens4f1_0');
    // A typo taken back at the prompt (`eth0x` and a backspace), a colour code: the interface as the terminal showed it.
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool -i eth0 serv10.txt', 'root@node-07:~# ethtool -i eth0x\b\x1b[K\ndriver: bnx2\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool_info.txt', 'root@node-07:~# ethtool -i eth0x\b\x1b[K\ndriver: ixgbevf\n')).toBe('eth0');
  });
});

describe('words around the command in a saved ethtool -i name', () => {
  it("leaves out a word before the tool's name (the driver: bnx2_ethtool_i.txt), which is no interface", () => {
    expect(savedDriverInfoInterface('cmd/ethtool/bnx2_ethtool_i.txt', '# ethtool -i eth0\ndriver: bnx2\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/bnx2_ethtool_i.txt', 'driver: bnx2\n')).toBeUndefined();
    expect(savedDriverInfo('cmd/ethtool/bnx2_ethtool_i.txt', 'driver: bnx2\n')).toEqual({});
    expect(savedDriverInfoInterface('cmd/ethtool/igbvf-ethtool-i-eth0.txt')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/bnx2_ethtool_-i_eth1.txt')).toBe('eth1');
  });

  it('takes the pasted interface when a note in brackets follows it in the name', () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool -i enp8s0 (VF in VM).txt', '   ethtool -i enp8s0\n\n   driver: igbvf\n')).toBe('enp8s0');
    expect(savedDriverInfo('cmd/ethtool/ethtool -i enp8s0 (VF in VM).txt')).toBeUndefined();
  });

  it('reads a name with no option (qlcnic ethtool eth0.txt) as ethtool -i when its text is driver information', () => {
    const info = '## eth0\n\n``` shell\ndriver: qlcnic\nversion: 5.3.59\nbus-info: 0000:05:00.0\n```\n';
    expect(savedDriverInfoInterface('cmd/ethtool/qlcnic ethtool eth0.txt', info)).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool eth0.txt', info)).toBe('eth0');
    expect(savedDriverInfo('cmd/ethtool/ethtool eth0.txt', 'Settings for eth0:\n\tSpeed: 1000Mb/s\n')).toBeUndefined();
    expect(savedDriverInfo('cmd/ethtool/ethtool -S eth0.txt', info)).toBeUndefined();
    expect(savedDriverInfo('cmd/ethtool/ethtool eth0.txt')).toBeUndefined();
    // In the tool's folder a name of the person's own is a label around the interface; outside it, no ethtool output.
    expect(savedDriverInfoInterface('cmd/ethtool/notes eth0.txt', info)).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/notes eth2.txt', 'driver: qlcnic\nversion: 5.3.59\n')).toBe('eth2');
    expect(savedDriverInfo('cmd/ethtool/output.out', 'driver: qlcnic\nversion: 5.3.59\n')).toEqual({});
    expect(savedDriverInfo('cmd/mlxlink/notes eth0.txt', info)).toBeUndefined();
    // As pasted through a log or a web page: a syslog prefix before each line, zero-width spaces inside the field name.
    expect(savedDriverInfoInterface('cmd/ethtool/qlcnic ethtool eth0.txt', 'Dec  1 10:00:00 node7 kernel: driver: qlcnic\nDec  1 10:00:00 node7 kernel: version: 5.3.59\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool eth0.txt', 'dri\u200bver: qlcnic\nbus-info: 0000:05:00.0\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool eth0.txt', '{"msg":"## eth0\\n\\ndriver: qlcnic\\nversion: 5.3.59\\n"}\n')).toBe('eth0');
  });

  // Real forms: an xsos issue's `cat sos_commands/networking/ethtool_-i_eth0`, a blog's grep over a sos report's files.
  it("takes the interface a sos report's file name gives (cat …/ethtool_-i_eth0, grep's file prefix), not a glob", () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', '[rsaw]$ cat sos_commands/networking/ethtool_-i_eth0\ndriver: bnx2\n')).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', "# grep -E 'driver|bus-info' sosreport*/sos_commands/networking/ethtool_-i_e*\nsosreport-h/sos_commands/networking/ethtool_-i_enp3s0:driver: r8168\n")).toBe('enp3s0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', "# grep -E 'driver|bus-info' sosreport*/sos_commands/networking/ethtool_-i_w*\ndriver: iwlwifi\n")).toBeUndefined();
    // A report's plain ethtool output right above, under ethtool's own header naming the interface.
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', 'Settings for ens7f0np0:\n\tSpeed: 1000Mb/s\ndriver: bnxt_en\n')).toBe('ens7f0np0');
  });

  it('takes the interface of a command another command runs in quotes (ssh host \'ethtool -i eth0\')', () => {
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', "ssh -o ConnectTimeout=5 root@10.42.0.192 \\\n  'ethtool -i eth0'\n\ndriver: st_gmac\n")).toBe('eth0');
    expect(savedDriverInfoInterface('cmd/ethtool/ethtool-i.txt', 'ssh root@10.42.0.192 \u2018ethtool -i eth0\u2019\ndriver: st_gmac\n')).toBe('eth0');
  });
});

describe('the read-only allow-list for saved NIC outputs', () => {
  it('allows a devlink query followed by a handle, never a write with one', async () => {
    const { commandAllowed } = await import('../../collector/command-allowlist.js');
    expect(commandAllowed(['devlink', 'dev', 'info', 'pci/0000:3b:00.0'])).toBe(true);
    expect(commandAllowed(['devlink', 'health', 'show', 'pci/0000:00:0a.0/1'])).toBe(true);
    expect(commandAllowed(['devlink', 'dev', 'flash', 'pci/0000:3b:00.0'])).toBe(false);
    expect(commandAllowed(['devlink', 'dev', 'reload', 'pci/0000:3b:00.0'])).toBe(false);
    expect(commandAllowed(['devlink', 'pci/0000:3b:00.0'])).toBe(false);
    expect(commandAllowed(['ethtool', '-i', 'eth0'])).toBe(true);
    expect(commandAllowed(['ethtool', '-E', 'eth0'])).toBe(false);
    expect(commandAllowed(['ethtool', '-i', 'eth0', 'x'])).toBe(false);
  });
});
