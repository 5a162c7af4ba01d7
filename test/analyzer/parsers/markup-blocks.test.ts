import { describe, expect, it } from 'vitest';
import { cleanText, jsonDocument } from '../../../analyzer/parsers/text-input.js';
import { unwrapMarkup } from '../../../analyzer/parsers/markup-blocks.js';

const texts = (raw: string): string[] => cleanText(raw).lines.map((l) => l.text);
const OUT = ['driver: mlx5_core', 'version: 5.15.0', 'firmware-version: 16.35.2000 (MT_0000000080)'];

describe('forum, wiki, tracker and HTML markup around a pasted output', () => {
  it('BBCode: a [code] block with prose around it, tags glued to the first and last lines, [CODE=text]', () => {
    expect(texts(`Here is what it prints:\n[code]\n${OUT.join('\n')}\n[/code]\nThanks!\n`)).toEqual(OUT);
    expect(texts(`[CODE=text]${OUT.join('\n')}[/CODE]\n`)).toEqual(OUT);
    expect(texts(`[code lang=bash]${OUT.join('\n')}[/code]`)).toEqual(OUT);
  });

  it('BBCode: a rich editor\'s [FONT]/[SIZE]/[COLOR] wrappers and values in [b]…[/b]', () => {
    expect(texts(`[FONT=Courier New][SIZE=2][COLOR=#333333]driver: mlx5_core\nfirmware-version: [b]16.35.2000[/b] (MT_0000000080)[/COLOR][/SIZE][/FONT]\n`))
      .toEqual(['driver: mlx5_core', 'firmware-version: 16.35.2000 (MT_0000000080)']);
  });

  // A zero-width space a web page put inside a tag (`[/\u200bb]`, after a slash where it breaks long words) is nothing:
  // the tag is still the page's (ata smartctl/seagate-st9500325as-freeagent-usb-sat12-smartctl538-forum-bbcode).
  it('BBCode: a tag with a zero-width space inside it is still the tag', () => {
    expect(texts('\u200b[b]SMART support is: \u200bEnabled\n\u200bSMART Disabled. Use option -s with argument \'on\' to enable it.[/\u200bb]\n'))
      .toEqual(['SMART support is: Enabled', "SMART Disabled. Use option -s with argument 'on' to enable it."]);
  });

  // nic ethtool-i/bnx2x-ubuntuforums-font-bbcode-bold-lines: the export wrote [B][I] as `***` inside [FONT] tags.
  it('BBCode: bold italic as a forum export left it (`***driver: bnx2x***`), an empty pair glued before the prompt or alone', () => {
    const post = '[FONT=Arial]******[/FONT][FONT=Arial]***root@compute01:~# ethtool -i eth5***[/FONT]\n[FONT=Arial]***driver: bnx2x***[/FONT]\n[FONT=Arial]***firmware-version: bc 7.4.22 phy 1.34***[/FONT]\n[FONT=Arial]******[/FONT]\n';
    expect(texts(post)).toEqual(['driver: bnx2x', 'firmware-version: bc 7.4.22 phy 1.34']);
    // Without BBCode the stars are the text's own (a tool's rule of stars, a value starred by a person).
    expect(texts('a: ***x***\n**********\n')).toEqual(['a: ***x***', '**********']);
  });

  // Real form: an Ubuntu Forums post (2007) whose outputs sit in [COLOR="SeaGreen"] tags, copied from a page that escaped it.
  it('BBCode escaped by a page: [COLOR=&quot;…&quot;] and a closing tag whose slash is &#x2F;', () => {
    const post = '[B]# ethtool -i eth1\n[/B][COLOR="SeaGreen"]driver: pegasus\nbus-info: usb-0000:00:1d.7-2[/COLOR]\n';
    const escaped = post.replace(/"/g, '&quot;').replace(/\//g, '&#x2F;');
    expect(texts(escaped)).toEqual(texts(post));
    expect(texts(escaped)).toEqual(['driver: pegasus', 'bus-info: usb-0000:00:1d.7-2']);
  });

  it('a tool\'s own bracketed words stay: lspci\'s [size=32M] has no closing tag, even inside a [SIZE] wrapper', () => {
    const lspci = '\tRegion 0: Memory at f7e00000 (64-bit, non-prefetchable) [size=32M]';
    expect(texts(lspci)).toEqual([lspci.replace('\t', '')]);
    expect(texts(`[SIZE=2]${lspci}[/SIZE]`)).toEqual([lspci.replace('\t', '')]);
    expect(texts(`[SIZE=2]a: [b]1[/b][/SIZE]\n[SIZE=2]${lspci}[/SIZE]`)).toEqual(['a: 1', lspci.replace('\t', '        ')]);
  });

  it('Discourse: a quote of someone\'s output, [quote="user, post:3, topic:1234"]', () => {
    expect(texts(`[quote="jdoe, post:3, topic:1234"]\n${OUT.join('\n')}\n[/quote]\n`)).toEqual(OUT);
  });

  it('Jira and Confluence: {code}, {code:bash}, {noformat}, {quote}, with prose outside a block', () => {
    expect(texts(`Output from the host:\n{code}\n${OUT.join('\n')}\n{code}\n`)).toEqual(OUT);
    expect(texts(`{code:bash}${OUT.join('\n')}\n{code}\n`)).toEqual(OUT);
    expect(texts(`{noformat}\n${OUT.join('\n')}\n{noformat}\nSee above.`)).toEqual(OUT);
    expect(texts(`{quote}${OUT.join('\n')}{quote}\n`)).toEqual(OUT);
  });

  it('MediaWiki and HTML: <syntaxhighlight>, <pre> with escaped text, <pre><code>, inline <b>, <br> line ends', () => {
    expect(texts(`== Output ==\n<syntaxhighlight lang="text">\n${OUT.join('\n')}\n</syntaxhighlight>\n`)).toEqual(OUT);
    expect(texts('<p>The host prints:</p>\n<pre>pci&#x2F;0000:3b:00.0:\n  serial_number a&amp;b&lt;c&gt;</pre>\n')).toEqual(['pci/0000:3b:00.0:', '  serial_number a&b<c>']);
    expect(texts(`<pre><code class="language-text">${OUT.join('<br>\n')}</code></pre>`)).toEqual(OUT);
    expect(texts('<pre>\nfirmware-version: <b>16.35.2000</b>\n</pre>')).toEqual(['firmware-version: 16.35.2000']);
  });

  it('GitHub: a <details> block whose <summary> names the command, with a fence or <pre> inside', () => {
    const c = cleanText(`<details>\n<summary>ethtool -i eth0</summary>\n\n\`\`\`\n${OUT.join('\n')}\n\`\`\`\n\n</details>\n`);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('ethtool -i eth0');
    expect(c.noise.find((n) => n.no === 2)).toMatchObject({ kind: 'prose', text: 'ethtool -i eth0' });
    expect(texts(`<details><summary>Output</summary>\n<pre><code>${OUT.join('\n')}\n</code></pre>\n</details>\n`)).toEqual(OUT);
  });

  it('GitHub: a <details> opened alone on its line whose closing tag a copy cut off is markup, not a line of the output', () => {
    // smartmontools issue 616: the stored copy of the thread ends inside the fold, before its `</details>`.
    const c = cleanText(`<details>\n<summary><pre>ethtool -i eth0</pre></summary>\n\n\`\`\`\n${OUT.join('\n')}\n`);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('ethtool -i eth0');
    expect(texts(`<details open>\n\n${OUT.join('\n')}\n`)).toEqual(OUT);
  });

  it('GitHub: a placeholder in a <summary> command (`<MST_DEVICE_NAME>`, `<pci_device_path>`, `<NIC>`) is the command\'s word, no HTML tag', () => {
    // A ConnectX-2 manual's query folded under `flint -d <MST_DEVICE_NAME> q`: no HTML element has an underscore or is
    // named in capitals unknown to HTML; real tags in a title (<pre>, <code>, <b>) are still markup.
    for (const cmd of ['flint -d <MST_DEVICE_NAME> q', 'mstconfig -d <pci_device_path> q', 'mlxconfig -d <NIC> q']) {
      const c = cleanText(`<details>\n<summary>${cmd}</summary>\n\n\`\`\`\n${OUT.join('\n')}\n\`\`\`\n\n</details>\n`);
      expect(c.lines.map((l) => l.text)).toEqual(OUT);
      expect(c.lines[0]!.command, cmd).toBe(cmd);
    }
    expect(cleanText(`<details>\n<summary><B>ethtool -i eth0</B></summary>\n\n\`\`\`\n${OUT.join('\n')}\n\`\`\`\n`).lines[0]!.command).toBe('ethtool -i eth0');
  });

  it('Bugzilla: a reply quoting the question above the output; Launchpad: a comment header', () => {
    const c = cleanText(`(In reply to Jane Roe from comment #3)\n> Could you attach the output of \`ethtool -i eth0\`?\n\n${OUT.join('\n')}\n`);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.noise.map((n) => [n.no, n.kind])).toEqual([[1, 'prose'], [2, 'prose']]);
    expect(texts(`Jane Roe (jroe) wrote on 2026-12-01: #5\n\n${OUT.join('\n')}\n`)).toEqual(OUT);
    // The output itself quoted, with a shorter remark below: the quote is the output.
    expect(texts(`(In reply to Jane Roe from comment #3)\n${OUT.map((l) => `> ${l}`).join('\n')}\n\nSame here.\n`)).toEqual([...OUT, 'Same here.']);
  });

  it('keeps line numbers, and finds a JSON document inside a [code] block or a {noformat}', () => {
    expect(cleanText(`[code]\n${OUT.join('\n')}\n[/code]`).lines.map((l) => l.no)).toEqual([2, 3, 4]);
    expect(jsonDocument('[code]{"info": {}}\n[/code]\n')).toBe('{"info": {}}');
    expect(jsonDocument('{noformat}\n{"info": {}}\n{noformat}\n')).toBe('{"info": {}}');
    // A log line's bracketed time is no JSON array.
    expect(jsonDocument('[2021/11/01 10:37:46]   debug: smartctl: Vendor:  HP\n')).toBeUndefined();
    expect(jsonDocument('[1, 2]\n')).toBe('[1, 2]');
  });

  it('an XML document keeps its own elements (<summary>), only a block wrapper around it is undone', () => {
    const xml = ['<nvidia_smi_log>', '  <summary>', '    <x>1</x>', '  </summary>', '</nvidia_smi_log>'];
    expect(unwrapMarkup(xml, false).lines).toEqual(xml);
    expect(unwrapMarkup(['<syntaxhighlight lang="xml">', ...xml, '</syntaxhighlight>'], false).lines).toEqual(['', ...xml, '']);
  });

  it('stays linear on hostile input: many openers without a closer, a long line of unclosed tags', () => {
    const openers = `${'[code]\n{noformat}\n<pre>\n(In reply to X from comment #1)\n'.repeat(50_000)}`;
    expect(cleanText(openers).lines.length).toBeGreaterThan(0);
    const unclosed = `a: ${'[b x<span y[size=1 '.repeat(100_000)}\n[/b][/size]</span>\n`;
    expect(cleanText(unclosed).lines.length).toBeGreaterThan(0);
    const paired = `${'[b]1[/b] '.repeat(100_000)}\n`;
    expect(cleanText(paired).lines[0]!.text).toBe('1 '.repeat(100_000).trimEnd());
  });

  it('a text without markup is returned as it is', () => {
    expect(unwrapMarkup(OUT)).toEqual({ lines: OUT, prose: new Map() });
  });
});

