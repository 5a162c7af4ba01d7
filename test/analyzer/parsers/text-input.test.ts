import { describe, expect, it } from 'vitest';
import { cleanText, continuesSentence, isElision, jsonDocument, looksLikeProse, observeText } from '../../../analyzer/parsers/text-input.js';

const texts = (raw: string): string[] => cleanText(raw).lines.map((l) => l.text);

describe('cleanText', () => {
  it('drops CRLF, colour codes and trailing spaces, keeping line numbers', () => {
    const c = cleanText('\x1b[1;32mdriver:\x1b[0m mlx5_core  \r\n\r\nversion: 5.0-0\r\n');
    expect(c.lines).toEqual([{ no: 1, text: 'driver: mlx5_core' }, { no: 3, text: 'version: 5.0-0' }]);
  });

  it('removes the common indentation of a pasted block but keeps nesting', () => {
    expect(texts('    pci/0000:01:00.0:\n      driver ice\n      versions:\n')).toEqual(['pci/0000:01:00.0:', '  driver ice', '  versions:']);
  });

  it('sets prompts, command lines, elisions, fences and kernel answers aside as noise', () => {
    const c = cleanText(['```console', '[root@node1 ~]# devlink dev info', 'pci/0000:01:00.0:', '  ...', '(...)', 'user@host:~$ sudo ethtool -i eth0', '$ whatever else', 'kernel answers: Operation not supported', '```'].join('\n'));
    expect(c.lines.map((l) => l.text)).toEqual(['pci/0000:01:00.0:']);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'fence'], [2, 'prompt'], [4, 'elision'], [5, 'elision'], [6, 'prompt'], [7, 'prompt'], [8, 'trailer'], [9, 'fence']]);
  });

  // Real form: every dmidecode type 2 structure (the platform corpus's dmidecode/hetzner-cloud-arm64-gentoo-wiki-command-template).
  it("keeps a tool's heading with a sentence indented under it (dmidecode's `Features:` / `Board is a hosting board`), not a writer's label", () => {
    const c = cleanText('Base Board Information\n\tManufacturer: KVM\n\tFeatures:\n\t\tBoard is a hosting board\n\tLocation In Chassis: Not Specified\n');
    expect([c.noise, c.lines.map((l) => l.no)]).toEqual([[], [1, 2, 3, 4, 5]]);
    // A label over the writer's sentence at its own margin is still the writer's.
    expect(cleanText('Outputs:\nI do not have it saved, sorry about that.\n').noise.map((n) => [n.no, n.kind])).toContainEqual([1, 'prose']);
  });

  it('keeps tool lines that merely contain prompt characters', () => {
    expect(texts('firmware-version: 14.32.1010 (MT_2420110034)\nbus-info: 0000:3b:00.0\n# comment about nothing')).toHaveLength(3);
  });

  it('decodes an output escaped inside a JSON log line', () => {
    const log = '{"level":"info","ts":1,"msg":"ethtool output","stdout":"driver: ice\\nversion: 1.9.11\\nfirmware-version: 4.10 0x8001778b 1.3346.0\\n"}';
    const c = cleanText(log);
    expect(c.decodedFromJson).toBe(true);
    expect(c.lines.map((l) => l.text)).toEqual(['driver: ice', 'version: 1.9.11', 'firmware-version: 4.10 0x8001778b 1.3346.0']);
  });

  it('decodes HTML character references a web page or ticket export left in a paste', () => {
    const c = cleanText('&#x60;&#x60;&#x60;yaml\n# devlink dev info\npci&#x2F;0000:01:00.0:\n  driver mlxsw_spectrum\n  serial_number a&amp;b&lt;c&gt;&#39;d&#39;&nbsp;\n&#x60;&#x60;&#x60;\n');
    expect(c.decodedEntities).toBe(true);
    expect(c.lines.map((l) => [l.no, l.text])).toEqual([[3, 'pci/0000:01:00.0:'], [4, '  driver mlxsw_spectrum'], [5, "  serial_number a&b<c>'d'"]]);
    expect(c.noise.map((n) => n.kind)).toEqual(['fence', 'prompt', 'fence']);
    expect(jsonDocument('{&quot;info&quot;:{&quot;pci&#x2F;0000:01:00.0&quot;:{}}}')).toBe('{"info":{"pci/0000:01:00.0":{}}}');
  });

  it('leaves text without character references, and references to no character, as they are', () => {
    expect(cleanText('driver: a&b\nversion: 1 & 2\n').decodedEntities).toBe(false);
    expect(texts('fw &#x0; &#xd800; &bogus; &#1114112;\n')).toEqual(['fw &#x0; &#xd800; &bogus; &#1114112;']);
  });

  it('leaves ordinary multi-line text alone even when it contains a \\n escape', () => {
    expect(cleanText('a: "x\\ny"\nb: 1\nc: 2\n').decodedFromJson).toBe(false);
  });
});

describe('jsonDocument', () => {
  it('finds the JSON between a prompt and a trailer', () => {
    expect(jsonDocument('$ devlink -j dev info\n{"info":{}}\nkernel answers: Operation not supported\n')).toBe('{"info":{}}');
  });
  it('is undefined for text output', () => {
    expect(jsonDocument('pci/0000:01:00.0:\n  driver ice\n')).toBeUndefined();
  });
  // Real form (nvme-cli issue 2173): two kernel lines printed above an `nvme list` table, `[700147.853053][T3178441] block
  // nvme0n1: No UUID available providing old NGUID`. Their time stamp closes a one-number array with words after it.
  it('is undefined for text under kernel log lines, whose time stamp reads as a one-number array', () => {
    expect(jsonDocument('[700147.853053][T3178441] block nvme0n1: No UUID available providing old NGUID\nNode  SN\n')).toBeUndefined();
    expect(jsonDocument('[    2.345678] nvme nvme0: pci function 0000:01:00.0\nfirmware 1.2\n')).toBeUndefined();
    expect(jsonDocument('[1.5]\n')).toBe('[1.5]');
    expect(jsonDocument('[1, 2] \n')).toBe('[1, 2]');
  });
  it('reads the JSON under and above words a person wrote without a fence, naming them as text around the output', () => {
    const pasted = 'Here is the output of devlink -j dev info on the affected host:\n\n{"info": {"pci/0000:01:00.0": {}}}\n\nAny idea what is wrong? Thanks in advance.\nRegards,\nJane\n';
    const { value, seen } = observeText(() => jsonDocument(pasted));
    expect(value).toBe('{"info": {"pci/0000:01:00.0": {}}}');
    expect(seen.flatMap((c) => c.noise.filter((n) => n.kind === 'prose').map((n) => n.no))).toEqual([1, 5, 6, 7]);
    expect(jsonDocument('Output example::\n\n[\n  {"a": 1}\n]\n---\nSent from my phone.\n')).toBe('[\n  {"a": 1}\n]');
    // A prompt, the command and the prompt after it are a session around the document.
    expect(jsonDocument('The card reports this:\nroot@host:~# nvme id-ctrl /dev/nvme0 -o json\n{\n  "fr": "1.0"\n}\nroot@host:~#\n')).toBe('{\n  "fr": "1.0"\n}');
  });
  it('sets words a person wrote above and under an XML document without a fence aside as text around it', () => {
    const c = cleanText('The card reports this:\n<?xml version="1.0"?>\n<Devices>\n  <Device pciName="01:00.0"/>\n</Devices>\n\nAs you can see the firmware is old.\nRegards,\nJane\n', { document: true, keepEntities: true });
    expect(c.lines.map((l) => l.no)).toEqual([2, 3, 4, 5]);
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 7, 8, 9]);
    // Text in an element's body is the document's, and a document that is not XML keeps its lines.
    expect(cleanText('<a>\nsome words of the element here.\n</a>\n', { document: true }).lines).toHaveLength(3);
    expect(cleanText('Here is the list:\nfirmware 1.2\n', { document: true }).lines).toHaveLength(2);
  });
  it('does not take a line a tool printed above its JSON for words around it', () => {
    expect(jsonDocument('opcode       : 06\nnsid         : 00\n{"fr": "1.0"}\n')).toBeUndefined();
    expect(jsonDocument('{"a": {"b": 1}}\nnot valid json after it\n')).toBe('{"a": {"b": 1}}');
  });
});

