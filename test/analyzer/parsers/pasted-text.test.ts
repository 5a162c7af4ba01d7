import { describe, expect, it } from 'vitest';
import { lineRuns, pastedText } from '../../../analyzer/load/pasted-text.js';
import { cleanText, looksLikeProse, observeText, trailingProse, type LineIssue } from '../../../analyzer/parsers/text-input.js';

/** A made-up `key: value` parser that reads `a`, `b` and `c` and names every other line. */
function parseAbc(raw: string): { values: Record<string, string>; issues: LineIssue[] } {
  const values: Record<string, string> = {};
  const issues: LineIssue[] = [];
  for (const l of cleanText(raw).lines) {
    const m = /^([abc]):\s*(.*)$/.exec(l.text);
    if (m) values[m[1]!] = m[2]!;
    else issues.push({ line: l.no, text: l.text, message: 'not a field' });
  }
  return { values, issues };
}

const run = (raw: string): { values: Record<string, string>; issues: LineIssue[]; pasted: ReturnType<typeof pastedText> } => {
  const { value, seen } = observeText(() => parseAbc(raw));
  return { ...value, pasted: pastedText(seen, value) };
};

describe('notes after values', () => {
  it('leaves a `#`, `//` note after two spaces or a tab, and an arrow after a space, out of the value, naming each with its line', () => {
    const r = run('a: 1.2.3    # this is the firmware\nb: 16.35.2000   <-- old\nc: x\t// from the ticket\n');
    expect(r.values).toEqual({ a: '1.2.3', b: '16.35.2000', c: 'x' });
    expect(r.pasted.notes).toEqual([{ line: 1, note: '# this is the firmware' }, { line: 2, note: '<-- old' }, { line: 3, note: '// from the ticket' }]);
    expect(run('a: 7.1 <== check\n').pasted.notes).toEqual([{ line: 1, note: '<== check' }]);
  });

  it('a note in another script needs no space after its `#` or `//` (a Chinese blog\'s `OK   #版本不同`, `Enabled   //已启用`)', () => {
    const r = run('a: OK   #版本的不通这里显示的也不一样。\nb: Enabled                          //表示启用了smart支持\n');
    expect(r.values).toEqual({ a: 'OK', b: 'Enabled' });
    expect(r.pasted.notes.map((n) => n.line)).toEqual([1, 2]);
    expect(run('a: x  #1\n').values).toEqual({ a: 'x  #1' });
  });

  it('a `# ` and words after one space is a note too, in any script (`bus-info: 0000:4d:00.0 # 这就是驱动信息`)', () => {
    const r = run('a: 0000:4d:00.0 # 这就是驱动信息\nb: 1.2 # latest\n');
    expect(r.values).toEqual({ a: '0000:4d:00.0', b: '1.2' });
    expect(r.pasted.notes).toEqual([{ line: 1, note: '# 这就是驱动信息' }, { line: 2, note: '# latest' }]);
  });

  it('keeps a `#` glued to a word after one space, inside a word, or a line that is only a comment; and never undoes a note in a document', () => {
    expect(run('a: Device #1\nb: x#y  z\n').values).toEqual({ a: 'Device #1', b: 'x#y  z' });
    // A line that is only a comment of a person's words is no note after a value: it is their words inside the output.
    const comment = run('a: 1\n   # a comment of its own\nb: 2\n');
    expect(comment.pasted.notes).toEqual([]);
    expect(comment.issues).toEqual([]);
    expect(comment.pasted.around).toEqual([2]);
    expect(cleanText('{"a": "x  # y"}', { document: true }).lines[0]!.text).toBe('{"a": "x  # y"}');
  });
});

