/**
 * Command lines a paste shows without a prompt fwsnap knows: a root prompt's bare `#` before a program, its subcommand's
 * words and an option (`# calicoctl get ippool -o wide`, a calico-vpp how-to), and a forum post's rule of hashes naming
 * what was run below it (`############### ethtool -i eth1`, an Ubuntu forums thread). Real forms: the nic corpus's
 * ethtool-i/tun-calico-vpp-e810-doc-elided and ethtool-i/via-rhine-ubuntuforums-hash-rule-headings.
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const prompts = (raw: string): number[] => cleanText(raw).noise.filter((n) => n.kind === 'prompt').map((n) => n.no);

describe('typed command forms', () => {
  it("a root prompt's program, subcommand words and an option", () => {
    const c = cleanText('```\n# ethtool -i ens108\ndriver: tun\n```\n```\n# calicoctl get ippool -o wide\nNAME   CIDR\n```\n');
    expect(c.lines.find((l) => l.text.startsWith('NAME'))?.command).toBe('calicoctl get ippool -o wide');
    expect(prompts('# kubectl get pods -n kube-system\nNAME READY\n')).toEqual([1]);
  });

  it("a root prompt's program and a path (an mstflint issue's `# insmod ../kernel/mstflint_access.ko` above its query)", () => {
    expect(prompts('# insmod ../kernel/mstflint_access.ko\n# ./mstflint -d 01:00.0 q\n-E- Cannot open Device\n')).toEqual([1, 2]);
    expect(prompts('# see /etc/modprobe.d for the options\ndriver: tun\n')).toEqual([]);
  });

  it("a two-line prompt (a Micron 7450 smartctl paste's zsh theme, kali's) and a theme with no sign name the command below them", () => {
    const c = cleanText('fanmi@ds [12:36:36] [~]\n-> % sudo smartctl -i /dev/nvme0\nModel Number: Micron_7450\n');
    expect([prompts('fanmi@ds [12:36:36] [~]\n-> % sudo smartctl -i /dev/nvme0\nModel Number: Micron_7450\n'), c.lines.map((l) => [l.text, l.command])]).toEqual([[1, 2], [['Model Number: Micron_7450', 'sudo smartctl -i /dev/nvme0']]]);
    expect(prompts('┌──(kali㉿kali)-[~]\n└─$ sudo nvme list\nNode SN\n')).toEqual([1, 2]);
    expect(cleanText('root@chernabog 19:12 ~ smartctl -a /dev/nvme0\nModel Number: APPLE SSD AP0512Z\n').lines.map((l) => l.command)).toEqual(['smartctl -a /dev/nvme0']);
    // oh-my-zsh's arrow before a root prompt's sign (netdata#18249: `root@NBox [2024-08-05 17:37:50] [~]`, `➜ # smartctl …`).
    expect(prompts('root@NBox [2024-08-05 17:37:50] [~]\n➜ # smartctl --json --all /dev/sda --device sat\n{\n')).toEqual([1, 2]);
    // A user@host line with no command line below it stays a line of the output.
    expect(prompts('admin@switch [12:36:36] [~]\nModel Number: x\n')).toEqual([]);
  });

  // Real form: a Japanese blog's ESXi session (mlx5 corpus fwmanager/cx3-esxi-mst-status-vv-then-query-japanese), whose
  // prompt ends with no sign; the paste sweep puts a log's prefix on every line, which the mlx5 reader's own ESXi
  // handling (at a line's start) does not see past.
  it("ESXi's bracketed prompt with no sign, before a tool, also behind a log's prefix", () => {
    const session = '[root@localhost:/opt/mellanox/bin] ./mst status -vv\nPCI devices:\n[root@localhost:/opt/mellanox/bin] /opt/mellanox/bin/mlxfwmanager --query\nQuerying Mellanox devices firmware ...\n';
    const commands = (raw: string): (string | undefined)[] => cleanText(raw).lines.map((l) => l.command);
    const expected = ['./mst status -vv', '/opt/mellanox/bin/mlxfwmanager --query'];
    expect(commands(session)).toEqual(expected);
    const logged = session.split('\n').map((l, i) => (l === '' ? l : `2024-05-0${i + 1}T10:00:00Z ${l}`)).join('\n');
    expect(commands(logged)).toEqual(expected);
    // A bracketed word with no user@host before a tool's name stays the line it is.
    expect(prompts('[12:00] flint -d x q\nImage type: FS4\n')).toEqual([]);
  });

  // Real forms: an ice patch's usage (`# echo 8 > /sys/class/net/enp66s0f0/device/sriov_numvfs` under a devlink param
  // show, nic corpus devlink-param/ice-num-qps-per-vf-*), a how-to's `~# echo 8 > …` and `echo 5 > …` without a prompt.
  it("the shell's echo writing into a file is a command typed, behind any prompt or none", () => {
    const c = cleanText('# devlink dev param show\npci/0000:42:00.0:\n  name x type driver-specific\n\n# echo 8 > /sys/class/net/enp66s0f0/device/sriov_numvfs\n');
    expect(c.lines.map((l) => l.no)).toEqual([2, 3]);
    for (const typed of [' # echo 8 > /sys/class/net/enp66s0f0/device/sriov_numvfs', '~# echo 8 > /sys/class/net/enp4s0f0np0/device/sriov_numvfs', 'echo 5 > /sys/class/net/eth0/device/sriov_numvfs', 'sudo echo 0 > /sys/class/net/eth0/device/sriov_numvfs', '# echo 8 > /sys/class/net/${PF_NAME}/device/sriov_numvfs', '# echo 0000:3b:00.0 > /sys/bus/pci/drivers/ixgbe/unbind', 'host:~ # echo 1 >> /tmp/log', 'echo 2 | sudo tee -a /sys/devices/pci0000:00/0000:00:02.0/sriov_numvfs']) {
      expect(prompts(`${typed}\n\n# ethtool -i eth0\ndriver: ixgbe\n`), typed).toEqual([1, 3]);
    }
    expect(cleanText('# echo 8 > /sys/class/net/eth0/device/sriov_numvfs\n-bash: echo: write error: Cannot allocate memory\n').lines[0]?.command).toBe('echo 8 > /sys/class/net/eth0/device/sriov_numvfs');
    // Behind a bare `#` right above a line of the output, it is a step left commented (commented-config-lines).
    expect(prompts('# ethtool -i eth0\ndriver: ixgbe\n# echo 4 > /sys/class/net/eth0/device/sriov_numvfs\nbus-info: 0000:3b:00.0\n')).toEqual([1]);
    // Words about echo, with no file written, stay words.
    expect(prompts('# echo the value back\ndriver: tun\n')).toEqual([]);
  });

  it('a comment naming an option in a sentence stays words', () => {
    expect(prompts('# run ethtool with -i to see the driver\ndriver: tun\n')).toEqual([]);
    expect(prompts('# the value of -x here\ndriver: tun\n')).toEqual([]);
  });

  it('a rule of hashes naming a command or a file', () => {
    const c = cleanText('############## dmesg | eth1\n\n[   65.495645] eth1: link down\n\n############### ethtool -i eth1\n\ndriver: via-rhine\n\n##########lshw -C Network\n  *-network:1\n');
    expect(c.noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([1, 5, 9]);
    expect(c.lines.map((l) => l.command)).toEqual(['dmesg | eth1', 'ethtool -i eth1', 'lshw -C Network']);
  });

  it('a Markdown heading or a writer\'s cut mark is no rule of hashes naming a command', () => {
    expect(prompts('###### ethtool output\ndriver: tun\n')).toEqual([]);
    expect(prompts('driver: tun\n######## SNIP\n')).toEqual([]);
  });

  // Real form (nvme-cli issue 1224): an agnoster prompt whose separator glyphs the copy lost, its segments two
  // spaces apart, the directory last.
  it('a powerline prompt without its glyphs: user, host and directory two spaces apart, then the command', () => {
    const c = cleanText('zangetsu  X10SRA  ~  sudo nvme list\nNode   SN\n---- ----\n');
    expect(prompts('zangetsu  X10SRA  ~  sudo nvme list\nNode   SN\n---- ----\n')).toEqual([1]);
    expect(c.lines[0]!.command).toBe('sudo nvme list');
    // Segments two spaces apart before no command are no prompt.
    expect(prompts('nvme0n1  disk  /dev/nvme0n1  931.5G\n')).toEqual([]);
  });

  // SUSE's root prompt is `host:~ #` (`host:/etc #` elsewhere), as the nic corpus's openSUSE pastes show it before
  // ethtool (ethtool-i/r8169-rtl8402-mail-quoted, ethtool-i/ixgbe-3.9.16-napi-suse-mail-quoted-twice): before a tool
  // fwsnap does not know, its output is that command's, noted once by the parser of another tool, not read line by line.
  it("SUSE's root prompt before a tool fwsnap does not know names the command its lines are output of", () => {
    const c = cleanText('linux-abcd:~ # zypper se -s ethtool\nLoading repository data...\ni | ethtool | package | 4.13-1\n\nlinux-abcd:~ # ethtool -i eth0\ndriver: ixgbe\n');
    expect([prompts('linux-abcd:~ # zypper se -s ethtool\nLoading repository data...\n'), c.lines.map((l) => [l.text, l.command])]).toEqual([
      [1],
      [['Loading repository data...', 'zypper se -s ethtool'], ['i | ethtool | package | 4.13-1', 'zypper se -s ethtool'], ['driver: ixgbe', 'ethtool -i eth0']],
    ]);
    expect(cleanText('host:/tmp # mii-tool -v eth0\neth0: negotiated 1000baseT-FD flow-control, link ok\n').lines.map((l) => l.command)).toEqual(['mii-tool -v eth0']);
    // A key and value with a `#` note after it is no prompt: the directory after the colon starts with `~` or `/`.
    expect(prompts('Note: # see below\ndriver: ixgbe\n')).toEqual([]);
    expect(prompts('bus-info: 0000:04:00.1 # the second port\n')).toEqual([]);
  });
  // Real form: Markdown copies of Gentoo wiki pages (the platform corpus's dmidecode/ and efibootmgr/
  // hetzner-cloud-arm64-gentoo-wiki-command-template, the cpu corpus's lscpu/phytium-ft2000-gentoo-wiki-command-glued-fence).
  it("a wiki's command as two glued code spans (`root #``dmidecode`), and the output's opening fence glued after them", () => {
    const bare = cleanText('`root #``dmidecode`\nHandle 0x0000, DMI type 0, 24 bytes\nBIOS Information\n');
    expect([bare.noise.map((n) => [n.no, n.kind]), bare.lines.map((l) => [l.no, l.command])]).toEqual([[[1, 'prompt']], [[2, 'dmidecode'], [3, 'dmidecode']]]);
    const fenced = cleanText('`root #``lscpu````\nArchitecture:        aarch64\nVendor ID:           ARM\n```\n');
    expect(fenced.lines.map((l) => [l.no, l.text, l.command])).toEqual([[2, 'Architecture:        aarch64', 'lscpu'], [3, 'Vendor ID:           ARM', 'lscpu']]);
    expect(cleanText('`user $``lsusb`\nBus 001 Device 001: ID 1d6b:0002\n').lines.map((l) => [l.no, l.command])).toEqual([[2, 'lsusb']]);
    // Two commands glued on one line, or a code span that is no prompt, are no such command.
    expect(prompts('`mkdir /x``chmod 700 /x`\nx\n')).toEqual([]);
  });
});

// Real form: a smartmontools issue (nvme corpus smartctl/samsung-pm991a-…-haos-docker-exec-…): smartctl run in a container
// that a command substitution finds, behind oh-my-zsh's prompt; the same typed bare, and with backticks.
describe('a tool run in a container found by a command substitution', () => {
  it('is the command line, and the lines under it its output', () => {
    for (const typed of ['➜  ~ docker exec -it $(docker ps -qf "name=smart_sniffer") smartctl -x -a /dev/nvme0', 'docker exec -it $(docker ps -qf name=smart) smartctl -x -a /dev/nvme0', '$ sudo podman exec `podman ps -ql` smartctl -x -a /dev/nvme0']) {
      const c = cleanText([typed, 'Model Number:                       SAMSUNG MZ9LQ256HBJQ-00000'].join('\n'));
      expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prompt']]);
      expect(c.lines.map((l) => [l.no, l.command?.endsWith('smartctl -x -a /dev/nvme0')])).toEqual([[2, true]]);
    }
  });
});

// The form of openSUSE pastes: the user's `user@host:~>` prompt, and root's `host:~ #` before
// `hwinfo --short --netcard`, whose output starts with its `network:` heading.
describe("SUSE's prompts", () => {
  it('`user@host:~>` and `host:~ #` are prompts, and a heading ending in a colon under a command ending in an option is output, not the option\'s value', () => {
    const c = cleanText(['user@linux-k3m2:~> sudo lspci -nn', '00:19.0 Ethernet controller [0200]: Intel Corporation Ethernet Connection I217-LM [8086:153a] (rev 04)', '', 'linux-k3m2:~ # hwinfo --short --netcard', 'network:', '  eth0                 Intel Ethernet Connection I217-LM', 'network interface:', '  eth0                 Ethernet network interface'].join('\n'));
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prompt'], [4, 'prompt']]);
    expect(c.lines.map((l) => [l.no, l.command])).toEqual([[2, 'sudo lspci -nn'], [5, 'hwinfo --short --netcard'], [6, 'hwinfo --short --netcard'], [7, 'hwinfo --short --netcard'], [8, 'hwinfo --short --netcard']]);
  });

  it('an option\'s value a mail client moved to the next line is still the value', () => {
    const c = cleanText(['linux-k3m2:~ # ethtool -i', 'eth0', 'driver: e1000e'].join('\n'));
    expect(c.lines.map((l) => [l.no, l.command])).toEqual([[3, 'ethtool -i eth0']]);
  });
});

// Real form: fish's default prompt puts the last command's non-zero exit status in brackets before the sign
// (`root@localhost ~ [1]# lspci -vvv -s 01:00.0`, a Chinese note on a BlueField-2, the pci corpus's
// real-lspci/bluefield2-vvv-zh-notes-fish-prompt-exit-status); a pipeline's statuses are `[0|1]`.
describe("fish's prompt with the last exit status", () => {
  it('is a prompt, and the lines under it the output of its command', () => {
    for (const prompt of ['root@localhost ~ [1]# ', 'user@host ~/src [0|1]> ', 'user@host ~/src (main) [2]> ']) {
      const c = cleanText(`${prompt}lspci -vvv -s 01:00.0\n01:00.0 Ethernet controller: Mellanox Technologies MT42822 BlueField-2 integrated ConnectX-6 Dx network controller (rev 01)\n`);
      expect(c.noise.map((n) => [n.no, n.kind]), prompt).toEqual([[1, 'prompt']]);
      expect(c.lines.map((l) => [l.no, l.command]), prompt).toEqual([[2, 'lspci -vvv -s 01:00.0']]);
    }
    // A bracketed number after a word with no user@host is no prompt.
    expect(prompts('eth0 ~ [1]# lspci\nx\n')).toEqual([]);
  });
});

// Real forms: the cpu corpus's lscpu/ampere-altra-q80-30-backtick-glued-command (a GitHub comment opening "`lscpu" and
// never closing the code span) and lscpu/rk3588-model-name-dash-clusters-prompt (a prompt `rico [ ~ ]$`).
describe('a code span opened before a command and never closed, and a user before a bracketed directory', () => {
  it('are the command line, and the lines under it its output', () => {
    for (const typed of ['`lscpu', '  `sudo lscpu', 'rico [ ~ ]$ lscpu', 'pi [ /tmp ]# lscpu']) {
      const c = cleanText(`${typed}\nArchitecture:           aarch64\n  CPU op-mode(s):       32-bit, 64-bit\n`);
      expect(c.noise.map((n) => [n.no, n.kind]), typed).toEqual([[1, 'prompt']]);
      expect(c.lines.map((l) => [l.no, l.command?.endsWith('lscpu')]), typed).toEqual([[2, true], [3, true]]);
    }
    // A backtick before words, or a bracketed word that is no directory, is no command line.
    expect(prompts('`the lscpu output below\nArchitecture: aarch64\n')).toEqual([]);
    expect(prompts('node [up]$ lscpu\nArchitecture: aarch64\n')).toEqual([]);
  });
});

// Real form: the ata corpus's smartctl 5.36-5.38 outputs, whose banner names the version after the word `version`.
describe("smartmontools 5.x's banner", () => {
  it('is the first line of the output, under the command typed, no command of its own', () => {
    const c = cleanText('$ sudo smartctl -a /dev/sda\nsmartctl version 5.38 [x86_64-redhat-linux-gnu] Copyright (C) 2002-8 Bruce Allen\nHome page is http://smartmontools.sourceforge.net/\n');
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prompt']]);
    expect(c.lines.map((l) => [l.no, l.command])).toEqual([[2, 'sudo smartctl -a /dev/sda'], [3, 'sudo smartctl -a /dev/sda']]);
    expect(prompts('nvme version 1.16\n')).toEqual([]);
    // The command that prints nvme-cli's version is still one.
    expect(prompts('nvme version\nnvme version 1.16\n')).toEqual([1]);
  });
});