describe('cleanText on pasted forms', () => {
  it('removes e-mail quote markers of any depth and remembers the command of each line', () => {
    const c = cleanText('>> > > $ devlink dev param show pci/0000:3b:00.0 name x\n>> > > pci/0000:3b:00.0:\n>> > >   name x type generic\n');
    expect(c.lines).toEqual([
      { no: 2, text: 'pci/0000:3b:00.0:', command: 'devlink dev param show pci/0000:3b:00.0 name x' },
      { no: 3, text: '  name x type generic', command: 'devlink dev param show pci/0000:3b:00.0 name x' },
    ]);
  });

  it('knows bare command lines, prompts with paths, and empty trailing prompts', () => {
    const c = cleanText('~$ sudo ~/iproute2/devlink/devlink  dev info\npci/0000:01:00.0:\n[osdadmin@os-delivery ~]$\nethtool -i ens3f0\ndriver: i40e\nroot@dh1:~#\n');
    expect(c.lines.map((l) => l.text)).toEqual(['pci/0000:01:00.0:', 'driver: i40e']);
    expect(c.lines[1]!.command).toBe('ethtool -i ens3f0');
  });

  it("knows a bare command line of every declared tool, with sudo or a Windows tool's .exe, not a tool's banner or a module list", () => {
    const commands = (raw: string): (string | undefined)[] => cleanText(raw).lines.map((l) => l.command);
    expect(commands('mlxfwmanager --query\nDevice #1:\n')).toEqual(['mlxfwmanager --query']);
    expect(commands('smartctl.exe -x /dev/sda\nDevice Model:     X\n')).toEqual(['smartctl.exe -x /dev/sda']);
    expect(commands('flint.exe -d mt4119_pciconf0 q\nImage type:  FS4\n')).toEqual(['flint.exe -d mt4119_pciconf0 q']);
    expect(commands('C:\\Tools\\mlxconfig.exe -d mt4119_pciconf0 q\nDevice #1:\n')).toEqual(['C:\\Tools\\mlxconfig.exe -d mt4119_pciconf0 q']);
    expect(commands('sudo nvme.exe list\nNode  SN\n')).toEqual(['sudo nvme.exe list']);
    expect(commands('sudo smartctl /dev/sdb -ja\n{\n')).toEqual(['sudo smartctl /dev/sdb -ja']);
    expect(commands('nvidia-smi\n+-----+\n')).toEqual(['nvidia-smi']);
    expect(commands('lspci -vvv -s 3b:00.0\n3b:00.0 Ethernet controller: X\n')).toEqual(['lspci -vvv -s 3b:00.0']);
    // Real forms: a bare `ethtool  ens14f0 | grep -i speed` in a forum post, `ethtool eth0` in a how-to: an interface's name first.
    expect(commands('ethtool  ens14f0 | grep -i speed\n\tSpeed: 25000Mb/s\n')).toEqual(['ethtool  ens14f0 | grep -i speed']);
    expect(commands('ethtool eth0.100\nSettings for eth0.100:\n')).toEqual(['ethtool eth0.100']);
    expect(commands('nvme nvme0: 8/0/0 default/read/poll queues\n')).toEqual([undefined]);
    expect(commands('lspci | grep Mellanox\n86:00.0 Ethernet controller: Mellanox Technologies MT2910 Family [ConnectX-7]\n')).toEqual(['lspci | grep Mellanox']);
    expect(texts('smartctl 7.2 2020-12-30 r5155 [x86_64-linux-5.10.0] (local build)\nnvme                   45056  3\n')).toHaveLength(2);
  });

  it("reads a command line that redirects its output as that tool's command, not a `>` prompt before a file's name", () => {
    const commands = (raw: string): (string | undefined)[] => cleanText(raw).lines.map((l) => l.command);
    const typed = [
      'mlxlink -d /dev/mst/mt4129_pciconf0 --show_module > /tmp/mlxlink.txt 2>&1',
      'sudo nvme id-ctrl /dev/nvme0 > id-ctrl.txt',
      'ethtool -i eth0 >> report.log',
      'mlxconfig -d 3b:00.0 q 2> /dev/null',
      'sudo flint -d 3b:00.0 q | tee flint.txt > /dev/null',
    ];
    for (const line of typed) {
      const c = cleanText(`${line}\ndriver: mlx5_core\n`);
      expect(c.lines.map((l) => [l.text, l.command]), line).toEqual([['driver: mlx5_core', line]]);
      expect(c.noise.map((n) => [n.kind, n.text]), line).toEqual([['prompt', line]]);
    }
    // The same behind a shell's prompt, and real `>` prompts and a mail's quote as before.
    expect(commands('$ ethtool -i eth0 > /tmp/ethtool.txt\ndriver: ice\n')).toEqual(['ethtool -i eth0 > /tmp/ethtool.txt']);
    expect(commands('[root@h ~]# mlxconfig -d mt4119_pciconf0 q > q.txt\nDevice #1:\n')).toEqual(['mlxconfig -d mt4119_pciconf0 q > q.txt']);
    expect(commands('C:\\Users\\admin>mlxconfig -d mt4119_pciconf0 q\nDevice #1:\n')).toEqual(['mlxconfig -d mt4119_pciconf0 q']);
    expect(commands('PS C:\\> flint -d mt4117_pciconf0 q > C:\\flint.txt\nImage type: FS4\n')).toEqual(['flint -d mt4117_pciconf0 q > C:\\flint.txt']);
    expect(commands('alex@duo > sudo ethtool -i enp2s0 > e.txt\ndriver: igb\n')).toEqual(['sudo ethtool -i enp2s0 > e.txt']);
    expect(texts('> driver: mlx5_core\n> version: 24.10\n')).toEqual(['driver: mlx5_core', 'version: 24.10']);
  });

  // Real form: a Chinese note on Kubernetes with a ConnectX-7 (test/nic/fixtures/real/ethtool-i/mlx5-cx7-zh-k8s-bus-info-hash-note).
  it('cuts a `# ` note after one space off a value, in any script, not a `#` glued to a number or a run of `#`', () => {
    expect(texts('bus-info: 0000:4d:00.0 # 这就是驱动信息\nfirmware-version: 1.2 # latest\n')).toEqual(['bus-info: 0000:4d:00.0', 'firmware-version: 1.2']);
    expect(cleanText('firmware-version: 1.2 # latest\n').noise.map((n) => [n.kind, n.note])).toEqual([['annotation', '# latest']]);
    expect(texts('Linux host 5.15.0-91-generic #101-Ubuntu SMP\nDevice # 1\nPreparing... ## [100%]\n')).toEqual(['Linux host 5.15.0-91-generic #101-Ubuntu SMP', 'Device # 1', 'Preparing... ## [100%]']);
    expect(texts('/dev/sda -d scsi # /dev/sda, SCSI device\n')).toEqual(['/dev/sda -d scsi # /dev/sda, SCSI device']);
  });

  it('cuts an author annotation off a value and notes it', () => {
    const c = cleanText('  fw.mgmt.api 1.7 <--- No patch number included\n');
    expect(c.lines[0]!.text).toBe('fw.mgmt.api 1.7');
    expect(c.noise[0]!.kind).toBe('annotation');
  });

  // Real forms: `head /sys/class/dmi/id/*` pasted in a forum post (test/platform/fixtures/real/dmi-id), smartctl's list of
  // valid -d arguments (test/ata/fixtures/real/smartctl/wdc-wd1003fbyx-…): the closing arrow is the tool's, no note.
  it('keeps an arrow that closes one the line opens with, and still cuts a note after a value', () => {
    const c = cleanText('==> /sys/class/dmi/id/bios_date <==\n03/14/2024\n=======> VALID ARGUMENTS ARE: ata, scsi, auto, test <=======\n');
    expect(c.lines.map((l) => l.text)).toEqual(['==> /sys/class/dmi/id/bios_date <==', '03/14/2024', '=======> VALID ARGUMENTS ARE: ata, scsi, auto, test <=======']);
    expect(c.noise).toEqual([]);
    expect(texts('bios_version 1.23.6 <== the old one\n')).toEqual(['bios_version 1.23.6']);
  });

  // Real form: smartmontools issue 186's smartctl -x of an ST18000NT001, its serial and WWN masked and marked `[trimmed]`.
  it('cuts a bracketed word saying what the writer did to a value off it, not a bracket that is the value or the tool\'s', () => {
    const c = cleanText('Serial Number:    ZRXXXXXX [trimmed]\nLU WWN Device Id: 5 000c50 XXXXXXXXX [trimmed]\n');
    expect(c.lines.map((l) => l.text)).toEqual(['Serial Number:    ZRXXXXXX', 'LU WWN Device Id: 5 000c50 XXXXXXXXX']);
    expect(c.noise.map((n) => [n.kind, n.note])).toEqual([['annotation', '[trimmed]'], ['annotation', '[trimmed]']]);
    expect(texts('Serial Number:    ZRXXXXXX [trimmed]  # the serial\n')).toEqual(['Serial Number:    ZRXXXXXX']);
    // What stands before the note shows no mask: a stump of the value, which cut off from its note would pass for the value.
    const stumps = 'sn        : S3Z9NB0K (redacted)\nSerial: WD-WCC4E <serial removed>\nSerial Number: 1234 [Masked for privacy]\n';
    expect(texts(stumps)).toEqual(stumps.trimEnd().split('\n'));
    expect(texts('Serial: WD-WCC4E (REDACTED)  # mine\n')).toEqual(['Serial: WD-WCC4E (REDACTED)']);
    expect(texts('Serial Number:    [REDACTED]\nsn : (removed)\n  serial_number <redacted>\neth0      Link encap:Ethernet  HWaddr <hidden>\n')).toEqual(['Serial Number:    [REDACTED]', 'sn : (removed)', '  serial_number <redacted>', 'eth0      Link encap:Ethernet  HWaddr <hidden>']);
    expect(texts('User Capacity:    18,000,207,937,536 bytes [18.0 TB]\nRegion 0: Memory at f7e00000 (64-bit, non-prefetchable) [disabled]\n')).toEqual(['User Capacity:    18,000,207,937,536 bytes [18.0 TB]', 'Region 0: Memory at f7e00000 (64-bit, non-prefetchable) [disabled]']);
  });

  // Real form: a Chinese blog's fm10k `ethtool -i`, the writer's note glued to its `#` after the version.
  it('cuts a note written against its # mark off a value, not a number after a #', () => {
    const c = cleanText('version: 0.27.1-gs-patched     #这个驱动并非原版 原版无法满足UIO通讯\nfirmware-version: \n');
    expect(c.lines.map((l) => l.text.trimEnd())).toEqual(['version: 0.27.1-gs-patched', 'firmware-version:']);
    expect(c.noise.map((n) => [n.kind, n.note])).toEqual([['annotation', '#这个驱动并非原版 原版无法满足UIO通讯']]);
    expect(texts('smpboot: x86: Booting SMP configuration:  #1  #2\n')).toEqual(['smpboot: x86: Booting SMP configuration:  #1  #2']);
    // Its spaces collapsed by a web page, the note in Chinese is still one; an ASCII word after one space may be the value's.
    expect(texts('version: 0.27.1-gs-patched #这个驱动并非原版\n')).toEqual(['version: 0.27.1-gs-patched']);
    expect(texts('Firmware Version: 1.0 #patched\n')).toEqual(['Firmware Version: 1.0 #patched']);
  });

  // Real forms: a forum paste with the prompt's sign lost (`root@host:smartctl`), a session typed without a space after `#`.
  it('knows a prompt with no space before the command, and a prompt lacking its sign before a tool', () => {
    const c = cleanText('root@host:smartctl --x /dev/sdi\nModel Family: X\n[root@h ~]#nvme list\nNode  SN\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['Model Family: X', 'smartctl --x /dev/sdi'], ['Node  SN', 'nvme list']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt']);
  });

  it('knows a prompt before any tool a class runs, replays or imports, not only a few', () => {
    const tools = ['mlxfwmanager --query', 'mlxup --query', 'nvidia-smi -q', 'lspci -vvv', 'hdparm -I /dev/sda', 'dmidecode -t 0', 'mstreg -d 01:00.0 --get', 'lsscsi -g'];
    for (const cmd of tools) {
      const c = cleanText(`[root@node1 ~]# ${cmd}\nDevice #1: x\n`);
      expect(c.lines.map((l) => [l.text, l.command]), cmd).toEqual([['Device #1: x', cmd]]);
    }
    // A tool's own banner is no command line.
    expect(texts('# dmidecode 3.3\nGetting SMBIOS data from sysfs.\n')).toEqual(['# dmidecode 3.3', 'Getting SMBIOS data from sysfs.']);
    // Nor is one with more words after the version, or the word `version` before it, behind a `#`.
    const banner = '# smartctl 7.3 2022-02-28 r5338 [x86_64-linux-6.1.0] (local build)';
    expect(texts(`${banner}\nCopyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org\n`)[0]).toBe(banner);
    expect(texts('# nvme version 2.4\n')).toEqual(['# nvme version 2.4']);
  });

  it('does not take words ending in a tool name for a prompt', () => {
    expect(texts('# ship it\n')).toEqual(['# ship it']);
  });

  // Real forms: a Gentoo forum paste, ESXi's busybox shell, a Mellanox MLNX_EN README (test/nic/fixtures/real/ethtool-i).
  it('knows prompts with a space before the sign (user@host ~ $, ~ #) and the #> prompt', () => {
    const c = cleanText('gates@GNAS ~ $ ethtool -i eth0\ndriver: tg3\n~ # ethtool -i vmnic0\ndriver: bnx2x\n~ #\n#> ethtool -i eth2\ndriver: mlx4_en\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: tg3', 'ethtool -i eth0'], ['driver: bnx2x', 'ethtool -i vmnic0'], ['driver: mlx4_en', 'ethtool -i eth2']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
  });

  // Real form: kernel bugzilla 215788 (test/scsi/fixtures/real, the ARC-1280ML runs): Gentoo's root prompt is the host, the folder, then `#`.
  it("knows Gentoo's root prompt (host ~ # cmd, host /path # cmd)", () => {
    const c = cleanText('deepthought ~ # sg_inq /dev/sda\n Vendor identification: Areca\ndeepthought /etc # smartctl -i /dev/sdb\nDevice Model:     X\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([[' Vendor identification: Areca', 'sg_inq /dev/sda'], ['Device Model:     X', 'smartctl -i /dev/sdb']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt']);
  });

  // SUSE's root prompt puts a space before the sign after host:path (SUSE documentation and supportconfig tickets).
  it("knows SUSE's root prompt (host:~ # cmd, host:/path # cmd) and its bare form", () => {
    const c = cleanText('sles15:~ # ethtool -i eth0\ndriver: ice\nlinux-x1y2:/tmp # nvme fw-log /dev/nvme0\nafi  : 0x1\nsles15:~ #\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: ice', 'ethtool -i eth0'], ['afi  : 0x1', 'nvme fw-log /dev/nvme0']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt']);
    // A value with a colon and a later hash stays a line of the output, the words after its `# ` no part of the value.
    expect(texts('bus-info: 0000:3b:00.0 # ethtool -i\n')).toEqual(['bus-info: 0000:3b:00.0']);
  });

  // Real form (test/ata/fixtures/real/smartctl, smartmontools pull request 639): macOS zsh's default prompt, the folder then `%`.
  it("knows macOS zsh's prompt (dir % cmd, user@host dir % cmd)", () => {
    const c = cleanText('smartmontools % sudo ./src/smartctl -a /dev/disk5\nsmartctl pre-8.0-583-modified\nbob@mac ~ % nvme list\nNode SN\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['smartctl pre-8.0-583-modified', 'sudo ./src/smartctl -a /dev/disk5'], ['Node SN', 'nvme list']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt']);
    // A percentage in an output is no prompt.
    expect(texts('Percentage Used:                    0 %  smartctl\n')).toEqual(['Percentage Used:                    0 %  smartctl']);
  });

  // Real form (test/ata/fixtures/real/hdparm, nwipe issue 444): GitHub's mail redaction turns `[root@host ~]#` into
  // `[***@***.*** ~]#`, and the stored copy lost its `[`; the stars were read as Markdown bold (`*@*.***`) and the line as output.
  it("knows a prompt GitHub's mail redaction left, with or without its opening bracket, bare or with a command", () => {
    const c = cleanText('***@***.*** ~]# hdparm -I /dev/sdb\n\n/dev/sdb:\n[***@***.*** ~]$ sudo ethtool -i eth0\ndriver: ixgbe\n***@***.*** ~]#\n[***@***.*** ~]#\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['/dev/sdb:', 'hdparm -I /dev/sdb'], ['driver: ixgbe', 'sudo ethtool -i eth0']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
    // Bold around a value still is Markdown; three stars around an address are not bold marks.
    expect(texts('fw: **16.35.2000**\nmail: ***@***.***\n')).toEqual(['fw: 16.35.2000', 'mail: ***@***.***']);
  });

  // Real form (test/ata/fixtures/real/smartctl, a 2009 forum thread kept as Markdown): the converter made every address a
  // link to itself, smartctl 5.38's `Home page is` line included, which was then no banner line but an unread one.
  it('takes a Markdown link to itself as the address it shows; a link with words of its own stays as written', () => {
    expect(texts('Home page is [http://smartmontools.sourceforge.net/](http://smartmontools.sourceforge.net/)\nCopyright (C) 2002-22, Bruce Allen, Christian Franke, [www.smartmontools.org](http://www.smartmontools.org)\nsee [the wiki](http://x.org/wiki) and [1](#fn1)\n')).toEqual([
      'Home page is http://smartmontools.sourceforge.net/', 'Copyright (C) 2002-22, Bruce Allen, Christian Franke, www.smartmontools.org', 'see [the wiki](http://x.org/wiki) and [1](#fn1)',
    ]);
  });

  // Real forms (test/nic/fixtures/real/ethtool-i): an openSUSE mail, a starship prompt, an oh-my-zsh prompt, a forum post in Markdown bold.
  it('knows the host:~ # prompt, the zsh themes\' arrow prompts, and a command line in Markdown bold', () => {
    const c = cleanText('zabulon:~ # ethtool -i eth0 \ndriver: r8169\n❯ sudo ethtool -i enp2s0\ndriver: r8169\n➜  ~ ethtool -i enp3s0\ndriver: r8169\n**root@mice:~# ethtool -i eth1**\ndriver: r8169\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([
      ['driver: r8169', 'ethtool -i eth0'], ['driver: r8169', 'sudo ethtool -i enp2s0'], ['driver: r8169', 'ethtool -i enp3s0'], ['driver: r8169', 'ethtool -i eth1'],
    ]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
    // Bold text that is not a command line stays a line of the output.
    expect(texts('**driver: r8169**\n')).toEqual(['driver: r8169']);
  });

  it("removes a unified diff's added-line marker that every line carries (an output in a patch, quoted in a review)", () => {
    expect(texts('> + Output example:\n> + driver: atlantic\n> + version: 1.6.9.0\n> +\n')).toEqual(['Output example:', 'driver: atlantic', 'version: 1.6.9.0']);
    // One line starting with + among others is a line of the output.
    expect(texts('driver: x\n+ version: 1\n')).toEqual(['driver: x', '+ version: 1']);
  });

  it('knows elisions with words around the dots (... snip ...) and tells an elided value', () => {
    expect(cleanText('a: 1\n... snip ...\n...snipped...\n').noise.map((n) => n.kind)).toEqual(['elision', 'elision']);
    expect([isElision('[...]'), isElision(' ... '), isElision('<snip>'), isElision('S5RT0'), isElision('')]).toEqual([true, true, true, false, false]);
  });

  // The nvme corpus's linux-nvme mail quotes a run under `root@mat ~/nvme-cli (master)#`; mailing lists cut with ---snip--- and scissors.
  it('knows a prompt showing a git branch, and snip and scissors lines as elisions', () => {
    const c = cleanText('root@mat ~/nvme-cli (master)# ./nvme id-ns /dev/nvme0n1\nnsze    : 0x1\n---snip---\nncap    : 0x1\n-- >8 --\n[...snip...]\nuser@host:~/src (main)$ nvme fw-log /dev/nvme0\nfrs1 : 0x1\nroot@mat ~/nvme-cli (master)#\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([
      ['nsze    : 0x1', './nvme id-ns /dev/nvme0n1'], ['ncap    : 0x1', './nvme id-ns /dev/nvme0n1'], ['frs1 : 0x1', 'nvme fw-log /dev/nvme0'],
    ]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'elision', 'elision', 'elision', 'prompt', 'prompt']);
    // BusyBox's root prompt shows the working directory: `/ # cmd`, `/tmp # cmd` (the ata corpus's smt583-inland-qn322).
    const b = cleanText('/ # smartctl -x /dev/sda\nModel Family: X\n/tmp # smartctl -i /dev/sdb\nDevice Model: Y\n/ # \n');
    expect(b.lines.map((l) => [l.text, l.command])).toEqual([['Model Family: X', 'smartctl -x /dev/sda'], ['Device Model: Y', 'smartctl -i /dev/sdb']]);
    expect(b.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt']);
    // Prompts of the nic and mlx5 corpora: zsh/fish `user@host >`, a mail's `[host](0) $`, an emoji theme, WinMFT's PowerShell in a folder with spaces.
    const p = cleanText('alex@duo > sudo ethtool -i enp2s0\ndriver: igb\n[schwarzgerat](0) $ ethtool -i igb\ndriver: igb\n\u{1F912}  ethtool -i wlo1\ndriver: iwlwifi\nPS C:\\Program Files\\Mellanox\\WinMFT> flint -d mt4099_pci_cr0 q\nImage type:            FS2\n');
    expect(p.lines.map((l) => [l.text, l.command])).toEqual([
      ['driver: igb', 'sudo ethtool -i enp2s0'], ['driver: igb', 'ethtool -i igb'], ['driver: iwlwifi', 'ethtool -i wlo1'], ['Image type:            FS2', 'flint -d mt4099_pci_cr0 q'],
    ]);
    expect(p.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
    // A dashed line without the word is not an elision, nor is a value holding the word.
    expect([isElision('----------'), isElision('snip'), isElision('--- snip ---'), isElision('==== cut ====')]).toEqual([false, false, true, true]);
  });

  it('sets a static site generator\'s highlight tags aside like a fence (Hugo, Jekyll)', () => {
    const c = cleanText('{{< highlight basic "hl_lines=10" >}}\nModel: X\n{{< /highlight >}}\n{% highlight console %}\ndriver: qede\n{% endhighlight %}\n{{ not a tag }}\n');
    // Outside the fenced blocks, `{{ not a tag }}` is the post's prose, not a fence.
    expect(c.lines.map((l) => l.text)).toEqual(['Model: X', 'driver: qede']);
    expect(c.noise.map((n) => n.kind)).toEqual(['fence', 'fence', 'fence', 'fence', 'prose']);
  });

  it('removes comment markers that every line of a pasted output carries, not those of a lone comment or a root prompt', () => {
    expect(texts('ethtool -i enp202s0f0np0\n# driver: mlx5_core\n# version: 24.10-1.1.4\n#\n')).toEqual(['driver: mlx5_core', 'version: 24.10-1.1.4']);
    // Real form: a DCB how-to's script, each command under the writer's comment: the comments stay the writer's words.
    const dcb = cleanText('# Verify firmware supports DCB\nethtool -i ens8f0np0\n# driver: mlx5_core\n\n# Check DCB capability\nethtool --show-features ens8f0np0 | grep dcb\n# DCB: on\n');
    expect(dcb.lines.map((l) => l.text)).toEqual(['driver: mlx5_core', 'DCB: on']);
    expect(dcb.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 5]);
    expect(texts('    # Sample output:\n    # driver: gve\n    # bus-info: 0000:00:04.0\n')).toEqual(['Sample output:', 'driver: gve', 'bus-info: 0000:00:04.0']);
    expect(texts('# ethtool -i eth0\ndriver: tg3\n# a note\n')).toEqual(['driver: tg3', '# a note']);
  });

  // Real form: a Netronome document comparing i40e and ConnectX-5 (test/nic/fixtures/real/ethtool-i/mlx5-i40e-rst-literal-headings-two-outputs).
  it("takes a reST document's section titles and its `::` markers for the author's, not a tool's titles over dashes", () => {
    const rst = ['Intel i40e vs Mellanox', '======================', '', 'Mellanox', '--------', '::', '', ' driver: mlx5_core', '', 'Intel (i40e)', '------------', '::', '', ' driver: i40e'].join('\n');
    expect(texts(rst)).toEqual(['driver: mlx5_core', 'driver: i40e']);
    expect(texts('Operational Info\n----------------\nState : Active\n')).toEqual(['Operational Info', '----------------', 'State : Active']);
    // Indented as a whole, the document keeps its titles at its own margin.
    expect(texts(rst.replace(/^/gm, '    '))).toEqual(['driver: mlx5_core', 'driver: i40e']);
  });

  // Real form: a RoCE how-to's ConnectX-7 prerequisites, the output as comments in a script among other commands.
  it('reads comment lines right under a command line as its output when they are a tool\'s fields, in a script among other commands', () => {
    const script = ['```bash', '# Check firmware version', 'ethtool -i ens8f0np0', '# driver: mlx5_core', '# firmware-version: 28.39.1002', '', '# Install tools', 'yum install -y mstflint', '```'].join('\n');
    expect(cleanText(script).lines.slice(0, 2).map((l) => [l.text, l.command])).toEqual([['driver: mlx5_core', 'ethtool -i ens8f0np0'], ['firmware-version: 28.39.1002', 'ethtool -i ens8f0np0']]);
    // Under a root prompt's `# ethtool -i X` too; a comment of words under a command, or a tool's `#` banner, stays as it is.
    // The script's other steps (`apt install x`) are its commands, not lines of the output above them.
    expect(texts('# ethtool -i ens1f0\n# driver: ice\n# bus-info: 0000:3b:00.0\napt install x\n')).toEqual(['driver: ice', 'bus-info: 0000:3b:00.0']);
    expect(texts('ethtool -i eth0\n# Verify the driver in the documentation\napt install x\n')).toEqual(['# Verify the driver in the documentation', 'apt install x']);
    expect(texts('dmidecode -t 0\n# dmidecode 3.3\nGetting SMBIOS data from sysfs.\n')).toEqual(['# dmidecode 3.3', 'Getting SMBIOS data from sysfs.']);
    // A reply's words cutting the commented output: its rest, quoted below them, is still the output.
    const cut = cleanText(['>> ethtool -i eth0', '>> # driver: mlx5_core', '>', '> Is this all the device prints here?', '', 'Yes, the rest follows below.', '', '>> # firmware-version: 22.37.1014', '>', '> Thanks, that answers it.'].join('\n'));
    expect(cut.lines.map((l) => l.text)).toEqual(['driver: mlx5_core', 'firmware-version: 22.37.1014']);
    // An elision or a chat client's header inside it does not end it either.
    for (const mark of ['...', '(...)', 'Jane Roe  10:43 AM']) {
      expect(texts(['ethtool -i eth0', mark, '# driver: mlx5_core', '# version: 24.01-0.3.3', mark, '# firmware-version: 22.37.1014', 'yum install x'].join('\n')).filter((t) => /^\w+(?:-\w+)?: /.test(t)), mark).toEqual(['driver: mlx5_core', 'version: 24.01-0.3.3', 'firmware-version: 22.37.1014']);
    }
  });

  // Real forms (test/nic/fixtures/real/ethtool-i): a bisect report's `# mii-tool -v enp3s0`, a netns report's `#OS/kernel version`.
  it("takes a root prompt's `#` and a command of a tool fwsnap does not know for a command line, and `#words` above a command for a comment", () => {
    const c = cleanText('# ethtool -i enp3s0\ndriver: r8169\n\n# mii-tool -v enp3s0\nenp3s0: negotiated 1000baseT-FD flow-control, link ok\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: r8169', 'ethtool -i enp3s0'], ['enp3s0: negotiated 1000baseT-FD flow-control, link ok', 'mii-tool -v enp3s0']]);
    expect(texts('# dmidecode 3.3\nGetting SMBIOS data from sysfs.\n')).toEqual(['# dmidecode 3.3', 'Getting SMBIOS data from sysfs.']);
    const n = cleanText('#OS/kernel version\nroot@host:~# uname -a\nLinux host 5.15.0-60-generic #66 SMP x86_64 GNU/Linux\n').noise;
    expect(n.map((x) => [x.no, x.kind])).toEqual([[1, 'prose'], [2, 'prompt'], [3, 'kernel']]);
  });
});