describe('text around an output', () => {
  it('is prose before the first line read and after the last, named once; lines inside the output stay unread lines', () => {
    const r = run('Here is the output:\n\na: 1\nsomething  odd\nInside the output, a sentence.\nb: 2\n\nAny idea what is wrong? Thanks in advance.\nRegards,\nJane\n');
    expect(r.values).toEqual({ a: '1', b: '2' });
    expect(r.pasted.around).toEqual([1, 8, 9, 10]);
    expect(r.issues.map((i) => i.line)).toEqual([4, 5]);
  });

  it("takes the writer's list items, footnotes, links and Markdown headings outside the output, and a name under a closing above it", () => {
    const r = run('- Linux kernel: 6.17.7-300.fc43.x86_64\n* Ubuntu 20.04.3 LTS\n-- Bonded interfaces (802.3ad) to leaf switches\nThanks\nRobin\n[1] https://marc.info/?l=xdp-newbies&m=1\n[3] Ethtool Parameters:\na: 1\nb: 2\n- filename: /lib/modules/x.ko\n#### Namespaces and addressing\nhttps://access.redhat.com/solutions/5068871\n');
    expect(r.values).toEqual({ a: '1', b: '2' });
    expect(r.pasted.around).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11, 12]);
    expect(r.issues).toEqual([]);
    // Inside the output a list item stays an unread line; a capitalised word alone above an output is no signed name.
    const inside = run('Robin\na: 1\n- Board id\nb: 2\n');
    expect(inside.issues.map((i) => i.line)).toEqual([1, 3]);
  });

  it('keeps a line that reads as a tool\'s (a field with no value, aligned columns, a title-case label) an unread line', () => {
    const r = run('firmware-version:\nSecurity Attributes:\nNode  SN  Model\na: 1\n');
    expect(r.pasted.around).toEqual([]);
    expect(r.issues.map((i) => i.line)).toEqual([1, 2, 3]);
  });

  // nic ethtool-i/ixgbe-x550-markdown-dash-list-fields (`Hardware Info:` and `Driver/mod Info:` over a mail's lists).
  it('takes a label above the output that the parser names as one its tool never prints; the same label unnamed stays unread', () => {
    const labelled = (raw: string): ReturnType<typeof run> => {
      const { value, seen } = observeText(() => {
        const r = parseAbc(raw);
        for (const i of r.issues) if (/^[A-Z][\w/ ]*:$/.test(i.text)) i.label = true;
        return r;
      });
      return { ...value, pasted: pastedText(seen, value) };
    };
    const r = labelled('Hardware Info:\n\nDriver/mod Info:\na: 1\nStats:\nb: 2\n');
    expect(r.pasted.around).toEqual([1, 3]);
    // Inside the output a label stays the parser's unread line.
    expect(r.issues.map((i) => i.line)).toEqual([5]);
    expect(run('Hardware Info:\na: 1\n').issues.map((i) => i.line)).toEqual([1]);
  });

  // nic ethtool-i/igb-i210-mail-fw-question-answer: the reviewer's question quoted above the unquoted answer and paste.
  it('takes a quoted question above an unquoted output, its wrapped line and its empty quoted line, for the words of the thread', () => {
    const r = run('> It will be beneficial for us to know the firmware version used both\n> on Linux and Windows setups.\n>\n\nplease, see the FW version below:\n\na: 1\nb: 2\n');
    expect(r.values).toEqual({ a: '1', b: '2' });
    expect(r.issues).toEqual([]);
    expect(r.pasted.around).toEqual([1, 2, 3, 5]);
    // A quoted line of a tool's above the output stays unread.
    expect(run('> Node  SN  Model\na: 1\n').issues.map((i) => i.line)).toEqual([1]);
  });

  it('counts the prose a fence or a quote leaves outside the block', () => {
    expect(run('Output example::\n\n```\na: 1\n```\nThat is all.\n').pasted.around).toEqual([1, 6]);
    const quoted = run('The card reports this:\n> a: 1\n> b: 2\nAs you can see the firmware is old.\n');
    expect(quoted.values).toEqual({ a: '1', b: '2' });
    expect(quoted.pasted.around).toEqual([1, 4]);
    // The quoted lines are a question, the output is not prose: the quote is not the output.
    expect(run('> Could you attach the output?\n\na: 1\n').values).toEqual({ a: '1' });
  });

  it('removes the indentation of an output indented under a sentence that is not', () => {
    expect(run('Output example::\n\n    a: 1\n    b: 2\n').values).toEqual({ a: '1', b: '2' });
  });
});

