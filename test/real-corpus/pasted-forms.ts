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

export type Form = (p: Pasted) => string;

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
  'kernel answers': ({ text }) => `${text.replace(/\n?$/, '\n')}kernel answers: Operation not supported\n`,
  'JSON log line': ({ text }) => `${JSON.stringify({ level: 'info', ts: 1700000000, msg: 'command output', stdout: text })}\n`,
  // An output published HTML-escaped is not escaped twice (one decoding undoes one escaping): it is saved as published.
  'HTML-escaped': ({ text }) => (/&(?:#x?[0-9a-f]+|amp|lt|gt|quot);/i.test(text) ? text : HTML.reduce((t, [re, by]) => t.replace(re, by), text)),
  'trailing whitespace': ({ text }) => text.replace(/(?<=\S)$/gm, ' \t  '),
  'tabs for spaces': ({ text }) => text.split('\n').map(unexpand).join('\n'),
  'no final newline': ({ text }) => text.replace(/\n+$/, ''),
  'UTF-8 BOM': ({ text }) => `\ufeff${text}`,
};

/**
 * Forms that show the command line above the output: the command (device, `-e`) is information a published excerpt
 * may lack, so reading more rows from it is right; reading fewer or other rows is not.
 */
export const ADDS_COMMAND = new Set(['prompt and $ command', 'shell prompt']);

/** Forms that cannot apply to a format at all, with the reason. */
export const NOT_FOR_FORMAT: Partial<Record<Format, Record<string, string>>> = {
  json: {
    'ANSI colour': 'no tool fwsnap reads colours its JSON output (iproute2 colours text only unless -c is forced)',
    '... elision': 'a JSON document with a line cut out of it is no longer JSON; nothing can read it whole',
    '(...) elision': 'a JSON document with a line cut out of it is no longer JSON; nothing can read it whole',
    'tabs for spaces': 'tabs would land inside JSON strings that hold runs of spaces, changing the values themselves',
  },
  xml: {
    'ANSI colour': 'nvidia-smi -q -x does not colour its XML',
    '... elision': 'an XML document with a line cut out of it is no longer well formed',
    '(...) elision': 'an XML document with a line cut out of it is no longer well formed',
  },
};

/** Forms that need an output of several lines. */
export const MIN_LINES: Record<string, { lines: number; reason: string }> = {
  'JSON log line': {
    lines: 3,
    reason: 'an output of one or two lines inside a JSON log line holds too few `\n` escapes to be told from a JSON document the tool printed itself (devlink -j, nvme -o json), so it is read as JSON',
  },
};

/** Forms only some tools produce: the saved names they apply to. */
export const ONLY_FOR: Record<string, { names: RegExp; reason: string }> = {
  'kernel answers': { names: /^cmd\/devlink\//, reason: "only iproute2's devlink prints the kernel's extended ack after its output" },
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
  'devlink -jp for JSON': (n, format) => (format === 'json' && /^cmd\/devlink\/(?!.*(?:^|[/_])-j)/.test(n) ? n.replace(/^cmd\/devlink\//, 'cmd/devlink/-jp_') : undefined),
  'device as a /dev path': (n) => {
    if (!/^cmd\/(nvme|smartctl)\//.test(n)) return undefined;
    const r = n.replace(/_(nvme\d+(?:n\d+)?|sd[a-z]+)(?=[_.])/, '_%2fdev%2f$1');
    return r === n ? undefined : r;
  },
  'smartctl -a for -x, and back': (n) => {
    if (!n.startsWith('cmd/smartctl/')) return undefined;
    const r = n.replace(/(^cmd\/smartctl\/|_)(-x|-a|--all|--xall)(?=[_.])/, (_w, pre: string, opt: string) => `${pre}${opt === '-x' || opt === '--xall' ? '-a' : '-x'}`);
    return r === n ? undefined : r;
  },
};