describe('what a terminal, a Windows prompt or a forwarded mail adds around a pasted session', () => {
  it("sets sudo's password prompt, the login banner and sudo's host warning aside", () => {
    const c = cleanText('Last login: Mon Dec  1 09:58:12 2026 from 10.1.2.3\nbob@host:~$ sudo ethtool -i eth0\nsudo: unable to resolve host node-07: Name or service not known\n[sudo] password for bob: \ndriver: ice\nPassword:\nbob@host:~$\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: ice', 'sudo ethtool -i eth0']]);
    expect(c.noise.every((n) => n.kind === 'prompt')).toBe(true);
  });

  it("sets sudo-rs's password prompt aside (Ubuntu 25.10 and later: `[sudo: authenticate] Password:`)", () => {
    const c = cleanText('$ sudo smartctl -a /dev/nvme0n1\n[sudo: authenticate] Password:\nModel Number:                       X\n$\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['Model Number:                       X', 'sudo smartctl -a /dev/nvme0n1']]);
    expect(c.noise.every((n) => n.kind === 'prompt')).toBe(true);
  });

  it('takes back the character before each backspace a terminal echoed', () => {
    const c = cleanText('root@host:~# ethtool -i eth1\b\x1b[K0\ndriver: icee\b \b\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: ice', 'ethtool -i eth0']]);
  });

  it("knows cmd.exe's prompt, with and without a command", () => {
    const c = cleanText('C:\\Program Files\\Mellanox\\WinMFT>flint -d mt4099_pci_cr0 q\r\nImage type:            FS2\r\n\r\nC:\\Program Files\\Mellanox\\WinMFT>\r\nC:\\>smartctl -i /dev/sda\r\nDevice Model: X\r\nPS C:\\Users\\bob>\r\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['Image type:            FS2', 'flint -d mt4099_pci_cr0 q'], ['Device Model: X', 'smartctl -i /dev/sda']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
  });

  it("sets a forwarded mail's header block aside, quoted or not", () => {
    const outlook = cleanText('Please see below.\n\n-----Original Message-----\nFrom: Bob Roe <bob@example.com>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Support <support@example.com>\nSubject: RE: firmware\n\ndriver: ice\nversion: 6.1\n');
    // The sentence above is text around the output as any other (pasted-text.ts), the header block set aside here.
    expect(outlook.lines.map((l) => l.text)).toEqual(['Please see below.', 'driver: ice', 'version: 6.1']);
    expect(outlook.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([3, 4, 5, 6, 7]);
    const gmail = cleanText('---------- Forwarded message ---------\nFrom: Bob Roe <bob@example.com>\nDate: Mon, Dec 1, 2026 at 10:00 AM\nSubject: firmware\nTo: <support@example.com>\n\n> driver: ice\n> version: 6.1\n');
    expect(gmail.lines.map((l) => l.text)).toEqual(['driver: ice', 'version: 6.1']);
    expect(gmail.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 2, 3, 4, 5]);
    // A tool's own `Date:` or `From:` line is no header without the mark above it.
    expect(cleanText('Date: 2026-12-01\nFrom: flash\n').lines).toHaveLength(2);
  });
});