describe("a person's words inside a paste of outputs", () => {
  // nic ethtool-i/vmxnet3-e1000-zh-sre-doc-comment-inside (`# vmxnet3 是 VMware 的高性能半虚拟化驱动` under driver:),
  // igb-r8169-two-hosts-comments (`#服务器网卡` between two hosts' runs).
  it('a `#` comment of words inside an output is theirs, not an unread line; a tool\'s `#` line stays unread', () => {
    const r = run('a: 1\n# vmxnet3 是 VMware 的高性能半虚拟化驱动\nb: 2\n');
    expect(r.issues).toEqual([]);
    expect(r.pasted.around).toEqual([2]);
    expect(run('a: 1\n# 1  Short offline       Completed without error\nb: 2\n').issues.map((i) => i.line)).toEqual([2]);
  });

  it('words between two outputs, up to the next command line, are theirs; a sentence inside one output stays unread', () => {
    const two = run('$ show x\na: 1\n\nAnd on the second host, after the update:\n#服务器网卡\n$ show y\nb: 2\n');
    expect(two.values).toEqual({ a: '1', b: '2' });
    expect(two.issues).toEqual([]);
    expect(two.pasted.around).toEqual([4, 5]);
    // A line no person writes before the command keeps the run unread.
    expect(run('$ show x\na: 1\nNode  SN  Model\n$ show y\nb: 2\n').issues.map((i) => i.line)).toEqual([3]);
  });
});

