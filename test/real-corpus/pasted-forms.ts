import { stringify } from 'yaml';
import { looksLikeProse } from '../../analyzer/parsers/prose.js';
import { decodeQuotedPrintable } from '../../analyzer/parsers/quoted-printable.js';

/**
 * The ways a real tool output travels before it reaches a support engineer (issue 11 item 2), each a function of
 * the output as published. A form returns undefined where it cannot apply to that output, with the reason in
 * NOT_FOR_FORMAT; a class may add its own exceptions (test/real-corpus/paste-sweep.test.ts reads them).
 */

export type Format = 'text' | 'json' | 'xml';

export interface Pasted {
  text: string;
  format: Format;
  /** The command a person typed, as the prompt line shows it. */
  command: string;
  /** The name it is saved under, as `cmd/<tool>/<args>.out`. */
  savedAs: string;
}

/** A pasted output: text, or the bytes of a file a tool on another system saved (UTF-16). */
export type Form = (p: Pasted) => string | Buffer;

/** As a ticket export escapes (OWASP's set: `/` and `'` too, as the published mlxsw sample shows `pci&#x2F;`). */
const HTML: [RegExp, string][] = [[/&/g, '&amp;'], [/</g, '&lt;'], [/>/g, '&gt;'], [/"/g, '&quot;'], [/'/g, '&#39;'], [/\//g, '&#x2F;']];
const lines = (t: string): string[] => t.replace(/\n$/, '').split('\n');
const joined = (ls: string[], t: string): string => ls.join('\n') + (t.endsWith('\n') ? '\n' : '');

/** The line in the middle of an output at which an elision is inserted: between two non-blank lines. */
function middle(ls: string[]): number {
  const mid = Math.floor(ls.length / 2);
  for (let d = 0; d < ls.length; d++) {
    for (const i of [mid + d, mid - d]) if (i > 0 && i < ls.length && ls[i]!.trim() !== '' && ls[i - 1]!.trim() !== '') return i;
  }
  return mid;
}

/** `unexpand -a`: runs of two or more spaces that end on a tab stop (every 8 columns) become tabs, so the columns still line up. */
function unexpand(line: string): string {
  let out = '';
  let spaces = 0;
  let col = 0;
  for (const ch of line) {
    col++;
    if (ch === ' ') {
      spaces++;
      if (col % 8 === 0) {
        out += spaces >= 2 ? '\t' : ' ';
        spaces = 0;
      }
      continue;
    }
    out += ' '.repeat(spaces) + ch;
    spaces = 0;
    if (ch === '\t') col = Math.ceil(col / 8) * 8;
  }
  return out + ' '.repeat(spaces);
}

/** One of several variants, the same for a sample every run (by its saved name): the variants share out the corpus. */
function variant<T>(p: Pasted, xs: readonly T[]): T {
  let h = 0;
  for (const ch of p.savedAs) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return xs[h % xs.length]!;
}

/** The tool a command line runs, as a log tag names it. */
const toolOf = (command: string): string => /^(?:sudo\s+)?(?:\S*\/)?([\w.-]+)/.exec(command)?.[1] ?? 'sh';

/** A clock that ticks a little with each line, as log times do. */
const stamp = (i: number, form: 'syslog' | 'journal' | 'iso' | 'ts'): string => {
  const s = 5 + Math.floor(i / 7);
  const ss = String(s % 60).padStart(2, '0');
  const mm = String(10 + Math.floor(s / 60)).padStart(2, '0');
  if (form === 'syslog') return `Dec  1 10:${mm}:${ss}`;
  if (form === 'journal' || form === 'ts') return `Dec 01 10:${mm}:${ss}`;
  return `2026-12-01T10:${mm}:${ss}.${String(1234567 + i * 4711).padStart(7, '0')}Z`;
};

/** Quoted-printable as a mail client sends a body (RFC 2045 §6.7): `=3D`, encoded line ends and bytes, soft breaks at 76. */
function quotedPrintable(text: string): string {
  return text.split('\n').map((line) => {
    let enc = '';
    for (const b of Buffer.from(line, 'utf8')) enc += b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09) ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    enc = enc.replace(/[ \t]$/, (c) => (c === ' ' ? '=20' : '=09'));
    const out: string[] = [];
    while (enc.length > 76) {
      let cut = 75;
      const esc = enc.lastIndexOf('=', cut - 1);
      if (esc > cut - 3) cut = esc;
      out.push(`${enc.slice(0, cut)}=`);
      enc = enc.slice(cut);
    }
    return [...out, enc].join('\n');
  }).join('\n');
}

/** Plain quotes as a word processor or a web page's "smart quotes" turn them: opening and closing in turn on a line. */
function smartQuotes(line: string): string {
  let open = true;
  return line.replace(/"/g, () => ((open = !open) ? '\u201d' : '\u201c')).replace(/'/g, '\u2019');
}

/** Where a web page leaves no-break and other Unicode spaces: indentation and aligned columns (`&nbsp;` runs), some single spaces. */
function unicodeSpaces(line: string, other: string): string {
  return line
    .replace(/^ +/, (m) => '\u00a0'.repeat(m.length))
    .replace(/ {2,}/g, (m) => [...m].map((_, i) => (i % 2 ? ' ' : '\u00a0')).join(''))
    .replace(/(?<=[^\s\u00a0]) (?=[^\s\u00a0])/, other);
}

/**
 * Where a paste is cut short (a ticket's size limit, a copy that stopped early): inside a line about two thirds of the
 * way down, the whole lines before it and the part of the cut line that is left.
 */
function cutPoint(text: string): { before: string; cut: string } {
  const ls = lines(text);
  let at = Math.floor((ls.length * 2) / 3);
  while (at < ls.length - 1 && ls[at]!.trim().length < 8) at++;
  const line = ls[at]!;
  const indent = line.length - line.trimStart().length;
  const keep = line.slice(0, indent + Math.ceil(line.trim().length / 2)).trimEnd();
  return { before: ls.slice(0, at).map((l) => `${l}\n`).join(''), cut: keep };
}

/** The first version-like value of each line that has one, set in Markdown bold or code as a forum post does. */
function markValues(text: string, mark: string): string {
  // Not inside a time (`20:25:49.346613`): a value follows a separator that follows no digit.
  return text.replace(/^(.*?(?<!\d)[\s:=])(\d+(?:\.\d+)+|[A-Z][A-Z0-9]{5,})(?=\s|$)/gm, (_m, before: string, value: string) => `${before}${mark}${value}${mark}`);
}

/** Notes as people write them after a value, in turn: a shell comment, arrows, a C++ comment after a tab. */
export const NOTES = ['  # the firmware', '   <-- old', '  <== check this', '\t// from the ticket', '    ## per the vendor'];
/** A line that shows a command (a prompt, `$ `, a comment line): a note there would be part of what was typed. */
const COMMAND_LINE = /^\s*(?:[$#>%]|\S+@\S+|\[\S+@)/;

/** Every line with a version-like value (as markValues finds them) gets a note at its end, the notes taken in turn. */
export function withNotes(text: string, tool: string): string {
  let n = 0;
  const typed = (line: string): boolean => COMMAND_LINE.test(line) || new RegExp(`(?:^|[\\s/])${tool.replace(/[.+]/g, '\\$&')}(?:\\s|$)`).test(line);
  // A person's sentence around the output (`… update the REPLACES entry …`) holds no value a note is put after.
  return text.replace(/^(.*?(?<!\d)[\s:=])(\d+(?:\.\d+)+|[A-Z][A-Z0-9]{5,})(?=\s|$)(.*)$/gm, (line: string) => (typed(line) || looksLikeProse(line.trim()) ? line : `${line.trimEnd()}${NOTES[n++ % NOTES.length]}`));
}

/** Words before and after a pasted output, as tickets and documents put them (`$CMD`: the command). */
export const PROSE: readonly (readonly [string, string])[] = [
  ['Here is the output of $CMD on the affected host:\n\n', '\nAny idea what is wrong? Thanks in advance.\n'],
  ['Output example::\n\n', '\nThe values above are from a test system.\n'],
  ['---\n\n', '\n---\nSent from my phone.\n'],
  ['The card reports this:\n', '\nAs you can see the firmware is old.\nRegards,\nJane\n'],
];

/**
 * An output published as a quoted-printable mail body, as the reader decides it: a line of its own that ends in `=`
 * (smartctl's `=== START OF … ===`, nvidia-smi's `==== NVSMI LOG ====`) is no soft break.
 */
const MAIL_BODY = { test: (text: string): boolean => decodeQuotedPrintable(text) !== undefined };

/** The text with a final line end (the markup forms put their closing tag on a line of its own). */
const ended = (t: string): string => t.replace(/\n?$/, '\n');
/** As HTML needs the text inside `<pre>`: `&`, `<` and `>` escaped. */
// An output published HTML-escaped is not escaped twice (one decoding undoes one escaping).
const htmlText = (t: string): string => (/&(?:#x?[0-9a-f]+|amp|lt|gt|quot);/i.test(t) ? t : t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
/** A fence of the output's own (a Markdown or static-site excerpt): wrapping it in another would not nest. */
const hasFence = (t: string): boolean => NOT_FOR_CONTENT['Markdown fence with prose']!.holds.test(t);

export const FORMS: Record<string, Form> = {
  indented: ({ text }) => text.replace(/^(?=.)/gm, '    '),
  CRLF: ({ text }) => text.replace(/\n/g, '\r\n'),
  'ANSI colour': ({ text }) => text.replace(/^(\s*)(\S+)/gm, '$1\x1b[1;32m$2\x1b[0m'),
  'prompt and $ command': ({ text, command }) => `$ ${command}\n${text}`,
  'shell prompt': ({ text, command }) => `root@host:~# ${command}\n${text.replace(/\n?$/, '\n')}root@host:~# \n`,
  '... elision': ({ text }) => {
    const ls = lines(text);
    const at = middle(ls);
    return joined([...ls.slice(0, at), '...', ...ls.slice(at)], text);
  },
  '(...) elision': ({ text }) => {
    const ls = lines(text);
    const at = middle(ls);
    return joined([...ls.slice(0, at), '(...)', ...ls.slice(at)], text);
  },
  // A newer version of the tool printing a field this reader has never seen, in the middle, indented as its neighbour
  // and behind the same marks (a comment's `#`, a mail's `>`, a patch's `+`).
  'a line the tool never printed': ({ text }) => {
    const ls = lines(text);
    const at = middle(ls);
    const indent = /^[\s#>/+|*;]*/.exec(ls[at]!)![0];
    return joined([...ls.slice(0, at), `${indent}Xyzzy frobnication level: 17`, ...ls.slice(at)], text);
  },
  // A newer version of the tool printing a member or element this reader has never seen: in the first object that
  // holds a plain value (a device's, in devlink's `{"info": {"pci/…": {…}}}`), or the first GPU element; in a second
  // variant, at the document's top level, beside the members that name its devices (mlxconfig -j's `"Device #1"`).
  'a member the tool never printed': (p) => {
    const { text, format } = p;
    if (format === 'xml') return text.replace(/<gpu\b[^>]*>|<nvidia_smi_log>/, (open) => `${open}\n\t<xyzzy_frobnication_level>17</xyzzy_frobnication_level>`);
    if (variant(p, ['inner', 'top'] as const) === 'top' && /^\s*\{\s*"/.test(text)) return text.replace('{', '{"xyzzy_frobnication_level": 17, ');
    return text.replace(/\{(?=\s*"[^"]*"\s*:\s*(?:["\d\-]|true|false|null))/, '{"xyzzy_frobnication_level": 17, ');
  },
  // A person's sentence at the left margin in the middle of an indented output (a reply written inline, a note between
  // two parts of one output), plain or under a label of its own (`Note:`, `EDIT:`) that makes it look like a tool's
  // `Key: value` line: behind the same quote marks as the line it precedes, never indented.
  'a margin line': (p) => {
    const ls = lines(p.text);
    const at = marginAt(ls);
    if (at === undefined) return p.text;
    const marks = QUOTE_MARKS.exec(ls[at]!)![0].trimEnd();
    const sentence = variant(p, [
      'The values below were read after the reboot.',
      'This is where it differs from the other host, see below.',
      'Note: the values below were read after the reboot.',
      'EDIT: this part is from the second card, see below.',
    ]);
    return joined([...ls.slice(0, at), `${marks ? `${marks} ` : ''}${sentence}`, ...ls.slice(at)], p.text);
  },
  'kernel answers': ({ text }) => `${text.replace(/\n?$/, '\n')}kernel answers: Operation not supported\n`,
  'JSON log line': ({ text }) => `${JSON.stringify({ level: 'info', ts: 1700000000, msg: 'command output', stdout: text })}\n`,
  // An output published HTML-escaped is not escaped twice (one decoding undoes one escaping): it is saved as published.
  'HTML-escaped': ({ text }) => (/&(?:#x?[0-9a-f]+|amp|lt|gt|quot);/i.test(text) ? text : HTML.reduce((t, [re, by]) => t.replace(re, by), text)),
  'trailing whitespace': ({ text }) => text.replace(/(?<=\S)$/gm, ' \t  '),
  'tabs for spaces': ({ text }) => text.split('\n').map(unexpand).join('\n'),
  'no final newline': ({ text }) => text.replace(/\n+$/, ''),
  'UTF-8 BOM': ({ text }) => `\ufeff${text}`,
  'Markdown fence with prose': (p) => {
    const [open, close] = variant(p, [['```', '```'], ['```console', '```'], ['~~~', '~~~'], ['```text', '```']] as const);
    return `Hi, here is what \`${p.command}\` prints on the affected host:\n\n${open}\n${p.text.replace(/\n?$/, '\n')}${close}\n\nAny idea? Thanks in advance.\n`;
  },
  'Markdown bold or code values': (p) => markValues(p.text, variant(p, ['**', '`'])),
  'mail quote': (p) => {
    const mark = variant(p, ['> ', '>> ', '> > ']);
    return `On Mon, 1 Dec 2026 at 10:00, Someone <someone@example.org> wrote:\n${lines(p.text).map((l) => (l === '' ? mark.trimEnd() : mark + l)).join('\n')}\n`;
  },
  // An output published as a quoted-printable mail body is not encoded twice (one decoding undoes one encoding).
  'quoted-printable mail body': ({ text }) => (MAIL_BODY.test(text) ? text : quotedPrintable(text)),
  'syslog prefix': (p) => {
    const [form, host] = variant(p, [['syslog', 'host'], ['journal', 'node-07']] as const);
    return joined(lines(p.text).map((l, i) => `${stamp(i, form)} ${host} ${toolOf(p.command)}[${4242 + (p.savedAs.length % 7)}]: ${l}`), p.text);
  },
  'CI log or ts timestamps': (p) => {
    const form = variant(p, ['iso', 'ts'] as const);
    return joined(lines(p.text).map((l, i) => `${stamp(i, form)} ${l}`), p.text);
  },
  'kubectl logs --prefix': (p) => joined(lines(p.text).map((l) => `[pod/fwsnap-collect-7d9f4/collector] ${l}`), p.text),
  'Ansible stdout_lines': (p) => {
    const ls = lines(p.text);
    const shape = variant(p, ['ad-hoc', 'json', 'yaml'] as const);
    if (shape === 'ad-hoc') return `node-07 | CHANGED | rc=0 >>\n${p.text}`;
    const task = '\nTASK [debug] *******************************************************************\n';
    if (shape === 'json') return `${task}ok: [node-07] => ${JSON.stringify({ 'out.stdout_lines': ls }, null, 4)}\n\nPLAY RECAP *********************************************************************\n`;
    return `${task}ok: [node-07] => \n  out.stdout_lines:\n${stringify(ls).replace(/^(?=.)/gm, '  ')}\nPLAY RECAP *********************************************************************\n`;
  },
  'script typescript': (p) =>
    `Script started on 2026-12-01 10:00:05+00:00 [COMMAND="${p.command}" <not executed on terminal>]\n${p.text.replace(/\n?$/, '\n').replace(/\n/g, '\r\n')}\nScript done on 2026-12-01 10:00:06+00:00 [COMMAND_EXIT_CODE="0"]\n`,
  'Unicode spaces': (p) => {
    const other = variant(p, ['\u00a0', '\u2002', '\u2009', '\u202f', '\u3000']);
    return p.text.split('\n').map((l) => unicodeSpaces(l, other)).join('\n');
  },
  'smart quotes': ({ text }) => text.split('\n').map(smartQuotes).join('\n'),
  'truncated mid-line': ({ text }) => {
    const { before, cut } = cutPoint(text);
    return `${before}${cut}`;
  },
  'zero-width spaces': ({ text }) => text.replace(/^(?=.)/gm, '\u200b').replace(/([/:])(?=\S)/g, '$1\u200b'),
  // Forum posts (phpBB, vBulletin, XenForo, Discourse): a code block with prose around it, the tags glued to the
  // output's first and last lines, a rich editor's font wrappers with values in bold, a quote of someone's output.
  'BBCode forum post': (p) => {
    const shape = variant(p, ['code', 'CODE=text glued', 'font wrappers', 'Discourse quote'] as const);
    const body = p.text.replace(/\n$/, '');
    if (shape === 'code') return `Here is the output from the host:\n[code]\n${ended(p.text)}[/code]\nThanks!\n`;
    if (shape === 'CODE=text glued') return `[CODE=text]${body}[/CODE]\n`;
    if (shape === 'font wrappers') {
      const marked = p.format === 'text' ? markValues(body, '\u0000').replace(/\u0000(.*?)\u0000/g, '[b]$1[/b]') : body;
      return `[FONT=Courier New][SIZE=2][COLOR=#333333]${marked}[/COLOR][/SIZE][/FONT]\n`;
    }
    return `[quote="jdoe, post:3, topic:1234"]\n${ended(p.text)}[/quote]\n`;
  },
  // Jira and Confluence wiki markup; MediaWiki and HTML pages (a `<pre>` page escapes the text, as HTML must).
  'Jira or wiki markup': (p) => {
    const shape = variant(p, ['{code}', '{code:bash}', '{noformat}', '{quote}', '<pre>', '<syntaxhighlight>'] as const);
    if (shape === '{code}') return `Output from the host:\n{code}\n${ended(p.text)}{code}\n`;
    if (shape === '{code:bash}') return `{code:bash}${ended(p.text)}{code}\n`;
    if (shape === '{noformat}') return `{noformat}\n${ended(p.text)}{noformat}\n`;
    if (shape === '{quote}') return `{quote}${p.text.replace(/\n$/, '')}{quote}\n`;
    if (shape === '<pre>') return `<p>The host prints:</p>\n<pre>${htmlText(ended(p.text))}</pre>\n`;
    return `== Output ==\n<syntaxhighlight lang="text">\n${ended(p.text)}</syntaxhighlight>\n`;
  },
  // A GitHub comment folding a long output, its title the command: a fence inside (or, when the output holds a fence of
  // its own, HTML <pre>); a Bugzilla reply quoting the question; a Launchpad comment as its page shows it.
  'GitHub details or tracker comment': (p) => {
    const shape = variant(p, ['details', 'details pre', 'Bugzilla reply', 'Launchpad comment'] as const);
    if (shape === 'details' && !hasFence(p.text)) return `<details>\n<summary>${p.command}</summary>\n\n\`\`\`\n${ended(p.text)}\`\`\`\n\n</details>\n`;
    if (shape === 'details' || shape === 'details pre') return `<details><summary>Output</summary>\n<pre><code>${htmlText(ended(p.text))}</code></pre>\n</details>\n`;
    if (shape === 'Bugzilla reply') return `(In reply to Jane Roe from comment #3)\n> Could you attach the output of \`${p.command}\`?\n\n${p.text}`;
    return `Jane Roe (jroe) wrote on 2026-12-01: #5\n\n${p.text}`;
  },
  // A file saved by Windows PowerShell's `>` or Out-File (UTF-16 LE with a BOM and CRLF), or by an editor as UTF-16 BE.
  'UTF-16 with BOM': (p) => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(p.text.replace(/\r?\n/g, '\r\n'), 'utf16le')]);
    return variant(p, ['LE', 'BE'] as const) === 'LE' ? le : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le.subarray(2)).swap16()]);
  },
  // A web page that showed the output without <pre>, one paragraph a line: indentation gone, runs of spaces one space.
  'spaces collapsed by a web page': ({ text }) => text.replace(/^[ \t]+/gm, '').replace(/[ \t]{2,}/g, ' '),
  // A person's notes after values in their copy (`fr : EPK9CR5Q  # the firmware`, `FW Version: 16.35.2000   <-- old`).
  'notes after values': (p) => withNotes(p.text, toolOf(p.command)),
  // A ticket's or a document's words before and after the output, without a fence: a sentence, a reST `Output example::`
  // heading, `---` separators, a closing remark.
  'prose around the output': (p) => {
    const [before, after] = variant(p, PROSE);
    return `${before.replace('$CMD', p.command)}${ended(p.text)}${after}`;
  },
  // A shell session a person annotated: a comment above the command (`# Before updating the firmware:`), a root prompt
  // under a comment, a comment typed at a prompt.
  'shell session with comments': (p) => {
    const shape = variant(p, ['comment above $', 'root prompt', 'comment at a prompt'] as const);
    if (shape === 'comment above $') return `# Before updating the firmware:\n$ ${p.command}\n${ended(p.text)}# the values above are from the test system\n`;
    if (shape === 'root prompt') return `# On the affected host\n# ${p.command}\n${ended(p.text)}`;
    return `root@host:~# # check the firmware first\nroot@host:~# ${p.command}\n${ended(p.text)}root@host:~# # done\nroot@host:~# \n`;
  },
  // A terminal session copied whole: the login banner, sudo's host warning and password prompt; a prompt that sets the
  // window title (OSC) and colours itself; a typo corrected at the prompt, echoed as backspaces.
  'terminal session': (p) => {
    const shape = variant(p, ['sudo and banner', 'title and colours', 'backspace'] as const);
    const body = ended(p.text);
    if (shape === 'sudo and banner') {
      return `Last login: Mon Dec  1 09:58:12 2026 from 10.1.2.3\nbob@node-07:~$ sudo ${p.command}\nsudo: unable to resolve host node-07: Name or service not known\n[sudo] password for bob: \n${body}bob@node-07:~$ \n`;
    }
    const prompt = '\x1b]0;root@node-07: ~\x07\x1b[01;32mroot@node-07\x1b[00m:\x1b[01;34m~\x1b[00m# ';
    if (shape === 'title and colours') return `${prompt}${p.command}\n${body}${prompt}\n`;
    return `root@node-07:~# ${p.command}x\b\x1b[K\n${body}root@node-07:~# \n`;
  },
  // A forwarded mail: Outlook's `-----Original Message-----` or Gmail's `Forwarded message` header block above the output.
  'forwarded mail headers': (p) => {
    const shape = variant(p, ['Outlook', 'Gmail'] as const);
    if (shape === 'Outlook') {
      return `Please see below.\n\n-----Original Message-----\nFrom: Bob Roe <bob@example.com>\nSent: Monday, December 1, 2026 10:00 AM\nTo: Support <support@example.com>\nSubject: RE: firmware question\n\n${ended(p.text)}`;
    }
    return `---------- Forwarded message ---------\nFrom: Bob Roe <bob@example.com>\nDate: Mon, Dec 1, 2026 at 10:00 AM\nSubject: firmware question\nTo: <support@example.com>\n\n${ended(p.text)}`;
  },
  // Windows' cmd.exe: the prompt in the tool's folder or at a drive's root, and CRLF line ends.
  'Windows command prompt': (p) => {
    const prompt = variant(p, ['C:\\Program Files\\Mellanox\\WinMFT>', 'C:\\>', 'C:\\Users\\bob>'] as const);
    return `${prompt}${p.command}\n${ended(p.text)}\n${prompt}\n`.replace(/\n/g, '\r\n');
  },
  // A prompt typed without a space before the command (`[root@h ~]#nvme list`), or whose sign a paste lost (`root@host:smartctl`).
  'prompt glued to the command': (p) => `${variant(p, ['[root@node-07 ~]#', 'root@node-07:'] as const)}${p.command}\n${ended(p.text)}`,
  // A JSON output printed compact on one line (a script's `jq -c`, an exporter's log), with a CI log's or `ts`'s time
  // before it, or saved without a final line end: the lines a person wrote around the document stay as they were.
  'one-line JSON': (p) => {
    const ls = lines(p.text);
    const first = ls.findIndex((l) => /^\s*[{[]/.test(l));
    const last = ls.length - 1 - [...ls].reverse().findIndex((l) => /^\s*[}\]]\s*$/.test(l));
    let compact: string;
    if (first < 0) return p.text;
    try {
      compact = JSON.stringify(JSON.parse(ls.slice(first, last + 1).join('\n')));
    } catch {
      return p.text;
    }
    const shape = variant(p, ['iso', 'ts', 'no final newline'] as const);
    const out = [...ls.slice(0, first), compact, ...ls.slice(last + 1)];
    if (shape === 'no final newline') return out.join('\n');
    return `${out.map((l, i) => `${stamp(i, shape)} ${l}`).join('\n')}\n`;
  },
  // A paste site's or a gist's copy with its line numbers: `  7 | text`, or a right-aligned number column.
  'paste site line numbers': (p) => {
    const ls = lines(p.text);
    const width = String(ls.length).length;
    const piped = variant(p, [true, false] as const);
    return joined(ls.map((l, i) => (piped ? `${String(i + 1).padStart(width)} | ${l}` : `${String(i + 1).padStart(width)}  ${l}`).trimEnd()), p.text);
  },
  // A blog's Markdown export: `_`, `*` and dashes escaped with a backslash (`MT\_0000000008`, `\-\-\-`).
  'blog Markdown escapes': ({ text }) => text.replace(/[_*]/g, '\\$&').replace(/-{2,}/g, (m) => m.replace(/-/g, '\\-')),
  // A unified diff of an older output and this one (a review, a ticket comparing before and after an update): the
  // first line with a version differs, every other line is context.
  'diff of two outputs': (p) => {
    const ls = lines(p.text);
    const at = Math.max(0, ls.findIndex((l) => /\d+\.\d+/.test(l)));
    const older = ls[at]!.replace(/\d+(?=\.\d)/, (n) => String(Number(n) + 1));
    const body = ls.map((l, i) => (i === at ? `-${older === l ? `${l} (older)` : older}\n+${l}` : ` ${l}`));
    return `--- before.txt\n+++ after.txt\n@@ -1,${ls.length} +1,${ls.length} @@\n${body.join('\n')}\n`;
  },
  // The command typed above the output without a prompt (copied from a script or a runbook), run with sudo, or with the
  // Windows tool's `.exe` name (WinMFT, smartmontools, nvme-cli on Windows).
  'bare command line': (p) => {
    const shape = variant(p, ['plain', 'sudo', '.exe'] as const);
    const windows = /^cmd\/(?:mstflint|flint|mstconfig|mlxconfig|mlxfwmanager|mlxup|smartctl|nvme|nvidia-smi)\//.test(p.savedAs);
    const bare = p.command.replace(/^sudo\s+/, '');
    const command = shape === 'sudo' ? `sudo ${bare}` : shape === '.exe' && windows ? bare.replace(/^(\S+)/, '$1.exe') : p.command;
    return `${command}\n${ended(p.text)}`;
  },
  // The command line as typed to save the output to a file (`> /tmp/x.txt 2>&1`, `>> report.log`), the file's text under it.
  'command redirected to a file': (p) => {
    const to = variant(p, [' > /tmp/out.txt 2>&1', ' >> report.log', ' 2>&1 > out.txt'] as const);
    return `${p.command}${to}\n${ended(p.text)}`;
  },
  // A GitHub comment or a document with a Markdown table of the person's own: the host before the output, the output's
  // values in their own words after it, a table without outer pipes, an issue template's table above a fenced output.
  'Markdown table around the output': (p) => {
    const shape = variant(p, ['table before', 'values after', 'no outer pipes', 'template and fence'] as const);
    const host = '| Host | Kernel | Since |\n|------|:------:|------:|\n| node-07 | 5.15.0-91-generic | 2026-11-30 |\n';
    if (shape === 'table before') return `The affected host:\n\n${host}\n${ended(p.text)}`;
    if (shape === 'values after') {
      const value = /(?<!\d)(\d+(?:\.\d+)+)(?=\s|$)/m.exec(p.text)?.[1] ?? 'see above';
      return `${ended(p.text)}\n| What | Value |\n| --- | --- |\n| version read | ${value} |\n| \`${p.command}\` | as above |\n`;
    }
    if (shape === 'no outer pipes') return `Host | Kernel\n--- | ---\nnode-07 | 5.15.0-91-generic\n\n${ended(p.text)}`;
    if (hasFence(p.text)) return `${host}\n${ended(p.text)}`;
    return `### Environment\n\n${host}\n### Output\n\n\`\`\`\n${ended(p.text)}\`\`\`\n`;
  },
  // An HTML mail or a list archive's page: the lines joined with `<br>` (`<br />`, `<BR>`) on one long line, or a line
  // end after some of them; characters escaped as entities, indentation and runs of spaces as `&nbsp;`.
  'HTML mail joined with <br>': (p) => {
    const [br, shape] = variant(p, [['<br>', 'one line'], ['<br />', 'one line'], ['<BR>', 'line ends'], ['<br/>', 'one line']] as const);
    const escaped = /&(?:#x?[0-9a-f]+|amp|lt|gt|quot);/i.test(p.text) ? p.text : p.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const spaced = lines(escaped).map((l) => l.replace(/^ +/, (m) => '&nbsp;'.repeat(m.length)).replace(/ {2,}/g, (m) => [...m].map((_, i) => (i % 2 ? ' ' : '&nbsp;')).join('')));
    const body = [`<div dir="ltr">Hi,`, 'here is the output:', '', ...spaced, '', 'Thanks,', 'Jane</div>'];
    return shape === 'one line' ? `${body.join(br)}\n` : `${body.map((l, i) => (i % 3 === 2 ? `${l}${br}\n` : `${l}${br}`)).join('')}\n`;
  },
  // A reStructuredText document (a driver's kernel documentation, a project's README.rst): a paragraph ending in `::`
  // (or `::` alone) and the output as the indented literal block under it, a sentence after it.
  // A note kept in Org mode (a source block and its results, each line after `: `, or an example block), a page of
  // AsciiDoc (a listing under `[source,terminal]`), a wiki's command template (Gentoo's RootCmd, the Arch wiki's hc).
  'Org, AsciiDoc or wiki template': (p) => {
    const shape = variant(p, ['org results', 'org example', 'asciidoc', 'RootCmd', 'hc'] as const);
    const body = p.text.replace(/\n$/, '');
    if (shape === 'org results') return `* The host\n#+begin_src sh :results output\n${p.command}\n#+end_src\n\n#+RESULTS:\n${lines(p.text).map((l) => (l === '' ? ':' : `: ${l}`)).join('\n')}\n`;
    if (shape === 'org example') return `#+RESULTS:\n#+begin_example\n${ended(p.text)}#+end_example\n`;
    if (shape === 'asciidoc') return `. Run the command:\n+\n[source,terminal]\n----\n$ ${p.command}\n----\n+\n.Example output\n[source,terminal]\n----\n${ended(p.text)}----\n`;
    if (shape === 'RootCmd') return `Check it with:\n{{RootCmd|${p.command}|output=<pre>\n${ended(p.text)}</pre>}}\n`;
    return `{{hc|# ${p.command}|\n${body}\n}}\n`;
  },
  'reST literal block': (p) => {
    const [head, indent] = variant(p, [[`Output of \`\`${p.command}\`\` on the host::`, '    '], ['Example output::', '   '], ['The card reports the following.\n\n::', '  ']] as const);
    return `${head}\n\n${lines(p.text).map((l) => (l.trim() === '' ? '' : `${indent}${l}`)).join('\n')}\n\nThe values above are from a test system.\n`;
  },
  // A chat copied with its message headers (Slack, Teams): the sender and time above the message, a sentence, the output
  // (a long text output sent as two messages, a header between them), a reply under it.
  'chat copy': (p) => {
    const header = variant(p, [(t: string, who: string) => `${who}  ${t} AM`, (t: string, who: string) => `[${t} AM] ${who}`, (t: string, who: string) => `${who}, Yesterday ${t} AM`] as const);
    const ls = lines(p.text);
    const at = p.format === 'text' && ls.length >= 8 ? middle(ls) : ls.length;
    const second = at < ls.length ? `${header('10:43', 'Jane Roe')}\n${ls.slice(at).join('\n')}\n` : '';
    return `${header('10:42', 'Jane Roe')}\nhere is what ${p.command} prints on the host:\n${ls.slice(0, at).join('\n')}\n${second}${header('10:45', 'Bob Smith')}\nthanks, looking at it now\n`;
  },
  // A file edited on two systems: some lines end in CRLF, others in LF, and a Windows editor's BOM at its start.
  'CRLF mixed with LF': ({ text }) => `\ufeff${text.split('\n').map((l, i, all) => (i % 3 === 1 && i < all.length - 1 ? `${l}\r` : l)).join('\n')}`,
};

/**
 * Forms read against another replay than the output as published: a cut output against its whole lines before the
 * cut (which must all be kept), and the cut line must be named as an issue. The reference forms are replayed, not
 * asserted themselves.
 */
export const REFERENCE_FORMS: Record<string, Form> = {
  'whole lines before a cut': ({ text }) => cutPoint(text).before,
};
export const COMPARED_WITH: Record<string, string> = { 'truncated mid-line': 'whole lines before a cut' };

/**
 * Ways outputs travel that are not undone, with the reason: no form replays them, as no reading of them could be
 * right in general (pasted-forms.test.ts shows the reason holds on the corpus).
 */
export const NOT_UNDONE: Record<string, string> = {
  'wrapped at 80 columns':
    'a line of exactly 80 columns followed by another reads the same whether a mail client or a terminal wrapped a longer line there or the tool printed two lines; real outputs have lines of exactly 80 columns of their own (smartctl, lspci, nvidia-smi, mlxfwmanager in this corpus), so rejoining them would corrupt those. Per tool: ethtool -i prints no line longer than 72 columns in 55 real samples, so no mail wrap splits one and there is nothing to rejoin; devlink, nvme-cli, mstflint and mstconfig print longer lines, whose wrapped remainder a parser records as an unknown line (the value before it kept, cut); no output gives a mark that tells a wrap from a line of its own. Soft breaks that are marked are undone: quoted-printable `=` at a line end, and lspci capability lines wrapped onto an unindented line',
};

/**
 * Forms that show the command line above the output (a prompt, a folded block's title, the question a reply quotes):
 * the command (device, `-e`) is information a published excerpt may lack, so reading more rows from it is right;
 * reading fewer or other rows is not.
 */
export const ADDS_COMMAND = new Set(['prompt and $ command', 'script typescript', 'shell prompt', 'bare command line', 'GitHub details or tracker comment', 'prose around the output', 'shell session with comments', 'terminal session', 'Windows command prompt', 'prompt glued to the command', 'command redirected to a file']);

/**
 * Forms that may read more rows than the published output gives, never fewer or others: those that show the command
 * line, and a line or member the tool never printed (a reader that stores any `key: value` of its tool stores that one too).
 */
export const ADDS_ROWS: ReadonlySet<string> = new Set([...ADDS_COMMAND, 'a line the tool never printed', 'a member the tool never printed']);

/** Forms that cannot apply to a format at all, with the reason. */
export const NOT_FOR_FORMAT: Partial<Record<Format, Record<string, string>>> = {
  text: {
    'one-line JSON': 'only a JSON document is printed compact on one line',
    'a member the tool never printed': 'a text output has no members: a line the tool never printed is its form',
  },
  json: {
    'a line the tool never printed': 'a JSON document with a line added inside it is no longer JSON (a newer tool adds a member, which the JSON readers take as any other)',
    'ANSI colour': 'no tool fwsnap reads colours its JSON output (iproute2 colours text only unless -c is forced)',
    'tabs for spaces': 'tabs would land inside JSON strings that hold runs of spaces, changing the values themselves',
    'Markdown bold or code values': 'Markdown marks nothing inside a code block, where a JSON document is pasted: `**` or a backquote there would be the document\'s own characters',
    'truncated mid-line': 'a JSON document cut short is no longer JSON, and its parser reads documents whole: which values before the cut were complete is not guessed (the cut line is still named as an issue)',
    'notes after values': 'a note after a value inside a JSON document would make it no longer JSON, and a `#` or arrow inside a string is the value\'s own: notes are never undone in a document',

  },
  xml: {
    'a line the tool never printed': 'an XML document with a line of text added inside it is no longer the tool\'s schema (a newer nvidia-smi adds an element, which the XML reader skips as any other)',
    'one-line JSON': 'only a JSON document is printed compact on one line',
    'HTML mail joined with <br>': "an XML document's tags are its own: a document read as XML keeps its markup and character references for its reader, so an HTML mail's escaping of it is not undone",
    'ANSI colour': 'nvidia-smi -q -x does not colour its XML',
    '... elision': 'an XML document with a line cut out of it is no longer well formed',
    '(...) elision': 'an XML document with a line cut out of it is no longer well formed',
    'Markdown bold or code values': 'Markdown marks nothing inside a code block, where an XML document is pasted: `**` or a backquote there would be the document\'s own characters',
    'truncated mid-line': 'an XML document cut short is no longer well formed, and its parser reads documents whole',
    'notes after values': 'a note after a value inside an XML document is text of the element: notes are never undone in a document',
  },
};

/** A mail's or a cover letter's quote marks before a line (`> `, `>> `, `| `). */
const QUOTE_MARKS = /^(?:[>|] ?)*/;

/** The indented line nearest the middle of an output whose line above is not blank: where a margin line interrupts it. */
function marginAt(ls: string[]): number | undefined {
  const indented = (l: string): boolean => /^\s+\S/.test(l.replace(QUOTE_MARKS, ''));
  const mid = Math.floor(ls.length / 2);
  for (let d = 0; d < ls.length; d++) {
    for (const i of [mid + d, mid - d]) if (i > 0 && i < ls.length && indented(ls[i]!) && ls[i - 1]!.trim() !== '') return i;
  }
  return undefined;
}

/** Forms that need an output of several lines. */
export const MIN_LINES: Record<string, { lines: number; reason: string }> = {
  'paste site line numbers': { lines: 3, reason: 'an output of one or two lines whose lines start with a number and spaces (without the `|` of a paste site) cannot be told from one whose lines start with a number of their own, so only from three lines on is a number column taken for line numbers' },
  'truncated mid-line': { lines: 3, reason: 'an output of one or two lines cut inside a line leaves next to nothing before the cut to keep' },
  'JSON log line': {
    lines: 3,
    reason: 'an output of one or two lines inside a JSON log line holds too few `\n` escapes to be told from a JSON document the tool printed itself (devlink -j, nvme -o json), so it is read as JSON',
  },
};

/** Forms that cannot apply to an output holding something (as published), with the reason. */
export const NOT_FOR_CONTENT: Record<string, { holds: { test(text: string): boolean }; reason: string }> = {
  'a line the tool never printed': {
    holds: /^[\s>]*(?:[[{]\s*$|\{")/m,
    reason: 'a JSON document saved as text with a line added inside it is no longer JSON (a newer tool adds a member, which the JSON readers take as any other)',
  },
  'Org, AsciiDoc or wiki template': {
    holds: { test: (text: string) => /^\s*(?:`{3}|~{3})/m.test(text) || MAIL_BODY.test(text) },
    reason: 'a wiki template, an Org result or an AsciiDoc listing holds the lines a tool printed: an output published inside a page\'s Markdown fence with prose around it, or in a quoted-printable mail body, is a page or a mail, which a person pastes into a note as the text they read',
  },
  'a margin line': {
    holds: { test: (text: string) => /^[\s>]*(?:[[{]\s*$|\{")/m.test(text) || marginAt(lines(text)) === undefined },
    reason: 'the output as published has no indented line below another line for a margin line to interrupt (or is a JSON document saved as text, which a line added inside would make no longer JSON)',
  },
  'script typescript': {
    holds: MAIL_BODY,
    reason: 'the output as published is a quoted-printable mail body: that encoding is the mail\'s, made after any terminal session, so no script typescript holds it (script\'s own `COMMAND="…"` lines would also not be quoted-printable)',
  },
  'BBCode forum post': {
    holds: MAIL_BODY,
    reason: 'the output as published is a quoted-printable mail body: that encoding is the mail\'s, and a forum post holds the text a person read, decoded',
  },
  'spaces collapsed by a web page': {
    holds: /\S {2,}# \S/,
    reason: "the output as published carries an author's `# note` after values, told from the value only by the run of spaces before it; collapsed to one space, the note reads as the value's last words",
  },
  'notes after values': {
    holds: MAIL_BODY,
    reason: 'the output as published is a quoted-printable mail body: a person annotates the text they read, decoded, never the encoded body, whose `=` soft breaks and `=0D` line ends a note after a value would no longer end',
  },
  'HTML mail joined with <br>': {
    holds: MAIL_BODY,
    reason: "the output as published is a quoted-printable mail body: an HTML mail's page (an archive's) shows the body decoded, so no page joins the encoded lines with <br>",
  },
  'Markdown fence with prose': {
    holds: /^[\s>]*(?:```|~~~|&#x60;&#x60;&#x60;|\{\{[<%]\s*\/?(?:highlight|code)\b|\{%-?\s*(?:end)?(?:highlight|raw|code)\b)/m,
    reason: 'the output as published is already a Markdown or static-site excerpt with its own fence lines (or Hugo/Jekyll highlight tags); fenced again, its first fence would close the new one (fences do not nest), which no post does',
  },
};

/** Forms only some tools produce: the saved names they apply to. */
export const ONLY_FOR: Record<string, { names: RegExp; reason: string }> = {
  'Windows command prompt': {
    names: /^cmd\/(?:mstflint|flint|mstconfig|mlxconfig|mlxfwmanager|mlxup|smartctl|nvidia-smi)\//,
    reason: 'only tools with a Windows build are run at a cmd.exe prompt (WinMFT, smartmontools, the NVIDIA driver); devlink, ethtool, nvme-cli and lspci are Linux tools',
  },
  'kernel answers': { names: /^cmd\/devlink\//, reason: "only iproute2's devlink prints the kernel's extended ack after its output" },
  'spaces collapsed by a web page': {
    names: /^cmd\/(?:ethtool|nvme|mstflint|flint|mstconfig|mlxconfig)\//,
    reason: 'only outputs of `key: value` lines or flat tables survive it: devlink dev info text, lspci -vv and nvidia-smi -q nest by indentation, which the page removed, and smartctl prints values holding runs of spaces of their own (a model string), which no reading can restore',
  },
};

/**
 * Other names a person saves the same output under (docs/bundle-format.md): each returns the new name, or undefined
 * when the sample's name has nothing it renames.
 */
export const NAME_FORMS: Record<string, (savedAs: string, format: Format) => string | undefined> = {
  'flint / mlxconfig for mstflint / mstconfig, and back': (n) => {
    const swap: Record<string, string> = { mstflint: 'flint', flint: 'mstflint', mstconfig: 'mlxconfig', mlxconfig: 'mstconfig' };
    const m = /^cmd\/(mstflint|flint|mstconfig|mlxconfig)\//.exec(n);
    return m ? n.replace(m[1]!, swap[m[1]!]!) : undefined;
  },
  'q for query, and back': (n) => {
    if (!/^cmd\/(mstflint|flint|mstconfig|mlxconfig)\//.test(n)) return undefined;
    const r = n.replace(/(^|[/_])(q|query)(?=[_.])/, (_w, pre: string, word: string) => `${pre}${word === 'q' ? 'query' : 'q'}`);
    return r === n ? undefined : r;
  },
  '.txt for .out': (n) => n.replace(/\.out$/, '.txt'),
  '.json for a JSON output, .log or .TXT for text': (n, format) => {
    if (format === 'json') return n.replace(/\.out$/, '.json');
    if (format !== 'text') return undefined;
    return n.replace(/\.out$/, [...n].reduce((h, c) => h + c.charCodeAt(0), 0) % 2 ? '.log' : '.TXT');
  },
  'devlink -jp for JSON': (n, format) => (format === 'json' && /^cmd\/devlink\/(?!.*(?:^|[/_])-j)/.test(n) ? n.replace(/^cmd\/devlink\//, 'cmd/devlink/-jp_') : undefined),
  'device as a /dev path': (n) => {
    if (!/^cmd\/(nvme|smartctl)\//.test(n)) return undefined;
    const r = n.replace(/_(nvme\d+(?:n\d+)?|sd[a-z]+)(?=[_.])/, '_%2fdev%2f$1');
    return r === n ? undefined : r;
  },
  // A ticket's attachments unpacked at the top of the tree: the tool's name in front (joined by `_`, `-` or a space),
  // unless the name already starts with it.
  'loose at the top of the tree': (n) => {
    const m = /^cmd\/([^/]+)\/([^/]+)$/.exec(n);
    if (!m) return undefined;
    const [, tool, file] = m as unknown as [string, string, string];
    if (file.toLowerCase().replace(/^sudo[-_ ]+/, '').startsWith(tool.toLowerCase())) return file;
    const joint = ['_', ' ', '_'][[...n].reduce((h, c) => h + c.charCodeAt(0), 0) % 3]!;
    return `${tool}${/^-/.test(file) || joint !== '_' ? joint : '_'}${file}`;
  },
  'smartctl -a for -x, and back': (n) => {
    if (!n.startsWith('cmd/smartctl/')) return undefined;
    const r = n.replace(/(^cmd\/smartctl\/|_)(-x|-a|--all|--xall)(?=[_.])/, (_w, pre: string, opt: string) => `${pre}${opt === '-x' || opt === '--xall' ? '-a' : '-x'}`);
    return r === n ? undefined : r;
  },
};