describe("a person's `#` comment in a pasted shell session", () => {
  it('sets a comment between commands aside as their words, apart from a root prompt; one inside an output stays its line', () => {
    const c = cleanText('# Before updating the firmware:\n$ ethtool -i eth0\ndriver: mlx5_core\nfirmware-version: 16.35.2000 (MT_0000000080)\n# After the update, as root:\n# ethtool -i eth0\ndriver: mlx5_core\n# the firmware is new now\nfirmware-version: 16.35.3006 (MT_0000000080)\n');
    expect(c.lines.map((l) => [l.no, l.text, l.command])).toEqual([
      [3, 'driver: mlx5_core', 'ethtool -i eth0'], [4, 'firmware-version: 16.35.2000 (MT_0000000080)', 'ethtool -i eth0'],
      [7, 'driver: mlx5_core', 'ethtool -i eth0'], [8, '# the firmware is new now', 'ethtool -i eth0'], [9, 'firmware-version: 16.35.3006 (MT_0000000080)', 'ethtool -i eth0'],
    ]);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prose'], [2, 'prompt'], [5, 'prose'], [6, 'prompt']]);
    // A sentence as the paste's last line is the person's too, under an output indented as a whole.
    const last = cleanText('$ lspci -s 41:\n    41:00.0 Serial Attached SCSI controller: SAS38xx\n    \tKernel driver in use: mpt3sas\n# the values above are from the test system\n');
    // The tab after the paste's 4 columns of indentation reaches the tab stop at 8, as the paste shows it.
    expect(last.lines.map((l) => l.text)).toEqual(['41:00.0 Serial Attached SCSI controller: SAS38xx', '    Kernel driver in use: mpt3sas']);
  });

  it('takes a short comment for a person\'s when a command line follows it', () => {
    const c = cleanText('# Before updating with Dell Firmware\nroot@kube01:~# mlxfwmanager | grep PSID\nPSID:             DEL2420110034\n## after\n[root@host ~]# lsblk\n');
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 4]);
  });

  it('sets a comment typed at a prompt aside as a command line that runs nothing', () => {
    const c = cleanText('root@host:~# # check the firmware first\nroot@host:~# ethtool -i eth0\ndriver: ice\n$ # done\nroot@host:~#\n');
    expect(c.lines.map((l) => [l.text, l.command])).toEqual([['driver: ice', 'ethtool -i eth0']]);
    expect(c.noise.map((n) => n.kind)).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
  });

  it("keeps a tool's own `#` lines: a self-test log's, a version banner, an aligned table", () => {
    const log = '# 1  Short offline       Completed without error       00%      4060         -\n# 2  Extended offline    Completed: read failure       90%      4051         1234\n';
    expect(cleanText(log).lines).toHaveLength(2);
    expect(cleanText('# dmidecode 3.3\nGetting SMBIOS data from sysfs.\n').lines.map((l) => l.no)).toEqual([1, 2]);
    expect(cleanText('# Num Test_Description Status Remaining LifeTime(hours) LBA_of_first_error\n# 1 Short offline Completed without error 00% 4060 -\n').lines).toHaveLength(2);
  });
});

