import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { CLASSES } from '../../collector/classes/index.js';
import { TreeReader } from '../../collector/host/tree-reader.js';
import { toolTable } from '../../collector/tree-leftovers.js';
import { typedParts } from '../../collector/typed-commands.js';
import { tempDir, treeOf } from '../helpers/tmp.js';
import { batches, sweepSamples, type SweepSample } from '../real-corpus/paste-sweep.js';

/**
 * A support engineer saves a ticket's whole text (the reporter's words and the outputs of several commands, each below
 * the command typed) as one file at the top of a tree and runs `collect --root`. Before, the file was NOT_READ: its
 * name starts with no tool.
 */
const TOOLS = new Set(CLASSES.flatMap((c) => Object.keys(c.commands ?? {})));
const TABLE = toolTable(CLASSES);
const parts = (text: string) => typedParts(Buffer.from(text), TOOLS).map((p) => ({ argv: p.argv.join(' '), line: p.line, name: p.name, text: text.slice(p.start, p.end) }));

describe('commands typed in a text', () => {
  it('are found behind the prompts people paste, sudo and paths taken off, and cut where the shell would end the command', () => {
    const text = [
      'We upgraded last week.', // 1
      '[root@node7 ~]# sudo -u root /usr/bin/mstflint -d 0000:3b:00.0 q', // 2
      'FW Version: 16.35.2000', // 3
      'user@host:~$ ethtool -i ens1f0 | grep firmware', // 4
      'firmware-version: 16.35.2000 (MT_0000000080)', // 5
      '> $ sudo smartctl -x /dev/sda 2>&1', // 6
      'C:\\Program Files\\Mellanox\\WinMFT>flint.exe -d mt4119_pciconf0 q', // 7
      'sudo nvme id-ctrl /dev/nvme0', // 8
      '$ uname -a', // 9
      '$ ip link', // 10
      '# devlink dev info pci/0000:3b:00.0', // 11
      '  nvidia-smi', // 12
      '% singularity exec base.sif ibstat', // 13
      'root@gpu01:~# docker exec -it dcgm nvidia-smi -q', // 14
      '-> % sudo smartctl -i /dev/nvme0', // 15
      'root@chernabog 19:12 ~ smartctl -a /dev/nvme0', // 16
      'root@localhost ~ [1]# lspci -vvv -s 01:00.0', // 17
      '`lscpu', // 18
      'rico [ ~ ]$ lscpu -e', // 19
      'user@host ~> nvme list', // 20
      'root@host /e/nvme# smartctl -x /dev/sdb', // 21
    ].join('\n');
    expect(parts(text).map((p) => [p.line, p.argv])).toEqual([
      [2, 'mstflint -d 0000:3b:00.0 q'],
      [4, 'ethtool -i ens1f0'],
      [6, 'smartctl -x /dev/sda'],
      [7, 'flint -d mt4119_pciconf0 q'],
      [8, 'nvme id-ctrl /dev/nvme0'],
      [9, 'uname -a'],
      [11, 'devlink dev info pci/0000:3b:00.0'],
      [12, 'nvidia-smi'],
      [13, 'ibstat'],
      [14, 'nvidia-smi -q'],
      [15, 'smartctl -i /dev/nvme0'],
      [16, 'smartctl -a /dev/nvme0'],
      [17, 'lspci -vvv -s 01:00.0'],
      [18, 'lscpu'],
      [19, 'lscpu -e'],
      [20, 'nvme list'],
      [21, 'smartctl -x /dev/sdb'],
    ]);
  });

  // Real form: a smartmontools issue (nvme corpus smartctl/samsung-pm991a-…-haos-docker-exec-…) running smartctl in a
  // container found by a command substitution, behind oh-my-zsh's prompt.
  it('run in a container found by a command substitution, behind a prompt or bare', () => {
    const text = [
      '➜  ~ docker exec -it $(docker ps -qf "name=smart_sniffer") smartctl -x -a /dev/nvme0', // 1
      'smartctl 7.5 2025-04-30 r5714 [aarch64-linux-6.12.75-haos-raspi] (local build)', // 2
      'docker exec -it $(docker ps -qf name=gpu) nvidia-smi -L', // 3
      'GPU 0: Tesla T4 (UUID: GPU-1)', // 4
      '$ podman exec `podman ps -ql` nvidia-smi -q', // 5
    ].join('\n');
    expect(parts(text).map((p) => [p.line, p.argv])).toEqual([
      [1, 'smartctl -x -a /dev/nvme0'],
      [3, 'nvidia-smi -L'],
      [5, 'nvidia-smi -q'],
    ]);
  });

  // Real form: a lab's host README (opiproject/lab hardware/dh1, nic corpus ethtool-i/ionic-dsc-prompt): the tool's name
  // alone as the writer's label over a fenced block that opens with the command typed at a prompt.
  it('a bare command over a fence that opens with a command typed again is the label naming the block, no part of its own', () => {
    const text = ['## Pensando', '', 'lspci', '', '```bash', 'root@dh1:~# lspci -d 1dd8:1002', '19:00.0 Ethernet controller: AMD Pensando Systems DSC Ethernet Controller', '```', '', 'network', '', '```bash', 'root@dh1:~# ethtool -i enp25s0np0', 'driver: ionic', '```', ''].join('\n');
    const p = parts(text);
    expect(p.map((x) => [x.line, x.argv])).toEqual([[6, 'lspci -d 1dd8:1002'], [13, 'ethtool -i enp25s0np0']]);
    expect(p[0]!.text).toBe(text.slice(0, text.indexOf('```bash', text.indexOf('network'))));
    // Over a fence holding the output alone, or over its output unfenced, it is the command typed.
    expect(parts('lspci\n\n```\n00:00.0 Host bridge: Intel Corporation Device 3e0f\n```\n').map((x) => [x.line, x.argv])).toEqual([[1, 'lspci']]);
    expect(parts('lspci\n00:00.0 Host bridge: Intel Corporation Device 3e0f\nethtool -i eth0\n\ndriver: e1000e\nnvidia-smi').map((x) => [x.line, x.argv])).toEqual([[1, 'lspci'], [3, 'ethtool -i eth0'], [6, 'nvidia-smi']]);
  });

  it("are not a tool's banner, a log line naming a tool, a label or a comment", () => {
    const text = [
      'smartctl 7.2 2020-12-30 r5155 [x86_64-linux-5.15.0] (local build)',
      'nvme nvme0: pci function 0000:01:00.0',
      'ethtool output:',
      'ethtool: bad command line argument(s)',
      '# Output of the card after the reboot',
      'mlxconfig: command not found',
      'dmesg: read kernel buffer failed: Operation not permitted',
      'smartctl version 5.38 [x86_64-redhat-linux-gnu] Copyright (C) 2002-8 Bruce Allen',
      'nvme version 1.16',
    ].join('\n');
    expect(parts(text)).toEqual([]);
  });

  // Real form: smartmontools 5.37's banner under the prompt's command (ata corpus
  // smartctl/wdc-wd1600bevs-failed-smartctl537-ubuntuforums-2007-prompt): the command and its output are one part, not a
  // command that printed nothing and an output named after the banner's words.
  it("smartmontools 5.x's banner (`smartctl version 5.37 […]`) is the output's first line under the command typed", () => {
    const text = readFileSync(new URL('../ata/fixtures/real/smartctl/wdc-wd1600bevs-failed-smartctl537-ubuntuforums-2007-prompt.txt', import.meta.url), 'utf8');
    expect(parts(text).map((x) => [x.line, x.argv])).toEqual([[1, 'smartctl -d ata -a /dev/sda']]);
  });

  // Real forms (platform corpus): dmidecode prints `# dmidecode 3.5` as its first line, which reads as a root prompt's
  // command. Before, it was a command of its own: the typed `dmidecode -t bios` printed nothing and the output was
  // stored as `cmd/dmidecode/3.5.out`; an output pasted with no command was one typed `dmidecode 3.6`.
  it("dmidecode's banner (`# dmidecode 3.5`) is the output's first line, no command typed", async () => {
    const real = (name: string): string => readFileSync(new URL(`../platform/fixtures/real/dmidecode/${name}.txt`, import.meta.url), 'utf8');
    expect(parts(real('x230-coreboot-t-bios-readme')).map((x) => [x.line, x.argv])).toEqual([[1, 'dmidecode -t bios']]);
    expect(parts(real('vecow-spc7100-t-2-default-strings')).map((x) => [x.line, x.argv])).toEqual([[2, 'dmidecode -t 2']]);
    expect(parts(real('poweredge-r440-3.6'))).toEqual([]);
    expect(parts('[root@host ~]# dmidecode 3.5\n# smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.1.0] (local build)\n# nvme version 2.4\n')).toEqual([]);
    const t = await collectTree({ 'ticket.txt': real('x230-coreboot-t-bios-readme') });
    expect(t.read).toEqual({ 'ticket.txt:1': 'cmd/dmidecode/-t_bios.out' });
    expect(t.notRead).toEqual([]);
  });

  it('cover the whole text: the words before the first command go with it, a fence opened above a command with the command', () => {
    const text = 'Hi,\n\n```\n$ ethtool -i eth0\ndriver: ixgbe\n```\n\nand the card:\n```\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n```\nThanks\n';
    const p = parts(text);
    expect(p.map((x) => x.text).join('')).toBe(text);
    expect(p.map((x) => x.text)).toEqual(['Hi,\n\n```\n$ ethtool -i eth0\ndriver: ixgbe\n```\n\nand the card:\n', '```\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n```\nThanks\n']);
    // A Trac or MoinMoin wiki's block opens with `{{{` (the collector keeps it with the command under it).
    expect(parts('Hi,\n{{{\n$ ethtool -i eth0\ndriver: ixgbe\n}}}\n{{{\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n}}}\n').map((x) => x.text)).toEqual(['Hi,\n{{{\n$ ethtool -i eth0\ndriver: ixgbe\n}}}\n', '{{{\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n}}}\n']);
  });

  it('are named by a person above a fenced output: inline code on a line ending in a colon or above a fence, a list step, `Output of …:`', () => {
    const text = [
      'Output of `ethtool -i eth0`:', // 1
      'driver: ixgbe',
      '1. `sudo flint -d 3b:00.0 q`', // 3
      '```',
      'FW Version: 1.2.3',
      '```',
      '**`nvme list`**', // 7
      '<code>smartctl -x /dev/sda</code>', // 8
      'Result of devlink dev info:', // 9
      '3) lspci -vvv -s 01:00.0', // 10
      'PS C:\\Users\\admin> mlxconfig -d mt4119_pciconf0 q', // 11
      'Here is `mstflint -d 01:00.0 q` after the reboot', // 12
      '',
      '```text', // 14
      '$ mstflint -d 01:00.0 q',
      'FW Version: 1.2.4',
      '```',
    ].join('\n');
    expect(parts(text).map((p) => [p.line, p.argv])).toEqual([
      [1, 'ethtool -i eth0'],
      [3, 'flint -d 3b:00.0 q'],
      [7, 'nvme list'],
      [8, 'smartctl -x /dev/sda'],
      [9, 'devlink dev info'],
      [10, 'lspci -vvv -s 01:00.0'],
      [11, 'mlxconfig -d mt4119_pciconf0 q'],
      [15, 'mstflint -d 01:00.0 q'],
    ]);
    // The words naming the command and the fence below them are the typed command's part.
    expect(parts(text).at(-1)!.text).toBe(text.slice(text.indexOf('Here is')));
  });

  it("are not a person's words that only mention a tool: no colon and no fence below, two commands, a sentence after `output of`", () => {
    const text = [
      'I ran `ethtool -i eth0` and the link came back.',
      'driver: ixgbe',
      'Compare `flint -d 01:00.0 q` with `mlxconfig -d 01:00.0 q`:',
      '```',
      'FW Version: 1.2.3',
      '```',
      'Note: the output of ethtool changed in 6.1',
      'The `--help` output of smartctl lists it.',
    ].join('\n');
    expect(parts(text)).toEqual([]);
  });

  it('piped into a filter are excerpts, named by what the pipe kept; into a pager, tee, cat or column -t the whole output', () => {
    const filters = (text: string) => typedParts(Buffer.from(text), TOOLS).map((p) => [p.argv.join(' '), p.filter]);
    expect(filters([
      '$ nvme id-ctrl /dev/nvme0 -H | grep -i fr',
      '# smartctl -a /dev/sda | grep -i firmware',
      'ethtool -i eth0 | grep firmware',
      'sudo lspci -vvv -s 3b:00.0 | grep -i lnk',
      '`mlxconfig -d /dev/mst/mt4125_pciconf0 q | grep -i sriov`',
      '$ flint -d 3b:00.0 q | grep -E "FW|PSID"',
      '$ nvme list | head -3',
      '$ nvme fw-log /dev/nvme0 | sed -n 1,20p',
      '$ smartctl -x /dev/sdb | egrep -v "^#" | tail -n 5',
      "$ devlink -j dev info | jq '.info'",
      '$ smartctl -a /dev/sdc |& grep -A2 -B1 -C3 Firmware',
      '$ smartctl -a /dev/sdd | sort',
      '$ ethtool -i eth1 | tee eth1.txt',
      '$ ethtool -i eth2 | cat',
      '$ ethtool -i eth3 | less',
      '$ lspci -vvv | more',
      '$ ethtool -i eth4 | column -t',
      '$ ethtool -i eth5 | grep -v "^$"',
      '$ ethtool -i eth6 || echo failed',
      '$ ethtool -i eth7 2>&1 | grep driver',
    ].join('\n'))).toEqual([
      ['nvme id-ctrl /dev/nvme0 -H', 'grep -i fr'],
      ['smartctl -a /dev/sda', 'grep -i firmware'],
      ['ethtool -i eth0', 'grep firmware'],
      ['lspci -vvv -s 3b:00.0', 'grep -i lnk'],
      ['mlxconfig -d /dev/mst/mt4125_pciconf0 q', 'grep -i sriov'],
      ['flint -d 3b:00.0 q', 'grep -E "FW|PSID"'],
      ['nvme list', 'head -3'],
      ['nvme fw-log /dev/nvme0', 'sed -n 1,20p'],
      ['smartctl -x /dev/sdb', 'egrep -v "^#" | tail -n 5'],
      ['devlink -j dev info', "jq '.info'"],
      ['smartctl -a /dev/sdc', 'grep -A2 -B1 -C3 Firmware'],
      ['smartctl -a /dev/sdd', 'sort'],
      ['ethtool -i eth1', undefined],
      ['ethtool -i eth2', undefined],
      ['ethtool -i eth3', undefined],
      ['lspci -vvv', undefined],
      ['ethtool -i eth4', undefined],
      ['ethtool -i eth5', undefined],
      ['ethtool -i eth6', undefined],
      ['ethtool -i eth7', 'grep driver'],
    ]);
  });

  it('an excerpt of an output the text also holds whole is no part read: the whole one is, before or after it', () => {
    const text = '$ flint -d 01:00.0 q | grep FW\nFW Version: 1.2.3\n$ flint -d 01:00.0 q\nImage type: FS4\nFW Version: 1.2.3\n$ flint -d 01:00.0 q | grep PSID\nPSID: MT_1\n$ flint -d 02:00.0 q | grep FW\nFW Version: 1.2.4\n';
    expect(typedParts(Buffer.from(text), TOOLS).map((p) => [p.line, p.name, p.wholeAt])).toEqual([
      [1, 'cmd/flint/-d_01:00.0_q.out', 3],
      [3, 'cmd/flint/-d_01:00.0_q.out', undefined],
      [6, 'cmd/flint/-d_01:00.0_q.out', 3],
      [8, 'cmd/flint/-d_02:00.0_q.out', undefined],
    ]);
  });

  it('a command typed again (before and after an update) is a part of its own, the second its @2 copy', () => {
    const p = parts('$ flint -d 01:00.0 q\nFW Version: 1.2.3\nafter the update:\n$ flint -d 01:00.0 q\nFW Version: 1.2.4\n');
    expect(p.map((x) => x.name)).toEqual(['cmd/flint/-d_01:00.0_q.out', 'cmd/flint/-d_01:00.0_q@2.out']);
  });
});