describe('prose, as people write it', () => {
  it('tells sentences, headings and separators from tool lines', () => {
    for (const p of ['Output example::', 'Here is the output:', '---', '=================', 'Mine shows:', 'I would be grateful if someone can try the same and let me know if', 'Thanks, it works now.', 'Thanks, Bob', 'Cheers!', 'Kind regards,', 'Hope this helps.'])
      expect(looksLikeProse(p), p).toBe(true);
    // nic ethtool-i/igb-82575eb-forum-lspci-before: a typist's two spaces after each full stop.
    expect(looksLikeProse('I am trying to understand why my card is not working.  This is the second card I bought.  Here is the information:')).toBe(true);
    // A JSON document printed on one line (smartctl --json=c) is the tool's, whatever words its strings hold
    // (a SAS drive's self-test log: 'Background short', 'Self test in progress', 'Aborted (device reset ?)').
    expect(looksLikeProse('{"scsi_self_test_0":{"code":{"string":"Background short"},"result":{"string":"Self test in progress ..."}},"scsi_self_test_1":{"result":{"string":"Aborted (device reset ?)"}},"x":{"string":"Aborted (by user command)"}}')).toBe(false);
    for (const t of ['driver: mlx5_core', 'firmware-version:', 'Port  Type.  Speed  Link', 'A.  B.  C', 'Performance Value IDs:', 'Thresholds:', 'FW Version:            16.35.2000', 'Copyright (C) 2002-16, Bruce Allen, Christian Franke, www.smartmontools.org', 'Initializing...', 'Rom Info: type=UEFI version=14.21.17', 'Best Effort', 'thanks: 1', 'Jane'])
      expect(looksLikeProse(t), t).toBe(false);
  });

  it('takes a name after prose or a closing, not alone', () => {
    expect(trailingProse(['Thanks in advance for any help.', 'Regards,', 'Jane'])).toEqual([true, true, true]);
    // A closing is a person's words on its own (a tool prints no `Regards,`); the name under it is the sign-off.
    expect(trailingProse(['Regards,', 'Jane'])).toEqual([true, true]);
    expect(trailingProse(['Jane', 'Doe'])).toEqual([false, false]);
  });

  // Real endings of the corpus: mlx5 mstflint/cx3-vpi-linux-rdma-vfio-elided-guids (`Thanks,` / `Bart.`), nic
  // ethtool-i/bnxt-after-bnxtnvm-mail-signature (`Thanks for your time.` / `--Marc`); and lines a tool printed after a
  // line that reads as a sentence: smartctl lines cut short (ata smartctl/fastvps10-st3000dm001-smartctl541: `was never
  // started.` / `Auto Of`; omv959-st2000vx003-cciss-incomplete: `… registers missing` / `SMART overall-hea`).
  it('takes a name only under a closing or the signature marker; a word a tool printed after a sentence is not a sign-off', () => {
    expect(trailingProse(['Thanks,', 'Bart.'])).toEqual([true, true]);
    expect(trailingProse(['Thanks for your time.', '--Marc'])).toEqual([true, true]);
    // nic ethtool-i/mlx5-cx5-gre-three-lines-quoted-two-deep: `Thanks!` / `-Jason`; a dashed name alone is no sign-off.
    expect(trailingProse(['Let me know if I can fill in any more details.', 'Thanks!', '-Jason'])).toEqual([true, true, true]);
    expect(trailingProse(['-Jason'])).toEqual([false]);
    expect(trailingProse(['Any idea what is wrong here?', '--', 'Jane Roe', 'ACME Storage'])).toEqual([true, true, true, true]);
    expect(trailingProse(['Any idea what is wrong here?', 'Cheers Bob'])).toEqual([true, true]);
    expect(trailingProse(['                    was never started.', '                    Auto Of'])).toEqual([true, false]);
    expect(trailingProse(['SMART Status not supported: Incomplete response, ATA output registers missing', 'SMART overall-hea'])).toEqual([true, false]);
    expect(trailingProse(['The firmware was updated yesterday.', 'Enabled'])).toEqual([true, false]);
  });

  it('names line runs', () => {
    expect(lineRuns([1, 2, 3, 7, 9, 10])).toBe('1–3, 7, 9–10');
  });
});

describe("an author's sentence wrapped over two lines after an output", () => {
  it('its second line is words around the paste, not an unread line', () => {
    const r = run('a: 1\nb: 2\n\nThe output above was taken after the update to the latest\nfirmware from the vendor site.\n');
    expect(r.issues).toEqual([]);
    expect(r.pasted.around).toEqual([4, 5]);
    expect(trailingProse(['This is what the card reports after the', 'update, as you', 'can see'])).toEqual([true, true, true]);
  });

  it("a tool's line after the sentence is no continuation of it", () => {
    expect(trailingProse(['This is what the card reports after the', 'FW Version:     16.35.2000'])).toEqual([true, false]);
    expect(trailingProse(['Any idea what is wrong here?', 'x: 1'])).toEqual([true, false]);
  });
});