describe('cleanText on the other ways outputs travel in tickets', () => {
  const OUT = ['pci/0000:01:00.0:', '  driver mlx5_core', '  versions:', '      running:', '        fw.version 16.35.2000'];

  it('keeps only the fenced block of a Markdown post, whatever the fence', () => {
    // Qiita's and Zenn's fences name the block's role or file after a colon (a how-to's r8169 `ethtool -i` in ```bash:output).
    for (const [open, close] of [['```', '```'], ['```console', '```'], ['~~~', '~~~'], ['```bash:output', '```'], ['```text:log', '```'], ['```yaml:/etc/netplan/01.yaml', '```']]) {
      const c = cleanText(['Hi, here is what `devlink dev info` prints:', '', open, ...OUT, close, '', 'Any idea? Thanks.'].join('\n'));
      expect(c.lines.map((l) => l.text)).toEqual(OUT);
      expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 11]);
    }
  });

  it('reads the output under a fence that holds only the command typed, pasted under it unfenced', () => {
    // A GitHub issue's fwupdmgr tree under ```shell / fwupdmgr get-devices / ```: every line of it was the person's.
    const c = cleanText(['```shell', 'devlink dev info', '```', ...OUT].join('\n'));
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('devlink dev info');
    // A fence holding a tool's lines still marks the person's words off.
    const held = cleanText(['```', 'devlink dev info', OUT[0]!, '```', 'pci/0000:02:00.0: is the other card'].join('\n'));
    expect(held.lines.map((l) => l.text)).toEqual([OUT[0]]);
  });

  it('reads the first line of a block whose fence opening mark is glued to it', () => {
    // A GitHub comment's nvidia-smi -q: ```==============NVSMI LOG==============, the closing fence alone.
    const c = cleanText(['Here it is:', '```==============NVSMI LOG==============', '', 'Driver Version : 515.65.01', '```', 'Thanks.'].join('\n'));
    expect(c.lines.map((l) => [l.no, l.text])).toEqual([[2, '==============NVSMI LOG=============='], [4, 'Driver Version : 515.65.01']]);
    expect(cleanText('```{"a": 1}\n```').lines.map((l) => l.text)).toEqual(['{"a": 1}']);
    // Cut before its closing fence, at the paste's top.
    expect(cleanText('```==============NVSMI LOG==============\nDriver Version : 515.65.01').lines.map((l) => l.text)).toEqual(['==============NVSMI LOG==============', 'Driver Version : 515.65.01']);
    // An info string is no glued line, pandoc's attributes in braces neither.
    expect(cleanText('```console\nx: 1\n```').lines.map((l) => l.text)).toEqual(['x: 1']);
    expect(cleanText('```{.sh}\nx: 1\n```').lines.map((l) => l.text)).not.toContain('{.sh}');
  });

  it('turns back UTF-8 that was read as Windows-1252 and saved again', () => {
    // A fwupd issue's fwupdtool tree as a browser decoded its attachment: `â”œâ”€` for `├─`, `â€¢` for `•`.
    const c = cleanText(['â”‚', 'â”œâ”€D09001 Lexa XL A0:', 'â”‚     Device Flags:       â€¢ Cryptographic hash verification is available'].join('\n'));
    expect(c.lines.map((l) => l.text)).toEqual(['│', '├─D09001 Lexa XL A0:', '│     Device Flags:       • Cryptographic hash verification is available']);
    // One such pair alone, or one that is no UTF-8, is left as it is.
    expect(texts('Temperature: 45Â°C')).toEqual(['Temperature: 45Â°C']);
    expect(texts('a: voilà» x\nb: Ã')).toEqual(['a: voilà» x', 'b: Ã']);
  });

  it('undoes Markdown bold and code around values, but not inside a document', () => {
    expect(texts('Firmware Version: **SBFK71E0**\nfirmware-version: `16.35.2000` (MT_0000000012)\n`unpaired')).toEqual(['Firmware Version: SBFK71E0', 'firmware-version: 16.35.2000 (MT_0000000012)', '`unpaired']);
    expect(jsonDocument('{"msg": "`a` **b**"}')).toBe('{"msg": "`a` **b**"}');
  });

  it('undoes Markdown bold a person put around several lines: the opening mark glued to the first, the closing one alone', () => {
    // nvme-cli issue 209 (test/nvme/fixtures/real/id-ctrl/intel-p3700-*): both marks were read as two unread lines.
    expect(texts('My Controller info:\n**NVME Identify Controller:\nvid     : 0x8086\nfr      : 8DV101H0\n**\nnvme id-ctrl /dev/nvme0 -H')).toEqual(['My Controller info:', 'NVME Identify Controller:', 'vid     : 0x8086', 'fr      : 8DV101H0']);
    expect(texts('**driver: mlx5_core\nversion: 5.0-0**')).toEqual(['driver: mlx5_core', 'version: 5.0-0']);
    // One mark with no partner stays.
    expect(texts('**driver: mlx5_core\nversion: 5.0-0')).toEqual(['**driver: mlx5_core', 'version: 5.0-0']);
  });

  it('removes an indented output\'s indentation across a person\'s sentence at the margin between its lines', () => {
    // An id-ctrl -H published indented as a whole (a README's code block) with an inline reply in its middle: the
    // sentence kept the shared indentation from being removed, so no field line started at the margin and nvme's reader
    // found no vid (paste sweep, 'a margin line', on test/nvme/fixtures/real/id-ctrl/samsung-sm951-firmware-readme-H).
    expect(texts('    vid     : 0x144d\n    oacs    : 0x7\n      [0:0] : 0x1\tSecurity Send and Receive Supported\nThe values below were read after the reboot.\n    frmw    : 0x6\n')).toEqual(['vid     : 0x144d', 'oacs    : 0x7', '  [0:0] : 0x1       Security Send and Receive Supported', 'The values below were read after the reboot.', 'frmw    : 0x6']);
    // A heading at the margin is no sentence: a tool's own (`Settings for eth1:`) keeps the indentation under it.
    expect(texts('Settings for eth0:\n\tSpeed: 1000Mb/s\nSettings for eth1:\n\tSpeed: 10000Mb/s\n')).toEqual(['Settings for eth0:', '        Speed: 1000Mb/s', 'Settings for eth1:', '        Speed: 10000Mb/s']);
  });

  it('decodes a quoted-printable mail body: =3D, encoded line ends and bytes, soft line breaks', () => {
    const qp = 'Rom Info:              type=3DUEFI version=3D14.21.17 cpu=3DAMD64 type=3DPXE v=\nersion=3D3.6.102\nModel=C2=A0Number: X=20\n';
    expect(texts(qp)).toEqual(['Rom Info:              type=UEFI version=14.21.17 cpu=AMD64 type=PXE version=3.6.102', 'Model Number: X']);
    // `=` followed by two hex digits in a plain output is left alone.
    expect(texts('AuxCurrent=0mA DSel=01\nversion=14.21\n')).toEqual(['AuxCurrent=0mA DSel=01', 'version=14.21']);
  });

  it('joins a soft line break of a quoted-printable body quoted or indented after it was encoded, without the quote\'s prefix', () => {
    const qp = ['3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [Connect=', 'X-5] (rev ff) (prog-if ff)', '        Capabilities: [100] Vendor Specific Information: ID=3D0001 Rev=3D1 =', 'Len=3D010'];
    const read = ['3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [ConnectX-5] (rev ff) (prog-if ff)', '        Capabilities: [100] Vendor Specific Information: ID=0001 Rev=1 Len=010'];
    for (const prefix of ['', '> ', '>> ', '> > ', '    ', '\t']) {
      expect(texts(`${qp.map((l) => prefix + l).join('\n')}\n`), JSON.stringify(prefix)).toEqual(read);
      // A continuation's own leading space (a break before a space of the text) stays.
      const own = `${prefix}Device #1:\n${prefix}  Description: ConnectX-6 VPI adapter card; single-port QSFP56; Socket Direct 2x8 in a row; ROHS=\n${prefix} R6=3D\n`;
      expect(texts(own).at(-1), JSON.stringify(prefix)).toBe('  Description: ConnectX-6 VPI adapter card; single-port QSFP56; Socket Direct 2x8 in a row; ROHS R6=');
    }
  });

  it('joins a soft line break of a quoted-printable body after what was added to every encoded line: a log prefix, an Ansible header, a diff', () => {
    const qp = [' # lspci -vvv -s 0000:3f:00.0', ' 3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [Connect=', 'X-5] (rev ff) (prog-if ff)', '         Kernel driver in use: mlx5_core'];
    const read = ['3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [ConnectX-5] (rev ff) (prog-if ff)', '        Kernel driver in use: mlx5_core'];
    const logged: ((l: string, i: number) => string)[] = [
      (l, i) => `Dec  1 10:00:0${i} host lspci[4242]: ${l}`,
      (l, i) => `Dec 01 10:00:0${i} node-07 lspci[4246]: ${l}`,
      (l, i) => `2026-12-01T10:00:0${i}.123456${i}Z ${l}`,
      (l, i) => `Dec 01 10:00:0${i} ${l}`,
      (l) => `[pod/fwsnap-collect-7d9f4/collector] ${l}`,
    ];
    for (const prefix of logged) expect(texts(`${qp.map(prefix).join('\n')}\n`), prefix(' ', 0)).toEqual(read);
    expect(texts(`node-07 | CHANGED | rc=0 >>\n${qp.join('\n')}\n`)).toEqual(read);
    // A diff of two bodies as encoded: its marks and its headers (at the margin) are no indentation of the body.
    const diff = ['--- before.txt', '+++ after.txt', '@@ -1,4 +1,4 @@', '- # lspci -vvv -s 0000:3f:01.0', ...qp.map((l, i) => (i === 0 ? `+${l}` : ` ${l}`))];
    expect(texts(`${diff.join('\n')}\n`)).toEqual(read);
    // A document's heading at the margin over the body it indented: the heading is no measure of the indentation.
    expect(texts(`Output of the command on the host::\n\n${qp.map((l) => `    ${l}`).join('\n')}\n\nThe values above are from a test system.\n`).slice(0, 2)).toEqual(read);
  });

  it('decodes a quoted-printable body a wiki page or forum post wrapped: the markup alone on its line and a wiki heading hold `=` and are no part of the body', () => {
    const qp = 'standard INQUIRY:\n  PQual=3D0  PDT=3D0  RMB=3D0  LU_CONG=3D0  hot_pluggable=3D0  version=3D0x=\n05  [SPC-3]\n  [AERC=3D0]  [TrmTsk=3D0]\n';
    const plain = 'standard INQUIRY:\n  PQual=0  PDT=0  RMB=0  LU_CONG=0  hot_pluggable=0  version=0x05  [SPC-3]\n  [AERC=0]  [TrmTsk=0]\n';
    const wraps = [(b: string) => `== Output ==\n<syntaxhighlight lang="text">\n${b}</syntaxhighlight>\n`, (b: string) => `[quote="jdoe, post:3, topic:1234"]\n${b}[/quote]\n`, (b: string) => `<pre class="x">\n${b}</pre>\n`];
    for (const wrap of wraps) {
      expect(texts(wrap(qp)), wrap('')).toEqual(texts(wrap(plain)));
      expect(texts(wrap(qp)).join('\n'), wrap('')).toContain('PDT=0');
    }
  });

  it('decodes a quoted-printable body that was encoded with a log or a diff in it: the continuations carry no prefix or mark', () => {
    const log = ['Dec  1 10:00:01 host lspci[4242]: 3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Fam=', 'ily [ConnectX-5] (rev ff)', 'Dec  1 10:00:02 host lspci[4242]:         Kernel driver in use: mlx5_core'];
    expect(texts(`${log.join('\n')}\n`)).toEqual(['3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [ConnectX-5] (rev ff)', '        Kernel driver in use: mlx5_core']);
    const diff = ['--- a.txt', '+++ b.txt', '@@ -1,2 +1,2 @@', '-3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [Conne=', 'ctX-5] (rev 00)', '+3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [Conne=', 'ctX-5] (rev ff)', '         Kernel driver in use: mlx5_core'];
    expect(texts(`${diff.join('\n')}\n`)).toEqual(['3f:00.0 Ethernet controller: Mellanox Technologies MT27800 Family [ConnectX-5] (rev ff)', '        Kernel driver in use: mlx5_core']);
  });

  it('leaves out a chat client\'s message headers above and between the messages that carry an output (Slack, Teams)', () => {
    for (const header of [(t: string, who: string) => `${who}  ${t} AM`, (t: string, who: string) => `[${t} AM] ${who}`, (t: string, who: string) => `${who}, Yesterday ${t} AM`]) {
      const c = cleanText(`${header('10:42', 'Jane Roe')}\nhere is what devlink dev info prints:\n${OUT.slice(0, 3).join('\n')}\n${header('10:43', 'Jane Roe')}\n${OUT.slice(3).join('\n')}\n${header('10:45', 'Bob Smith')}\nthanks, looking at it now\n`);
      // The person's sentences stay for the parser to name and pastedText to set aside; the headers are no lines.
      expect(c.lines.map((l) => l.text), header('10:42', 'x')).toEqual(['here is what devlink dev info prints:', ...OUT, 'thanks, looking at it now']);
      expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no), header('10:42', 'x')).toEqual([1, 6, 9]);
    }
    expect(jsonDocument('[10:42 AM] Jane Roe\n{"dev": {"pci/0000:01:00.0": {}}}\n[10:45 AM] Bob Smith\nthanks\n')).toBe('{"dev": {"pci/0000:01:00.0": {}}}');
  });

  it('reads a reST literal block whose indented lines are a mail quote: the `::` paragraph and the words after it are the author\'s', () => {
    const c = cleanText(`The card reports the following.\n\n::\n\n${OUT.map((l) => `  > ${l}`).join('\n')}\n\nThe values above are from a test system.\n`);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 3, 11]);
  });

  it('removes a log prefix on every line: syslog, journald, a CI log time, ts, kubectl --prefix', () => {
    const prefixed = [
      (l: string, i: number) => `Dec  1 10:00:0${i} host devlink[4242]: ${l}`,
      (l: string, i: number) => `Dec 01 10:00:0${i} node-07 devlink[1]: ${l}`,
      (l: string, i: number) => `2026-12-01T10:00:0${i}.123456${i}Z ${l}`,
      (l: string, i: number) => `Dec 01 10:00:0${i} ${l}`,
      (l: string) => `[pod/fwsnap-7d9f4/collector] ${l}`,
    ];
    for (const p of prefixed) expect(texts(OUT.map(p).join('\n'))).toEqual(OUT);
  });

  it('reads the lines of an Ansible result: ad-hoc, stdout_lines as JSON and as YAML', () => {
    expect(texts(`node-07 | CHANGED | rc=0 >>\n${OUT.join('\n')}\n`)).toEqual(OUT);
    const json = `TASK [debug] ***\nok: [node-07] => ${JSON.stringify({ 'out.stdout_lines': OUT }, null, 4)}\n\nPLAY RECAP ***\n`;
    expect(texts(json)).toEqual(OUT);
    const yaml = `TASK [debug] ***\nok: [node-07] => \n  out.stdout_lines:\n${OUT.map((l) => `  - '${l}'`).join('\n')}\n\nPLAY RECAP ***\n`;
    expect(texts(yaml)).toEqual(OUT);
  });

  it('reads a script typescript and takes a carriage return as a return to the line start', () => {
    const typescript = `Script started on 2026-12-01 10:00:05+00:00 [COMMAND="devlink dev info" <not executed on terminal>]\n${OUT.join('\r\n')}\r\n\nScript done on 2026-12-01 10:00:06+00:00 [COMMAND_EXIT_CODE="0"]\n`;
    expect(texts(typescript)).toEqual(OUT);
    expect(texts('progress 10%\rprogress 100%\rdriver: ice\n')).toEqual(['driver: ice']);
    expect(texts('driver: ice\rversion: 1.9.11\r')).toEqual(['driver: ice', 'version: 1.9.11']);
    // A CRLF output whose last LF was trimmed (the loaders' text of an artifact) keeps its last line.
    expect(texts('driver: i40e\r\nversion: 2.8.20-k\r')).toEqual(['driver: i40e', 'version: 2.8.20-k']);
  });

  it("takes the command a script typescript's first line names as the command line of what it recorded", () => {
    const commands = (raw: string): (string | undefined)[] => cleanText(raw).lines.map((l) => l.command);
    const done = 'Script done on 2026-12-01 10:00:06+00:00 [COMMAND_EXIT_CODE="0"]\n';
    expect(commands(`Script started on 2026-12-01 10:00:05+00:00 [COMMAND="mlxconfig -d /dev/mst/mt4119_pciconf0 q" <not executed on terminal>]\r\nDevice #1:\r\n${done}`)).toEqual(['mlxconfig -d /dev/mst/mt4119_pciconf0 q']);
    // On a terminal script adds TERM, TTY and the size after the command; a command may hold quotes of its own.
    expect(commands(`Script started on 2026-12-01 10:00:05+01:00 [COMMAND="ssh n7 "flint -d 3b:00.0 q"" TERM="xterm-256color" TTY="/dev/pts/3" COLUMNS="120" LINES="40"]\nImage type: FS4\n${done}`)).toEqual(['ssh n7 "flint -d 3b:00.0 q"']);
    // Without -c it names no command; older versions wrote the date as the locale does and nothing in brackets.
    expect(cleanText(`Script started on 2026-12-01 10:00:05+00:00 [TERM="xterm" TTY="/dev/pts/0" COLUMNS="80" LINES="24"]\ndriver: ice\n`).lines.map((l) => [l.text, l.command])).toEqual([['driver: ice', undefined]]);
    expect(texts('Script started on Tue 01 Dec 2026 10:00:05 AM UTC\ndriver: ice\nScript done on Tue 01 Dec 2026 10:00:06 AM UTC\n')).toEqual(['driver: ice']);
    expect(texts('Script started on Tue Dec  1 10:00:05 2026\ndriver: ice\n')).toEqual(['driver: ice']);
  });

  it('reads Unicode and zero-width spaces as a web page leaves them, and typographic quotes as plain ones', () => {
    expect(texts('\u00a0\u00a0driver\u00a0 ice\u2009x\u200b/\u200by\n  serial \u201cab\u201d \u2018c\u2019\n')).toEqual(['driver  ice x/y', 'serial "ab" \'c\'']);
    expect(jsonDocument('{\u201cinfo\u201d:\u00a0{}}')).toBe('{"info": {}}');
  });
});