async function collectTree(files: Record<string, string>) {
  const bundle = join(tempDir(), 'b.tar.gz');
  const { manifest } = await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
  const read = manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout');
  return { bundle, manifest, read: Object.fromEntries(read.map((a) => [a.replayedFrom!, a.name])), notRead: manifest.issues.filter((i) => i.code === 'NOT_READ') };
}

describe('a ticket saved whole at the top of a tree', () => {
  /** How a ticket shows each output below its command: at a shell prompt, and as people write GitHub issues and mails. */
  const FORMS: Record<string, (typed: string, output: string, k: number) => string[]> = {
    'a root prompt': (typed, output) => [`[root@node7 ~]# ${typed}`, output],
    'PowerShell': (typed, output) => [`PS C:\\Users\\admin> ${typed}`, output],
    'a person naming the command as inline code, the output fenced': (typed, output) => [`Output of \`${typed}\`:`, '```', output, '```'],
    'a numbered step holding the command as code, the output fenced': (typed, output, k) => [`${k + 1}. \`${typed}\``, '```text', output, '```'],
    'a step in words naming the command, the output fenced': (typed, output) => [`Then I ran **\`${typed}\`** on the host`, '', '```', output, '```'],
    'a fenced prompt below the words naming it': (typed, output) => [`Here is \`${typed}\`:`, '```console', `$ ${typed}`, output, '```'],
    'output of the command, in words': (typed, output) => [`Output of ${typed}:`, output],
    'an Org-mode source block and its results': (typed, output) => ['#+begin_src sh :results output', typed, '#+end_src', '', '#+RESULTS:', ...output.split('\n').map((l) => (l === '' ? ':' : `: ${l}`))],
    'an AsciiDoc listing below the command\'s': (typed, output) => ['[source,terminal]', '----', `$ ${typed}`, '----', '.Example output', '[source,terminal]', '----', output, '----'],
    'a Gentoo wiki command template': (typed, output) => [`{{RootCmd|${typed}|output=<pre>`, output, '</pre>}}'],
  };

  it.each(Object.keys(FORMS))('real outputs of several tools, each below its command (%s), are read as if each were saved under its command, with the same facts', async (form) => {
    // One real output per tool, below the command its publisher typed, where fwsnap reads that command's output.
    const byTool = new Map<string, SweepSample>();
    const typedOf = new Map<SweepSample, string>();
    for (const s of sweepSamples(false)) {
      const typed = s.command.replace(/^[>\s]+/, '');
      const part = typedParts(Buffer.from(`$ ${typed}\n`), TOOLS)[0];
      // A device named by a shell glob (`-d /dev/mst/mt*pciconf0`) is none fwsnap can tell.
      if (part === undefined || byTool.has(part.argv[0]!) || s.format === 'json' || /[*?]/.test(typed) || !TABLE.saved.get(part.argv[0]!)?.(part.name)) continue;
      if (typedParts(readFileSync(s.file), TOOLS).length > 0) continue;
      // A fence cannot hold an output that holds a fence of its own (a post quoted with its Markdown).
      if (FORMS[form]!('', '', 0).includes('```') && /```|&#x60;|~~~/.test(readFileSync(s.file, 'utf8'))) continue;
      byTool.set(part.argv[0]!, s);
      typedOf.set(s, typed);
    }
    const picked = batches([...byTool.values()])[0]!.map((s) => ({ typed: typedOf.get(s)!, text: readFileSync(s.file, 'utf8'), savedAs: s.savedAs }));
    expect(picked.length).toBeGreaterThanOrEqual(8);
    const ticket = ['Hello, after the firmware update the host misbehaves. Outputs:', '', ...picked.flatMap((p, k) => [...FORMS[form]!(p.typed, p.text.replace(/\n$/, ''), k), '']), 'Any idea what is wrong?', ''].join('\n');
    const top = await collectTree({ 'ticket.txt': ticket });
    const filed = await collectTree(Object.fromEntries(picked.map((p) => [p.savedAs, p.text])));
    expect(top.notRead).toEqual([]);
    expect(Object.keys(top.read).every((f) => /^ticket\.txt:\d+$/.test(f))).toBe(true);
    // Each part is stored under its typed command's own name, which may differ from the name the sample was saved as.
    expect(Object.keys(top.read)).toHaveLength(picked.length);
    expect(Object.keys(filed.read)).toHaveLength(picked.length);
    const { db, loads } = await analyze({ bundles: [top.bundle, filed.bundle], minSeverity: 'info' });
    try {
      const [a, b] = [top.bundle, filed.bundle].map((p) => loads.find((l) => l.path === p)!.bundleId);
      const rows = (id: number): unknown[] => db.prepare(`SELECT device_key, component, version, state FROM firmware WHERE bundle_id = ? ORDER BY 1, 2, 3, 4`).all(id);
      expect(rows(a).length).toBeGreaterThanOrEqual(picked.length);
      expect(rows(a)).toEqual(rows(b));
    } finally {
      db.close();
    }
  }, 120_000);

  it('a ticket kept as Org mode, AsciiDoc or a wiki page (.org, .adoc, .rst, .wiki) is split at its commands as a .txt or .md one is', async () => {
    const out = 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800007a8\nbus-info: 0000:01:00.0';
    const org = `* eth0\n#+begin_src sh\nethtool -i eth0\n#+end_src\n\n#+RESULTS:\n${out.replace(/^/gm, ': ')}\n`;
    for (const name of ['notes.org', 'page.adoc', 'page.rst', 'Page.wiki']) {
      const t = await collectTree({ [name]: org });
      expect(t.read, name).toEqual({ [`${name}:3`]: 'cmd/ethtool/-i_eth0.out' });
    }
    expect((await collectTree({ 'notes.bak': org })).read).toEqual({});
  });

  it('a part no class reads keeps the whole text under unread/, naming what was read and what was not; the other parts are read', async () => {
    const ticket = '$ cat /etc/os-release\nNAME="Ubuntu"\n\n$ ethtool -i eth0\ndriver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800007a8\nbus-info: 0000:01:00.0\n';
    const t = await collectTree({ 'ticket.txt': ticket });
    expect(t.read).toEqual({ 'ticket.txt:4': 'cmd/ethtool/-i_eth0.out' });
    expect(t.notRead.map((i) => [i.target, i.message])).toEqual([
      ['ticket.txt', 'not read: split at the commands typed in it; read: `ethtool -i eth0` (line 4); not read: `cat /etc/os-release` (line 1), no cat command fwsnap reads has this name (kept as unread/ticket.txt)'],
    ]);
    expect(t.manifest.artifacts.find((a) => a.name === 'unread/ticket.txt')?.size).toBe(Buffer.byteLength(ticket));
  });

  it('a part no class reads is named once, by the NOT_READ of the text, not again as an UNKNOWN_NAME of its own', async () => {
    const id = readFileSync(new URL('../nvme/fixtures/real/id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt', import.meta.url), 'utf8');
    const ticket = `${id}$ sudo nvme fw-download /dev/nvme0 --fw=P9CR40D.bin\nFirmware download success\n$ sudo nvme fw-activate /dev/nvme0 --slot=1 --action=1\nSuccess committing firmware action:1 slot:1\n`;
    const t = await collectTree({ 'ticket.txt': ticket });
    expect(t.read).toEqual({ 'ticket.txt:1': 'cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out' });
    const lines = id.split('\n').length;
    expect(t.manifest.issues.filter((i) => i.target?.startsWith('ticket.txt')).map((i) => [i.code, i.target, i.message])).toEqual([
      ['NOT_READ', 'ticket.txt', `not read: split at the commands typed in it; read: \`nvme id-ctrl -H /dev/nvme0n1\` (line 1); not read: \`nvme fw-download /dev/nvme0 --fw=P9CR40D.bin\` (line ${lines}), no nvme command fwsnap reads has this name; \`nvme fw-activate /dev/nvme0 --slot=1 --action=1\` (line ${lines + 2}), no nvme command fwsnap reads has this name (kept as unread/ticket.txt)`],
    ]);
  });

  it('an excerpt of an output typed whole in the same text is not read: the whole one is, and the NOT_READ says why', async () => {
    const whole = readFileSync(new URL('../nvme/fixtures/real/id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt', import.meta.url), 'utf8');
    const excerpt = whole.split('\n').filter((l) => /fr/i.test(l)).join('\n');
    const ticket = `$ sudo nvme id-ctrl -H /dev/nvme0n1 | grep -i fr\n${excerpt}\n\nThe whole output:\n${whole}`;
    const t = await collectTree({ 'ticket.txt': ticket });
    const at = excerpt.split('\n').length + 4;
    expect(t.read).toEqual({ [`ticket.txt:${at}`]: 'cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out' });
    expect(t.notRead.map((i) => i.message)).toEqual([
      `not read: split at the commands typed in it; read: \`nvme id-ctrl -H /dev/nvme0n1\` (line ${at}); not read: \`nvme id-ctrl -H /dev/nvme0n1\` (line 1), an excerpt (\`| grep -i fr\`) of the output typed whole on line ${at}, which is read instead (kept as unread/ticket.txt)`,
    ]);
  });

  it('a text with no command typed in it, and a file named after a tool, are read as before', async () => {
    const t = await collectTree({ 'notes.txt': 'the card drops link\nethtool says nothing\n', 'ethtool -i eth0.txt': '$ ethtool -i eth0\ndriver: ixgbe\nbus-info: 0000:01:00.0\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n' });
    expect(t.read).toEqual({ 'ethtool -i eth0.txt': 'cmd/ethtool/-i_eth0.out' });
    expect(t.notRead.map((i) => i.target)).toEqual(['notes.txt']);
  });

  it("a part is read as a file of its own bytes: capped at its head, or at its tail for a log, and named by the text's line", () => {
    const ticket = 'Hi\n$ ethtool -i eth0\ndriver: ixgbe\nbus-info: 0000:01:00.0\n$ flint -d 01:00.0 q\nFW Version: 1.2.3\n';
    const reader = new TreeReader(treeOf({ 'ticket.txt': ticket }), [...TOOLS]);
    const part = 'Hi\n$ ethtool -i eth0\ndriver: ixgbe\nbus-info: 0000:01:00.0\n';
    expect(reader.readFile('/cmd/ethtool/-i_eth0.out', { maxBytes: 1024 })).toEqual({ data: Buffer.from(part), truncated: false, replayedFrom: 'ticket.txt:2' });
    expect(reader.readFile('/cmd/ethtool/-i_eth0.out', { maxBytes: 8 })).toMatchObject({ data: Buffer.from(part.slice(0, 8)), truncated: true });
    expect(reader.readFile('/cmd/ethtool/-i_eth0.out', { maxBytes: 8, tail: true })).toMatchObject({ data: Buffer.from(part.slice(-8)), truncated: true });
    expect(reader.readFile('/cmd/flint/-d_01:00.0_q.out', { maxBytes: 1024 }).data.toString()).toBe('$ flint -d 01:00.0 q\nFW Version: 1.2.3\n');
    expect(reader.ownName('/cmd/flint/-d_01:00.0_q.out')).toBe('ticket.txt:5');
  });
});