describe('wiki command templates, Org mode and AsciiDoc around a pasted output', () => {
  it('Gentoo\'s {{RootCmd|command|output=<pre>…</pre>}}: the output, the template\'s command typed above it', () => {
    const c = cleanText(`Check the card:\n{{RootCmd|ethtool -i eth0|output=<pre>\n${OUT.join('\n')}\n</pre>}}\n`);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('ethtool -i eth0');
    expect(c.noise.filter((n) => n.kind === 'unknown' as string)).toEqual([]);
    // Two commands and a named parameter: the last command is the one whose output follows.
    expect(cleanText(`{{RootCmd|modprobe mlx5_core|ethtool -i eth0|prompt=host #|output=<pre>\n${OUT.join('\n')}</pre>}}`).lines[0]!.command).toBe('ethtool -i eth0');
  });

  it('the Arch wiki\'s {{hc|$ command|output}} with the output on the opener\'s line or below it, and {{bc|…}}', () => {
    expect(texts(`{{hc|# ethtool -i eth0|\n${OUT.join('\n')}\n}}\n`)).toEqual(OUT);
    expect(cleanText(`{{hc|# ethtool -i eth0|\n${OUT.join('\n')}\n}}\n`).lines[0]!.command).toBe('ethtool -i eth0');
    expect(texts(`{{hc|$ ethtool -i eth0|2=<nowiki>${OUT.join('\n')}</nowiki>}}`)).toEqual(OUT);
    expect(texts(`{{bc|\n${OUT.join('\n')}\n}}`)).toEqual(OUT);
    // A tool's own `}}` without an opener is its text; inside a template, a compact JSON document's `}}` (or a blog's
    // `{{< /highlight >}}`) above the template's own closer alone on its line is the document's.
    expect(unwrapMarkup(['{"a":{"b":1}}']).lines).toEqual(['{"a":{"b":1}}']);
    expect(unwrapMarkup(['{{hc|# devlink -j dev info|', '{"info":{"pci/0000:01:00.0":{"driver":"ice"}}}', '}}']).lines).toEqual(['# devlink -j dev info', '{"info":{"pci/0000:01:00.0":{"driver":"ice"}}}', '']);
    expect(unwrapMarkup(['{{RootCmd|devlink -j dev info|output=<pre>', '{"info":{}}', '</pre>}}', '{{hc|$ x|', 'a}}']).lines).toEqual(['$ devlink -j dev info', '{"info":{}}', '', '$ x', 'a']);
  });

  it('Org mode: a source block with the command, then #+RESULTS: with each line after `: `', () => {
    const org = `* Firmware\n#+begin_src sh :results output\nethtool -i eth0\n#+end_src\n\n#+RESULTS:\n${OUT.map((l) => `: ${l}`).join('\n')}\n:\n`;
    const c = cleanText(org);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('ethtool -i eth0');
    expect(texts(`#+RESULTS[8f1c]:\n${OUT.map((l) => `: ${l}`).join('\n')}\n`)).toEqual(OUT);
    expect(texts(`#+RESULTS:\n#+begin_example\n${OUT.join('\n')}\n#+end_example\n`)).toEqual(OUT);
    // Without #+RESULTS: above, lines after a colon are the text's own.
    expect(unwrapMarkup([': a', ': b']).lines).toEqual([': a', ': b']);
  });

  it('AsciiDoc: a ---- or .... listing under [source,terminal] with its .Title and + lines; a tool\'s own rule of dashes stays', () => {
    const adoc = `. Run the command:\n+\n[source,terminal]\n----\n$ ethtool -i eth0\n----\n+\n.Example output\n[source,terminal]\n----\n${OUT.join('\n')}\n----\n`;
    const c = cleanText(adoc);
    expect(c.lines.map((l) => l.text)).toEqual(OUT);
    expect(c.lines[0]!.command).toBe('ethtool -i eth0');
    expect(texts(`[literal]\n....\n${OUT.join('\n')}\n....\n`)).toEqual(OUT);
    const manager = ['Device #1:', '----------', '', '  Device Type:      ConnectX4LX', '----------'];
    expect(unwrapMarkup(manager).lines).toEqual(manager);
  });

  it('stays linear on many AsciiDoc openers without a closer', () => {
    const openers = '[source,terminal]\n----\na\n'.repeat(100_000);
    expect(unwrapMarkup(openers.split('\n')).lines.length).toBe(300_001);
  });
});