// Real forms seen in public pastes (issue 11): a blog export's Markdown escapes, a reST literal block, a truncation
// marker, a pastebin's or gist's line numbers.
describe('what a blog, a document or a paste site adds around an output', () => {
  it("undoes a blog export's Markdown escapes (\\_ \\- \\*), not a JSON string's own escapes", () => {
    expect(texts('fw.psid MT\\_0000000008\nfirmware\\-version: 16.35.2000\n\\-\\-\\-\\-\n')).toEqual(['fw.psid MT_0000000008', 'firmware-version: 16.35.2000', '----']);
    expect(texts('{"model_name": "A\\\\_B", "x": "a\\"b"}\n')).toEqual(['{"model_name": "A\\\\_B", "x": "a\\"b"}']);
    expect(texts('C:\\Program Files\\Mellanox\\WinMFT>flint -d mt4119_pciconf0 q\nImage type: FS4\n')).toEqual(['Image type: FS4']);
  });

  it('reads a reST literal block: the :: line and the words after the block are the author\'s', () => {
    const c = cleanText('The firmware is shown by::\n\n    driver: ice\n    version: 1.9\n\nDone, as expected.\n');
    expect(c.lines.map((l) => [l.no, l.text])).toEqual([[3, 'driver: ice'], [4, 'version: 1.9']]);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prose'], [6, 'prose']]);
    // An elision at the margin is inside the block; a tool's line after the block leaves the text as it is.
    expect(texts('Output example::\n\n    driver: ice\n...\n    version: 1.9\n')).toEqual(['driver: ice', 'version: 1.9']);
    expect(texts('Output example::\n\n  a: 1\nv2: Use fw.psid\n')).toEqual(['Output example::', '  a: 1', 'v2: Use fw.psid']);
  });

  it('records a TRUNCATED or snip marker as an elision and reads the rest', () => {
    const c = cleanText('driver: ice\n< ..... TRUNCATED ..... >\nversion: 1\n[... snip ...]\n<snip>\n[ output truncated ]\n');
    expect(c.lines.map((l) => l.text)).toEqual(['driver: ice', 'version: 1']);
    expect(c.noise.map((n) => n.kind)).toEqual(['elision', 'elision', 'elision', 'elision']);
  });

  it("takes off a paste site's line numbers when every line of the block carries them in order", () => {
    expect(texts('1 | driver: ice\n2 | version: 1.9\n3 |   indented\n4 |\n5 | bus-info: 0000:01:00.0\n')).toEqual(['driver: ice', 'version: 1.9', '  indented', 'bus-info: 0000:01:00.0']);
    expect(texts(' 9  pci/0000:01:00.0:\n10    driver ice\n11    serial_number 00-01\n')).toEqual(['pci/0000:01:00.0:', '  driver ice', '  serial_number 00-01']);
    expect(texts('1 | {"firmware_version": "HXT7404Q"}\n')).toEqual(['{"firmware_version": "HXT7404Q"}']);
    // Numbers that are the output's own (not in order with the lines) stay.
    expect(texts('1 foo\n1 bar\n2 baz\n')).toEqual(['1 foo', '1 bar', '2 baz']);
  });
});

describe('a redacted value is not an elision', () => {
  it('[REMOVED] is what a person put in place of a serial; a truncation marker is a cut', () => {
    expect(isElision('[REMOVED]')).toBe(false);
    expect(isElision('< ..... TRUNCATED ..... >')).toBe(true);
    expect(isElision('[ output truncated ]')).toBe(true);
  });
});