describe('a diff of two outputs', () => {
  it('reads its + side (the newer) and its context lines; the - lines and the hunk and file headers are set aside and said', () => {
    const diff = 'Before and after the update:\n--- before.txt\n+++ after.txt\n@@ -1,3 +1,3 @@\n a: 1\n-b: 16.28.1002\n+b: 16.35.2000\n c: x\n';
    const r = run(diff);
    expect(r.values).toEqual({ a: '1', b: '16.35.2000', c: 'x' });
    expect(r.issues).toEqual([]);
    expect(r.pasted.diff).toEqual({ removed: [6], headers: [2, 3, 4] });
    expect(cleanText(diff).noise.filter((n) => n.kind === 'diff').map((n) => n.no)).toEqual([2, 3, 4, 6]);
  });

  it('of two log lines holding outputs: the - line is taken out before the + line is decoded, so only the newer output is read', () => {
    const line = (b: string): string => JSON.stringify({ level: 'info', msg: 'output', stdout: `a: 1\nb: ${b}\nc: x\n` });
    const diff = `--- before.log\n+++ after.log\n@@ -1 +1 @@\n-${line('16.28.1002')}\n+${line('16.35.2000')}\n`;
    const r = run(diff);
    expect(r.values).toEqual({ a: '1', b: '16.35.2000', c: 'x' });
    expect(r.issues).toEqual([]);
    expect(r.pasted.diff).toEqual({ removed: [4], headers: [1, 2, 3] });
    // The older line alone holds an output: it is not read for the newer one's.
    expect(run(`@@ -1 +1 @@\n-${line('16.28.1002')}\n+b: 16.35.2000\n`).values).toEqual({ b: '16.35.2000' });
  });

  it('a hunk without file headers is a diff too; an output with a line starting with - alone is not', () => {
    expect(run('@@ -1,2 +1,2 @@\n-a: 1\n+a: 2\n b: 3\n').values).toEqual({ a: '2', b: '3' });
    expect(cleanText('a: 1\n-b: 2\n+c: 3\n').noise).toEqual([]);
  });
});

describe("the writer's paragraphs between indented outputs", () => {
  // The made-up parser, reading its lines at any indentation.
  const run = (raw: string): { values: Record<string, string>; issues: LineIssue[]; pasted: ReturnType<typeof pastedText> } => {
    const { value, seen } = observeText(() => {
      const values: Record<string, string> = {};
      const issues: LineIssue[] = [];
      for (const l of cleanText(raw).lines) {
        const m = /^([abc]):\s*(.*)$/.exec(l.text.trim());
        if (m) values[m[1]!] = m[2]!;
        else issues.push({ line: l.no, text: l.text, message: 'not a field' });
      }
      return { values, issues };
    });
    return { ...value, pasted: pastedText(seen, value) };
  };
  // A blog's Markdown session: commands and outputs indented four spaces as code blocks, the writer's steps at the margin.
  const blog = ['which gives us:', '', '    a: 1', '    b: 2', '', '####The Actual Work', 'Remove the current module', '', '    rmmod x', '', 'Check it', '', '    a: 3', '', '#Fin.', ''].join('\n');

  it('are words around the output, not unread lines; an indented line the parser cannot read stays its own', () => {
    const r = run(blog.replace('rmmod x', 'd: 4'));
    expect(r.issues.map((i) => i.line)).toEqual([9]);
    expect(r.pasted.around).toEqual([1, 6, 7, 11, 15]);
  });

  it("an indented block of commands typed with no prompt between two of them is the writer's steps (`rmmod x`, `lsmod | grep x`)", () => {
    const r = run(blog.replace('rmmod x', 'rmmod x\n    lsmod | grep x'));
    expect(r.issues).toEqual([]);
    // `lsmod | grep x` is a command line of a tool fwsnap runs (piped), no words around the output.
    expect(r.pasted.around).toEqual([1, 6, 7, 9, 12, 16]);
    // Not when one line of the block is no command line, nor after the last paragraph.
    expect(run(blog.replace('rmmod x', 'rmmod x\n    d: 4')).issues.map((i) => i.line)).toEqual([9, 10]);
    expect(run(blog.replace('#Fin.', '#Fin.\n\n    rmmod y')).issues.map((i) => i.line)).toEqual([17]);
  });

  it('a paragraph one of whose lines the parser read is output, and its other lines stay unread', () => {
    const r = run(blog.replace('Check it', 'Check it\nc: 9'));
    expect(r.values.c).toBe('9');
    expect(r.issues.map((i) => i.line)).toEqual([11]);
  });

  it('not when a line is indented right under one at the margin: that is a tool\'s own nesting', () => {
    expect(cleanText('x:\n    a: 1\n\ny:\n    b: 2\n\nwords here\n\n    c: 3\n').margins).toBeUndefined();
    expect(cleanText(blog).margins).toEqual([[1], [6, 7], [11], [15]]);
  });
});
