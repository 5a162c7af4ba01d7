/**
 * Mutations of a real output, each a way a saved output is damaged or dressed on its way to a ticket: cut, bytes or
 * lines inserted, lines shuffled or dropped, another output spliced in, a terminal's colours, a shell prompt, a JSON
 * log line, a Markdown quote, a `...` elision, invisible or full-width Unicode, NUL bytes, the output twice.
 * Each takes the sample's bytes and a seeded generator and says what it did, so a failure can be replayed.
 */

/** A small seeded generator (mulberry32): the same seed gives the same mutations on every machine. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of strings (FNV-1a), to seed one sample's mutation from the run's seed, the sample and the mutation. */
export function seedOf(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const c of parts.join('\u0000')) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

export interface Mutated {
  data: Buffer;
  /** What was done, where: enough to see the damage without replaying it. */
  how: string;
}

export interface MutationContext {
  rnd: () => number;
  /** Another real output to splice in, with its name. */
  other: () => { id: string; data: Buffer };
}

export type Mutation = (data: Buffer, c: MutationContext) => Mutated;

const latin = (b: Buffer): string => b.toString('latin1');
const fromLatin = (s: string): Buffer => Buffer.from(s, 'latin1');
const int = (rnd: () => number, n: number): number => Math.floor(rnd() * n);
const linesOf = (b: Buffer): string[] => latin(b).split('\n');
/** Replaces some lines (chosen by the generator, each with probability p) through fn; says which. */
function someLines(b: Buffer, rnd: () => number, p: number, fn: (l: string) => string, what: string): Mutated {
  const touched: number[] = [];
  const out = linesOf(b).map((l, i) => (rnd() < p ? (touched.push(i + 1), fn(l)) : l));
  return { data: fromLatin(out.join('\n')), how: `${what} on ${touched.length} lines (${touched.slice(0, 8).join(', ')}${touched.length > 8 ? ', …' : ''})` };
}
/** Inserts lines at a line chosen by the generator. */
function insertAt(b: Buffer, rnd: () => number, add: string[], what: string): Mutated {
  const l = linesOf(b);
  const at = int(rnd, l.length + 1);
  l.splice(at, 0, ...add);
  return { data: fromLatin(l.join('\n')), how: `${what} at line ${at + 1}` };
}
/** UTF-8 characters as latin1 text, to insert into a latin1 view of the bytes. */
const utf8 = (s: string): string => latin(Buffer.from(s, 'utf8'));

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'cut at a byte': (b, { rnd }) => {
    const at = int(rnd, b.length);
    return { data: b.subarray(0, at), how: `cut at byte ${at} of ${b.length}` };
  },
  'bytes inserted': (b, { rnd }) => {
    const at = int(rnd, b.length + 1);
    const bytes = [int(rnd, 256), 0, 0xff, 0xfe];
    return { data: Buffer.concat([b.subarray(0, at), Buffer.from(bytes), b.subarray(at)]), how: `bytes ${bytes.join(',')} inserted at byte ${at}` };
  },
  'lines duplicated': (b, { rnd }) => {
    const l = linesOf(b);
    const at = int(rnd, l.length);
    const n = 1 + int(rnd, 5);
    l.splice(at, 0, ...l.slice(at, at + n));
    return { data: fromLatin(l.join('\n')), how: `${n} lines from line ${at + 1} duplicated` };
  },
  'a line repeated into a long one': (b, { rnd }) => {
    const l = linesOf(b);
    const at = int(rnd, l.length);
    l[at] = l[at]!.repeat(2000);
    return { data: fromLatin(l.join('\n')), how: `line ${at + 1} repeated 2000 times on itself` };
  },
  'digits changed': (b, { rnd }) =>
    someLines(b, rnd, 0.1, (l) => l.replace(/[0-9]/g, () => String(int(rnd, 10)).repeat(int(rnd, 30))), 'digits replaced by 0–29 random digits'),
  'colons dropped': (b, { rnd }) => someLines(b, rnd, 0.15, (l) => l.replace(/[:=]/g, ''), "':' and '=' dropped"),
  'JSON values nulled': (b, { rnd }) => {
    let n = 0;
    const s = b.toString('utf8')
      .replace(/"[^"\n]*"/g, (m) => (rnd() < 0.1 ? (n++, rnd() < 0.5 ? 'null' : '[]') : m))
      .replace(/\d+/g, (m) => (rnd() < 0.05 ? (n++, rnd() < 0.5 ? '1e308' : '-0') : m));
    return { data: Buffer.from(s), how: `${n} strings or numbers made null, [], 1e308 or -0` };
  },
  'lines shuffled': (b, { rnd }) => {
    const l = linesOf(b);
    for (let i = l.length - 1; i > 0; i--) {
      const j = int(rnd, i + 1);
      [l[i], l[j]] = [l[j]!, l[i]!];
    }
    return { data: fromLatin(l.join('\n')), how: 'every line shuffled' };
  },
  'lines dropped': (b, { rnd }) => {
    const dropped: number[] = [];
    const l = linesOf(b).filter((_, i) => (rnd() < 0.3 ? (dropped.push(i + 1), false) : true));
    return { data: fromLatin(l.join('\n')), how: `${dropped.length} lines dropped (${dropped.slice(0, 8).join(', ')}${dropped.length > 8 ? ', …' : ''})` };
  },
  'another output spliced in': (b, { rnd, other }) => {
    const o = other();
    const ol = linesOf(o.data);
    const n = int(rnd, ol.length + 1);
    return insertAt(b, rnd, ol.slice(0, n), `the first ${n} lines of ${o.id}`);
  },
  'indentation and CRLF changed': (b, { rnd }) => ({
    data: fromLatin(latin(b).replace(/^[ \t]+/gm, (m) => (rnd() < 0.3 ? '' : `${m}\t`)).replace(/\n/g, () => (rnd() < 0.2 ? '\r\n' : '\n'))),
    how: 'leading blanks dropped or a tab added; some line ends made CRLF',
  }),
  'lines broken after a colon': (b, { rnd }) => ({ data: fromLatin(latin(b).replace(/:/g, () => (rnd() < 0.1 ? ':\n' : ':'))), how: 'a line end put after some colons' }),
  'words dropped or capitalised': (b, { rnd }) => ({
    data: fromLatin(latin(b).replace(/[A-Za-z]+/g, (m) => (rnd() < 0.05 ? '' : rnd() < 0.05 ? m.toUpperCase() : m))),
    how: 'some words dropped, some in capitals',
  }),
  'ANSI colour codes': (b, { rnd }) =>
    someLines(b, rnd, 0.3, (l) => l.replace(/\S+/, (w) => `\x1b[${rnd() < 0.5 ? '1;32' : '0;31'}m${w}\x1b[0m`).replace(/:/, '\x1b[33m:\x1b[m'), 'colour codes around a word'),
  'a shell prompt line': (b, { rnd }) => {
    const lines = ['root@host:~# ', '$ sudo nvme list', '[user@box ~]$ devlink dev info', 'PS C:\\> smartctl -a /dev/sda', '# mstflint -d 03:00.0 q'];
    const l = lines[int(rnd, lines.length)]!;
    return insertAt(b, rnd, [l], `'${l}'`);
  },
  'a JSON log line': (b) => ({
    data: Buffer.from(`${JSON.stringify({ time: '2026-01-01T00:00:00Z', level: 'info', msg: b.toString('utf8') })}\n`),
    how: 'the whole output as the msg of one JSON log line (\\n escapes)',
  }),
  'a Markdown quote': (b, { rnd }) => {
    const depth = 1 + int(rnd, 2);
    return { data: fromLatin(latin(b).replace(/^/gm, '> '.repeat(depth))), how: `every line quoted ${depth} deep with '> '` };
  },
  'an elision line': (b, { rnd }) => {
    const forms = ['...', '(...)', '[...]', '  …', '<snip>', '---- 8< ----'];
    const e = forms[int(rnd, forms.length)]!;
    return insertAt(b, rnd, [utf8(e)], `'${e}'`);
  },
  'Unicode inserted': (b, { rnd }) => {
    const chars = ['\u00a0', '\u200b', '\ufeff', '\uff1a', '\u2028', '\u202e'];
    let n = 0;
    const s = b.toString('utf8').replace(/[ :]/g, (m) => (rnd() < 0.08 ? (n++, chars[int(rnd, chars.length)]!) : m));
    const bom = rnd() < 0.5;
    return { data: Buffer.from((bom ? '\ufeff' : '') + s), how: `${n} spaces or colons made NBSP, ZWSP, BOM, U+FF1A, U+2028 or U+202E${bom ? '; a BOM first' : ''}` };
  },
  'a very long line': (b, { rnd }) => {
    const n = 200_000 + int(rnd, 800_000);
    return insertAt(b, rnd, [`${'x'.repeat(n)}: ${'9'.repeat(1000)}`], `a line of ${n} x's`);
  },
  'NUL bytes': (b, { rnd }) => {
    const out: number[] = [];
    let n = 0;
    for (const x of b) {
      if (rnd() < 0.005) (out.push(0), n++);
      out.push(x);
    }
    return { data: Buffer.from(out), how: `${n} NUL bytes inserted` };
  },
  'the output twice': (b, { rnd }) => {
    const sep = rnd() < 0.5 ? '\n' : '';
    return { data: Buffer.concat([b, Buffer.from(sep), b]), how: `the whole output twice${sep ? ', a line between' : ''}` };
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