// Issue 11: a GitHub comment or a document with a Markdown table of the person's own before or after the output.
describe("a person's Markdown table around an output", () => {
  it('sets the table aside as text around the output and reads the output', () => {
    const c = cleanText('| Host | Kernel |\n|---|:---:|\n| node-07 | 5.15 |\n\ndriver: ice\nversion: 1.9\n\nfirmware | value\n--- | ---\nethtool -i eth0 | 4.40\n');
    expect(c.lines.map((l) => l.text)).toEqual(['driver: ice', 'version: 1.9']);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prose'], [2, 'prose'], [3, 'prose'], [8, 'prose'], [9, 'prose'], [10, 'prose']]);
    // A cell naming a command is no command line above the output.
    expect(c.lines.every((l) => l.command === undefined)).toBe(true);
  });

  it("keeps a tool's own pipes: nvidia-smi's rules, smartctl's flag legend, a row without a delimiter under it", () => {
    const smi = '|-------------------------------+----------------------+\n| GPU  Name        Persistence-M| Bus-Id        Disp.A |\n|===============================+======================|\n';
    expect(texts(smi)).toHaveLength(3);
    expect(texts('                            ||||||_ K auto-keep\n                            |______ P prefailure warning\n')).toHaveLength(2);
    expect(texts('a | b\nc | d\n')).toEqual(['a | b', 'c | d']);
    // A header whose cells do not match the delimiter row is no table.
    expect(texts('a | b | c\n---|---\n')).toEqual(['a | b | c', '---|---']);
  });

  it("does not count a table's rows, the headings and the fences as lines of a test runner's log", () => {
    const log = "10:00:01 INFO | Running 'nvme fw-log /dev/nvme0'\n10:00:01 DEBUG| [stdout] afi  : 0x1\n10:00:01 DEBUG| [stdout] frs1 : 0x31 (1)\n10:00:01 INFO | Command finished\n";
    expect(texts(`### Environment\n\n| Host | Kernel |\n|---|---|\n| node-07 | 5.15 |\n| node-08 | 5.15 |\n\n### Output\n\n\`\`\`\n${log}\`\`\`\n`)).toEqual(['afi  : 0x1', 'frs1 : 0x31 (1)']);
  });

  it('sets a table aside in a mail quote too', () => {
    expect(texts('> | a | b |\n> |---|---|\n> | 1 | 2 |\n>\n> driver: ice\n')).toEqual(['driver: ice']);
  });
});

// Issue 11: an HTML mail or a list archive that shows a mail as one long line with `<br>` between its lines.
describe('an output whose lines an HTML mail joined with <br>', () => {
  it('recovers the lines, their indentation and the characters the mail escaped', () => {
    const one = 'Hi,<br>here is the output:<br><br>pci/0000:01:00.0:<br>&nbsp; driver mlx5_core<br />&nbsp; versions:<BR>&nbsp;&nbsp;&nbsp; fixed:<br/>      board.id &quot;MT_0000000008&quot; &#39;x&#39; &lt;1&gt; a&amp;b<br><br>Thanks,<br>Jane';
    const c = cleanText(one);
    // The words around it are lines of their own, which the parsers set aside as text around the output.
    expect(c.lines.map((l) => [l.no, l.text])).toEqual([
      [1, 'Hi,'], [2, 'here is the output:'], [4, 'pci/0000:01:00.0:'], [5, '  driver mlx5_core'], [6, '  versions:'], [7, '    fixed:'],
      [8, `      board.id "MT_0000000008" 'x' <1> a&b`], [10, 'Thanks,'], [11, 'Jane'],
    ]);
  });

  it('takes a greeting on a line of its own for words of the person', () => {
    for (const g of ['Hi,', 'Hello all,', 'Dear Jane,', 'Hi Bob!', 'Hi']) expect(looksLikeProse(g), g).toBe(true);
    expect(looksLikeProse('Hidden: yes')).toBe(false);
  });

  it('takes a <br> with a line end after it as one line end', () => {
    expect(texts('driver: ice<br>\nversion: 1.9<BR />  \nfirmware-version: 4.40<br>')).toEqual(['driver: ice', 'version: 1.9', 'firmware-version: 4.40']);
    // A CRLF output (smartctl on Windows) joined with <br>: the CR is its line end's.
    expect(texts('Model Number:  KBG30\r<br>Firmware Version: 0106\r<br>')).toEqual(['Model Number:  KBG30', 'Firmware Version: 0106']);
  });
});

describe("a tool's key value pairs, a person's label, dashes and CJK words", () => {
  it("never reads devlink's `key value` runs as a sentence, whole or wrapped", () => {
    for (const l of [
      'state healthy error 0 recover 0 grace_period 500 auto_recover true auto_dump true',
      '    state healthy error 0 recover 0 auto_dump true',
      'state healthy error 33 recover 33',
      'state error error 1 recover 0 last_dump_date 2024-03-17',
      'last_dump_date 1970-01-01 last_dump_time 00:02:16 grace_period 0 auto_recover true auto_dump true',
      'cmode runtime value true',
    ]) expect(looksLikeProse(l), l).toBe(false);
    // Sentences keep reading as sentences.
    for (const l of ['the reporter is still healthy after the reset', 'error counters are back to zero after the recover.']) expect(looksLikeProse(l), l).toBe(true);
  });

  it("sets a person's one-word label over a command line aside (`Show:`, `Output:`), not a tool's own key", () => {
    const c = cleanText('Example usage:\n\nShow:\ndevlink dev param show pci/0000:4b:00.0 name txbalancing\npci/0000:4b:00.0:\n  name txbalancing type driver-specific\n');
    expect(c.lines.map((l) => l.text)).not.toContain('Show:');
    expect(c.lines.map((l) => l.text)).toContain('pci/0000:4b:00.0:');
    expect(c.noise.find((n) => n.no === 3)?.kind).toBe('prose');
    // `values:` is devlink's own (lower case), and a label with no command line under it is no person's label.
    expect(texts('pci/0000:01:00.0:\n  name enable_roce type generic\n    values:\n      cmode runtime value true\n')).toContain('    values:');
    expect(texts('Output:\ndriver: ice\n')).toContain('Output:');
  });

  it('reads the line after a command line ending in ` \\` as the rest of that command, not a line of output', () => {
    const c = cleanText('$ devlink health set pci/0000:00:0a.0/1 reporter tx grace_period 1000 \\\nauto_recover false auto_dump false\n$ devlink health show pci/0000:00:0a.0/1 reporter tx\npci/0000:00:0a.0/1:\n');
    expect(c.lines.map((l) => l.text)).toEqual(['pci/0000:00:0a.0/1:']);
    expect(c.noise.filter((n) => n.kind === 'prompt').map((n) => n.no)).toEqual([1, 2, 3]);
  });

  it('reads a line of long dashes (`———`, `───`) and words in Chinese or Japanese as a person\'s', () => {
    for (const l of ['——————————————————–', '────────────', '网卡bnx2自己固定的信息，如：', '→ ドライバも新しそう。']) expect(looksLikeProse(l), l).toBe(true);
    // A value in CJK after an ASCII field name is a tool's line.
    expect(looksLikeProse('Vendor: 华为技术有限公司')).toBe(false);
  });

  it("reads a sentence with one doubled space as a sentence (a quoted command typed so), never a tool's aligned columns", () => {
    // The paste sweep's prose above the unraid smartctl -c sample quotes its command as typed: `smartctl -n standby -c  /dev/nvme0`.
    for (const l of ['Here is the output of smartctl -n standby -c  /dev/nvme0 on the affected host:', 'The drive was replaced.  It works now.']) expect(looksLikeProse(l), l).toBe(true);
    for (const l of ['Warning  Comp. Temp. Threshold:     70 Celsius', 'Node  SN  Model  Namespace Usage', 'Model Number:   KBG30ZMV256G TOSHIBA']) expect(looksLikeProse(l), l).toBe(false);
  });
});

// Real forms: the i40e and ice devlink info patches list what each version name means above their outputs
// (`"fw.undi" -> The combo image version`), and a Tested-by reply in Outlook ran that list together on one line.
describe("a person's list of what names mean, and a sentence ending in emphasis", () => {
  it('reads `"name" -> words` lines as a person\'s, alone or run together', () => {
    for (const l of [
      ' "serial_number" -> The PCI DSN of the adapter',
      ' "fw.undi" -> The combo image version',
      '"fw.mgmt.api" -> API version of interface exposed over the AdminQ',
      ' "fw.mgmt" -> The version of the firmware that controls PHY, link, etc  "fw.mgmt.api" -> API version of interface exposed over the AdminQ  "fw.undi" -> Version of the Option ROM',
    ]) expect(looksLikeProse(l), l).toBe(true);
    // A tool's arrows stay a tool's: ls -l's link, a quoted name with nothing after the arrow.
    for (const l of ['lrwxrwxrwx 1 root root 0 Mar 11 eth0 -> ../../devices/pci0000:00/0000:00:1c.0/net/eth0', '"fw.undi" -> 1.2581.0', "'eth0' -> '../../devices/virtual/net/eth0'"]) {
      expect(looksLikeProse(l), l).toBe(false);
    }
  });

  it('reads the rest of a wrapped sentence closing on emphasis (`PCI *Vital Product Data*.`) as the sentence\'s', () => {
    expect(continuesSentence('This is usually the serial number of the board, often available in', 'PCI *Vital Product Data*.')).toBe(true);
    expect(continuesSentence('the value the driver reports is', 'MT_0000000008')).toBe(false);
  });
});

// Real form: a netdev reply (octeontx2 NIX health reporters) quoting its own earlier log, then pasting the output again at
// the margin under `Oops, … its not 250`: the writer's output is the one read, the quoted one is the thread's.
describe('a reply that pastes a corrected output below the quoted one', () => {
  const reply = [
    '> Following is the log snippet of the devlink health test.',
    '> # devlink health',
    '> pci/0002:01:00.0:',
    '>   reporter hw_npa',
    '>     state healthy error 0 recover 0 grace_period 0 auto_recover true',
    '> auto_dump true',
    '>   reporter hw_nix',
    '>     state healthy error 250 recover 250 last_dump_date 1970-01-01',
    '> last_dump_time 00:04:16 grace_period 0 auto_recover true auto_dump true',
    'Oops, There was a log copy paste error above its not 250.',
    '# devlink health',
    'pci/0002:01:00.0:',
    '  reporter hw_npa',
    '    state healthy error 0 recover 0 grace_period 0 auto_recover true auto_dump true',
    '  reporter hw_nix',
    '    state healthy error 33 recover 33 last_dump_date 1970-01-01 last_dump_time 00:02:16 grace_period 0 auto_recover true auto_dump true',
    '',
    '> # devlink health dump show pci/0002:01:00.0 reporter hw_nix',
    '> NIX_AF_GENERAL:',
    '>         AQ Doorbell error: 1',
    '>         Rx on unmapped PF_FUNC: 1',
    '>   NIX_AF_RVU:',
    '>         Unmap Slot Error: 0',
  ].join('\n');

  it("reads the writer's output at the margin, and the quoted lines as the thread's", () => {
    const c = cleanText(reply);
    // The writer's sentence above the command stays a line, for the parser to tell as words around the output.
    expect(c.lines.map((l) => l.no)).toEqual([10, 12, 13, 14, 15, 16]);
    expect(c.lines.at(-1)!.text).toContain('error 33 recover 33');
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 18, 19, 20, 21, 22, 23]);
  });

  // Real forms: the same reply quoted whole by the next reply (every line one deeper), and a review quoting it with its
  // own words at the margin (the corrected output one deep, the wrong one two deep).
  it("reads the writer's output when the reply is quoted whole or one deep under a review", () => {
    const read = (t: string): string => cleanText(t).lines.map((l) => l.text).join('\n');
    const whole = reply.replace(/^/gm, '> ');
    expect(read(whole)).toContain('error 33 recover 33');
    expect(read(whole)).not.toContain('error 250');
    const review = `On Tue, 1 Dec 2020 George wrote:\n${whole}\n\nWhy the weird date?\n`;
    expect(read(review)).toContain('error 33 recover 33');
    expect(read(review)).not.toContain('error 250');
  });

  // The sweep's mail-quote form of a netdev review (bnxt_en's first devlink info quoted, the reviewer's question cutting
  // it after `running:`), quoted two deep under a new attribution: the question stays the reviewer's, not an output line.
  it("reads a review quoted two deep at its writer's level: the question between the quoted output's lines is the reviewer's", () => {
    const review = ['On Sat, 23 Nov 2019 Michael Chan wrote:', '>   $ devlink dev info pci/0000:3b:00.0', '>   pci/0000:3b:00.0:', '>     driver bnxt_en', '>     versions:', '>         running:', '>           board.package N/A', '', 'Just don\'t report it if you don\'t have it?', '', '>           fw.version 216.0.154.32004', '>           fw.mgmt 864.0.0.0', '>           fw.app 216.0.51.0'].join('\n');
    for (const mark of ['> > ', '>> ']) {
      const quoted = `On Mon, 1 Dec 2026 at 10:00, Someone <someone@example.org> wrote:\n${review.split('\n').map((l) => (l === '' ? mark.trimEnd() : mark + l)).join('\n')}\n`;
      const c = cleanText(quoted);
      expect(c.lines.map((l) => l.text.trim())).not.toContain("Just don't report it if you don't have it?");
      expect(c.lines.map((l) => l.text.trim())).toContain('fw.version 216.0.154.32004');
    }
  });

  // Real form (LKML, 2022-06-13, a reply about a Samsung Portable SSD X5's firmware): two quoted id-ctrl lines, then the
  // writer's question and name. Before, the quote counted as the earlier message's words (as many lines follow it).
  it("reads a short quote of a tool's lines as the output when the reply under it is words only", () => {
    const x5 = "On Mon, Jun 13, 2022 at 06:36:44AM +0000, R, Monish Kumar wrote:\n> mn        : Samsung Portable SSD X5\n> fr        : 1P3QEXE7\n\nIsn't the latest firmware for the QEXE7 line 2B2QEXE7?\n\nJason\n";
    expect(cleanText(x5).lines.map((l) => l.text.trim())).toEqual(expect.arrayContaining(['mn        : Samsung Portable SSD X5', 'fr        : 1P3QEXE7']));
    // A quoted question above the writer's own output stays the question, the thread's words.
    const asked = 'On Mon, 1 Dec 2026 at 10:00, Someone <someone@example.org> wrote:\n> Could you paste the firmware version?\n\nfr        : 1P3QEXE7\nmn        : Samsung Portable SSD X5\n';
    expect(cleanText(asked).noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toContain(2);
  });

  it('keeps reading the quoted output when the words at the margin are no output of the same shape', () => {
    const answer = reply.split('\n').slice(0, 9).join('\n') + '\nIs hw_nix really at 250 here?\n\nYes, two hundred and fifty.\n\n> Thanks.\n';
    expect(cleanText(answer).lines.map((l) => l.text).join('\n')).toContain('error 250 recover 250');
  });
});

// Real form: a vendor's reST page (TI's K3 CPSW driver), its block under a `.. rubric::` with a `:name:` option and a
// `.. code-block:: console` directive.
describe('reST directives around a block', () => {
  it("are the document's markup, not lines of the output", () => {
    const page = '.. rubric:: Get driver information\n   :name: k3-ethtool-i-driver\n\nThe interface is named by ethtool -i.\n\n.. code-block:: console\n\n   # ethtool -i eth0\n   driver: am65-cpsw-nuss\n   bus-info: 46000000.ethernet\n';
    const c = cleanText(page);
    expect(c.lines.map((l) => l.text)).toEqual(['The interface is named by ethtool -i.', 'driver: am65-cpsw-nuss', 'bus-info: 46000000.ethernet']);
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 2, 6]);
    // A tool's own line that starts with two dots is no directive.
    expect(texts('.. driver: x\n:name: y\n')).toEqual(['.. driver: x', ':name: y']);
  });
});

describe('lines around an output that are no tool\'s', () => {
  it("a patch's header and trailer lines (From:, Cc:, Signed-off-by: with an address, Fixes:, Link:) are the mail's words", () => {
    const c = cleanText(['> From: Jane Roe <jroe@example.org>', '> ', '>   pci/0000:3b:00.0:', '>     driver bnxt_en', '> ', '> Cc: Jiri Pirko <jiri@example.org>', '> Signed-off-by: Jane Roe <jroe@example.org>'].join('\n'));
    expect(c.lines.map((l) => l.text)).toEqual(['pci/0000:3b:00.0:', '  driver bnxt_en']);
    expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no)).toEqual([1, 6, 7]);
    const fixes = cleanText(['pci/0000:3b:00.0:', '  driver bnxt_en', '', 'Fixes: 0123456789ab ("net: fix it")', 'Link: https://lore.kernel.org/r/1', 'Reviewed-by: Jane Roe <***@***.***>'].join('\n'));
    expect(fixes.noise.map((n) => [n.no, n.kind])).toEqual([[4, 'prose'], [5, 'prose'], [6, 'prose']]);
    // A value that only names a person is a tool's (`From: the vendor`), as is one without an address.
    expect(cleanText(['From: 16.35.2000', 'Signed-off-by: nobody'].join('\n')).lines).toHaveLength(2);
  });

  it("a command of any tool typed at a shell's prompt, or at a bare # set in bold with it, is a command line over that command's output", () => {
    const c = cleanText(['**# ethtool -i eth0**', 'driver: r8169', '', '**# mii-diag eth0**', 'Basic registers of MII PHY #32:  0100 794d', '', 'root@host:~# brctl show', 'br0  8000.00018062417b  no  eth0'].join('\n'));
    expect(c.lines.map((l) => [l.no, l.command])).toEqual([[2, 'ethtool -i eth0'], [5, 'mii-diag eth0'], [8, 'brctl show']]);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prompt'], [4, 'prompt'], [7, 'prompt']]);
    // A sentence in bold, or a bare `#` and words that are no command (no option, no interface after the program), stays as it was.
    expect(cleanText(['# the output below', '**# the output below**'].join('\n')).lines.map((l) => l.command)).toEqual([undefined, undefined]);
  });

  it('a later fenced block under a Markdown heading, with no command line in it, is another file: its lines carry the heading', () => {
    const md = ['```', '$ ethtool -i eth0', 'driver: st_gmac', '```', '', '### Network configuration', '', '```', 'auto eth0', 'iface eth0 inet dhcp', '```'].join('\n');
    expect(cleanText(md).lines.map((l) => [l.no, l.section])).toEqual([[3, undefined], [9, 'Network configuration'], [10, 'Network configuration']]);
    // The first block under a heading, or a later one with its own command line, is no other file.
    expect(cleanText(md.replace('```\nauto', '```\n$ cat /etc/network/interfaces\nauto')).lines.every((l) => l.section === undefined)).toBe(true);
    expect(cleanText(`### Output\n${md}`).lines[0]!.section).toBeUndefined();
  });
});

describe('a quoted reply wrapped whole in a person\'s block', () => {
  // xdp-newbies, 2020-03-25 (test/nic/fixtures/real/ethtool-i/mlx5-cx5-xdp-mail-indented-if-placeholder): the quoted
  // question holds the paste, indented inside the quote; the answer is below it.
  const question = '> I just updated to the latest driver- and firmware version:\n>\n>         $ sudo ethtool -i <if>\n>         driver: mlx5_core\n>         version: 5.0-0\n>         firmware-version: 16.27.1016 (MT_0000000012)\n';
  const reply = `> Thank you for the hint. But as far as I understand, packet rates should be higher in Driver-Mode?\n\nYes, I would expect that too.\n\n${question}\nWhat kernel version are you using? And you should use the driver from\nthat same kernel.\n`;
  const output = (text: string): string[] => cleanText(text).lines.filter((l) => /^\s*(?:driver|version|firmware-version):/.test(l.text)).map((l) => l.text.trim());
  const want = ['driver: mlx5_core', 'version: 5.0-0', 'firmware-version: 16.27.1016 (MT_0000000012)'];

  it('under a Markdown heading of the writer\'s, a paste quoted whole loses its quote marks', () => {
    expect(output(`### Output\n\n${question}`)).toEqual(want);
  });

  it('under a forwarded message\'s headers or a Markdown table, an interleaved reply is read at its paste\'s depth', () => {
    expect(output(reply)).toEqual(want);
    expect(output(`---------- Forwarded message ---------\nFrom: Bob Roe <bob@example.com>\nDate: Mon, Dec 1, 2026 at 10:00 AM\nSubject: firmware question\nTo: <support@example.com>\n\n${reply}`)).toEqual(want);
    expect(output(`Please see below.\n\n-----Original Message-----\nFrom: Bob Roe <bob@example.com>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Support <support@example.com>\nSubject: RE: firmware question\n\n${reply}`)).toEqual(want);
    expect(output(`| Host | Kernel |\n|------|--------|\n| node-07 | 5.15.0-91-generic |\n\n\`\`\`\n${reply}\`\`\`\n`)).toEqual(want);
  });
});

// Real form: a Bugzilla reply quoting the question (`> Could you attach the output of nvidia-smi?`) above a bare
// `nvidia-smi` and the one line it printed, which reads like a sentence (the gpu corpus's Rasa notes sample).
describe('a reply quoting the question above a command typed at the margin and its one-line output', () => {
  it("reads the line under the typed command as its output, the quoted question as the thread's", () => {
    for (const [command, output] of [
      ['nvidia-smi', 'Unable to determine the device handle for GPU 0000:01:00.0: Not Found'],
      ['$ nvidia-smi', 'No devices were found'],
      ['root@gpu01:~# nvidia-smi -L', 'Unable to determine the device handle for GPU0000:25:00.0: Unknown Error'],
      // A prompt running a command fwsnap does not know is a command line all the same.
      ['[root@gpu01 ~]# ./gpu-check.sh', 'No devices were found on this node'],
      ['admin@gpu01:/opt/site% ./gpu-check.sh', 'No devices were found on this node'],
    ]) {
      const c = cleanText(`(In reply to Jane Roe from comment #3)\n> Could you attach the output of \`nvidia-smi\`?\n\n${command}\n${output}\n`);
      expect(c.lines.map((l) => l.text), command).toEqual([output]);
      expect(c.noise.filter((n) => n.kind === 'prose').map((n) => n.no), command).toEqual([1, 2]);
    }
  });

  it('still reads a quoted output with the writer\'s remark under it as the quote', () => {
    const c = cleanText('> $ ethtool -i eth0\n> driver: ixgbe\n> version: 5.1.0-k\n> firmware-version: 0x800003e7\n\nThis is the card that drops the link.\n');
    expect(c.lines.map((l) => l.text)).toEqual(['driver: ixgbe', 'version: 5.1.0-k', 'firmware-version: 0x800003e7']);
  });
});
