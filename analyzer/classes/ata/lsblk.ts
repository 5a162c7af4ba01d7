import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** One whole-disk row of an lsblk listing: the columns read, as printed. */
export interface LsblkDisk {
  name: string;
  model?: string;
  rev?: string;
  serial?: string;
  vendor?: string;
  tran?: string;
  type?: string;
  /** 1-based line number of the row. */
  line: number;
}

export interface Lsblk {
  disks: LsblkDisk[];
  issues: LineIssue[];
}

/** The columns read, by their heading (`MODEL`, `REV`…), and where lsblk prints a heading aligned to the right (numbers). */
const READ = ['NAME', 'KNAME', 'PATH', 'MODEL', 'REV', 'SERIAL', 'VENDOR', 'TRAN', 'TYPE'] as const;
const RIGHT = new Set(['REV', 'MAJ:MIN', 'RM', 'RO', 'SIZE', 'ROTA', 'RA', 'MIN-IO', 'OPT-IO', 'PHY-SEC', 'LOG-SEC', 'RQ-SIZE', 'DISC-ALN', 'DISC-GRAN', 'DISC-MAX', 'DISC-ZERO', 'WSAME', 'ALIGNMENT', 'FSAVAIL', 'FSSIZE', 'FSUSED', 'FSUSE%', 'SEQ', 'DISK-SEQ', 'ID', 'START']);
/** A heading line: column names only (lsblk's are upper case: `NAME`, `MAJ:MIN`, `FSUSE%`, `MIN-IO`), NAME among them with MODEL, REV or SERIAL. */
const HEADING_WORD = /^[A-Z][A-Z0-9:%_-]*$/;
/** A child row's tree drawing before its name (`├─sda1`, `└─md126`, `|-sda1`, `` `-sda2 ``), or the indentation of a deeper one. */
const TREE = /^[\s│├└|`─-]+/u;

/** A row of `lsblk -P`: `NAME="sda" MODEL="VB0250EAVER     " …`, every column a KEY="value" pair. */
const PAIRS = /^(?:[A-Z][A-Z0-9:%_-]*="[^"]*"\s*)+$/;

/** `-r`, `--raw`, or -r among flags run together (`-dnro`). */
const rawLayout = (argv: readonly string[]): boolean => argv.some((w) => w === '--raw' || /^-[a-zA-Z]*r[a-zA-Z]*$/.test(w));
const noHeadings = (argv: readonly string[]): boolean => argv.some((w) => w === '--noheadings' || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(w));

/** The columns `-o NAME,MODEL` (`-oNAME,…`, `--output=…`) lists, when it lists them all (no `+` adding to the default ones). */
function outputColumns(argv: readonly string[]): string[] | undefined {
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const list = /^-[a-zA-Z]*o$/.test(w) || w === '--output' ? argv[i + 1] : /^-o(.+)$/.exec(w)?.[1] ?? /^--output=(.+)$/.exec(w)?.[1];
    if (list !== undefined) return list.startsWith('+') ? undefined : list.toUpperCase().split(',');
  }
  return undefined;
}

/**
 * Rows of the raw layout under a heading of `count` columns parted by one space each: no row has more values than
 * columns once parted at each space (the default layout pads its columns with runs of spaces, and a model's own spaces
 * are `\x20` in the raw one). A row a paste lost its trailing spaces from has fewer.
 */
const rawRows = (rows: readonly { text: string }[], count: number): boolean => {
  const filled = rows.filter((r) => r.text.trim() !== '');
  return filled.length > 0 && filled.every((r) => r.text.replace(/\s+$/, '').split(' ').length <= count);
};

/** A raw value with lsblk's escapes undone (`Samsung\x20SSD\x20860`, UTF-8 bytes one escape each). */
function unescapeRaw(v: string): string {
  if (!v.includes('\\x')) return v;
  const bytes: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const m = /^\\x([0-9a-fA-F]{2})/.exec(v.slice(i, i + 4));
    if (m) {
      bytes.push(Number.parseInt(m[1]!, 16));
      i += 3;
    } else bytes.push(...Buffer.from(v[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * `lsblk -r` (`--raw`): each row's values parted by one space, an empty value nothing between two, a space or another
 * byte inside a value escaped as `\x20`; partitions and holders are rows like the disks (the loader keeps the disks).
 */
function rawListing(lines: readonly { no: number; text: string }[], from: number, columns: readonly string[]): Lsblk {
  const out: Lsblk = { disks: [], issues: [] };
  if (!columns.length) return out;
  for (const { no, text } of lines.slice(from)) {
    if (text.trim() === '') continue;
    const values = text.replace(/\s+$/, '').split(' ');
    const d = values.length <= columns.length ? diskOf(Object.fromEntries(columns.map((c, i) => [c, unescapeRaw(values[i] ?? '')])), no) : undefined;
    if (d) out.disks.push(d);
    else out.issues.push({ line: no, text, message: 'not an lsblk -r row: not one value a column parted by single spaces' });
  }
  return out;
}

/** One row's columns, by their lsblk names (upper case), as read. */
function diskOf(cols: Record<string, string | null | undefined>, line: number): LsblkDisk | undefined {
  const v = (k: string): string | undefined => {
    const x = cols[k];
    return typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined;
  };
  const name = (v('NAME') ?? v('KNAME') ?? v('PATH'))?.replace(/^\/dev\//, '');
  if (!name || !/^[a-z][\w.:-]*$/.test(name)) return undefined;
  const d: LsblkDisk = { name, line };
  const set = (k: 'model' | 'rev' | 'serial' | 'vendor' | 'tran' | 'type', col: string): void => {
    const x = v(col);
    if (x !== undefined) d[k] = x;
  };
  set('model', 'MODEL');
  set('rev', 'REV');
  set('serial', 'SERIAL');
  set('vendor', 'VENDOR');
  set('tran', 'TRAN');
  set('type', 'TYPE');
  return d;
}

/** `lsblk -P`: each line a device's KEY="value" pairs (partitions too: the loader keeps the disks). */
function pairsListing(lines: { no: number; text: string }[]): Lsblk {
  const out: Lsblk = { disks: [], issues: [] };
  for (const { no, text } of lines) {
    const t = text.trim();
    if (!PAIRS.test(t)) {
      out.issues.push({ line: no, text, message: 'not an lsblk -P row: no KEY="value" pairs' });
      continue;
    }
    const d = diskOf(Object.fromEntries([...t.matchAll(/([A-Z][A-Z0-9:%_-]*)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])), no);
    if (d) out.disks.push(d);
  }
  return out;
}

/** `lsblk -J`: `{"blockdevices": [...]}`, each top-level device (its children are partitions and holders). */
function jsonListing(text: string): Lsblk | undefined {
  const t = text.trim();
  const start = t.indexOf('{');
  if (start < 0 || !t.includes('"blockdevices"')) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(t.slice(start, t.lastIndexOf('}') + 1));
  } catch {
    return undefined;
  }
  const devices = (doc as { blockdevices?: unknown }).blockdevices;
  if (!Array.isArray(devices)) return undefined;
  const out: Lsblk = { disks: [], issues: [] };
  for (const x of devices) {
    if (typeof x !== 'object' || x === null) continue;
    const cols = Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, val]) => [k.toUpperCase(), typeof val === 'string' ? val : null]));
    const d = diskOf(cols, 0);
    if (d) out.disks.push(d);
  }
  return out;
}

/** The widths a mail client wraps a line at (format=flowed: broken after a space, which the paste's cleaning drops). */
const WRAPPED = { min: 60, max: 80 };

/**
 * A listing pasted into a mail that wrapped its long lines: the heading's last words (`             TRAN`) or a row's
 * last values (a serial) on a line of their own, with no device name and no tree drawing, after a line as long as a
 * mail line. Joined back with the space the break took, the columns are where lsblk printed them. A longer line or
 * one of more words is a note of the paste's, left as it is.
 */
function unflowed(lines: readonly { no: number; text: string }[]): { no: number; text: string }[] {
  const out: { no: number; text: string }[] = [];
  const wrapped = (t: string): boolean => t.length >= WRAPPED.min && t.length <= WRAPPED.max;
  for (const l of lines) {
    const prev = out[out.length - 1];
    const words = l.text.trim().split(/\s+/);
    const heading = out.length === 1 && words.every((w) => HEADING_WORD.test(w));
    const rowRest = out.length > 1 && /^[a-z/]/.test(prev?.text ?? '') && words.length <= 3 && !/^[a-z/]/.test(l.text) && !/^[\s│├└|`─-]*[│├└|`─]/u.test(l.text)
      && (prev?.text.length ?? 0) + 1 + l.text.length <= out[0]!.text.length + 8;
    if (prev && l.text.trim() !== '' && wrapped(prev.text) && (heading || rowRest)) {
      out[out.length - 1] = { no: prev.no, text: `${prev.text} ${l.text}` };
      continue;
    }
    out.push({ ...l });
  }
  return out;
}

/**
 * `lsblk` listings with a heading (`lsblk -o NAME,MODEL,REV,SERIAL`, `lsblk -d -o NAME,VENDOR,MODEL,REV,TRAN`, the
 * default columns, `-p`'s /dev paths, `-S`): the whole-disk rows (no tree drawing before the name) with the columns read,
 * each cut at the place its heading gives, since MODEL holds spaces: a column lsblk aligns to the left starts at its
 * heading, one it aligns to the right (REV, SIZE) is the one word under its heading. Child rows (partitions,
 * holders) are skipped. A line before the heading is a note of the paste's, any later one that is
 * no row an issue with its number.
 */
export function parseLsblk(text: string, argv: readonly string[] = []): Lsblk {
  const json = jsonListing(text);
  if (json) return json;
  const lines = cleanText(text).lines;
  if (lines.some((l) => PAIRS.test(l.text.trim()))) return pairsListing(lines);
  const out: Lsblk = { disks: [], issues: [] };
  const at = lines.findIndex((l) => {
    const words = l.text.trim().split(/\s+/);
    return words.includes('NAME') && words.some((w) => w === 'MODEL' || w === 'REV' || w === 'SERIAL') && words.every((w) => HEADING_WORD.test(w));
  });
  const raw = rawLayout(argv);
  // `lsblk -rn -o …`: no heading, the columns the command line lists.
  if (at < 0) return raw && noHeadings(argv) ? rawListing(lines, 0, outputColumns(argv) ?? []) : out;
  if (!raw) lines.splice(at, lines.length - at, ...unflowed(lines.slice(at)));
  const heading = lines[at]!.text;
  const named = heading.trim().split(/\s+/);
  if (raw || (heading.trim() === named.join(' ') && rawRows(lines.slice(at + 1), named.length))) return rawListing(lines, at + 1, named);
  // A left-aligned column starts at its heading; a right-aligned one (SIZE, REV) ends at its heading's end.
  const cols = [...heading.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index, end: m.index + m[0].length - 1, right: RIGHT.has(m[0]), from: m.index }));
  const body = lines.slice(at + 1).filter((l) => /^[a-z/]/.test(l.text));
  // A right-aligned column is as wide as its widest value: a value ending at the heading's end (`0A80` under `REV`)
  // shows where the column starts, and a shorter one sysfs padded (`1   `) is printed from there, left of the heading.
  for (const c of cols.filter((x) => x.right)) {
    for (const { text: raw } of body) {
      if ((raw[c.end] ?? ' ') === ' ' || (raw[c.end + 1] ?? ' ') !== ' ') continue;
      let i = c.end;
      while (i > 0 && raw[i - 1] !== ' ') i--;
      if (i < c.from && (raw[i - 2] ?? ' ') === ' ') c.from = i;
    }
  }
  for (const { no, text: raw } of lines.slice(at + 1)) {
    if (raw.trim() === '') continue;
    // A whole disk's name is at the margin; a child's (a partition, a holder) comes after its tree drawing.
    if (!/^[a-z/]/.test(raw)) {
      if (!TREE.test(raw)) out.issues.push({ line: no, text: raw, message: 'not an lsblk row: no device name at the margin' });
      continue;
    }
    // A right-aligned value is the word under its heading (sysfs pads a revision with spaces: `1.0 `), or one the
    // column's width puts left of it (`1   `), none when only spaces are there; the column before it ends where that word starts.
    const rightSpan = (c: (typeof cols)[number]): [number, number] => {
      let k = c.start;
      while (k <= c.end && (raw[k] ?? ' ') === ' ') k++;
      if (k > c.end) {
        k = c.from;
        while (k < c.start && (raw[k] ?? ' ') === ' ') k++;
        if (k >= c.start || (raw[k - 1] ?? ' ') !== ' ' || (raw[k - 2] ?? ' ') !== ' ') return [c.start, c.start];
      }
      let i = k;
      let j = k;
      while (i > 0 && raw[i - 1] !== ' ') i--;
      while (j + 1 < raw.length && raw[j + 1] !== ' ') j++;
      return [i, j + 1];
    };
    const disk: Partial<Record<(typeof READ)[number], string>> = {};
    cols.forEach((c, i) => {
      if (!(READ as readonly string[]).includes(c.name)) return;
      const next = cols[i + 1];
      const v = c.right ? raw.slice(...rightSpan(c)) : raw.slice(c.start, next ? (next.right ? rightSpan(next)[0] : next.start) : undefined);
      if (v.trim() !== '') disk[c.name as (typeof READ)[number]] = v.trim();
    });
    const name = (disk.NAME ?? disk.KNAME ?? disk.PATH)?.replace(/^\/dev\//, '');
    if (!name || !/^[a-z][\w.:-]*$/.test(name)) {
      out.issues.push({ line: no, text: raw, message: 'not an lsblk row: no device name in the NAME column' });
      continue;
    }
    out.disks.push({
      name, line: no,
      ...(disk.MODEL ? { model: disk.MODEL } : {}), ...(disk.REV ? { rev: disk.REV } : {}), ...(disk.SERIAL ? { serial: disk.SERIAL } : {}),
      ...(disk.VENDOR ? { vendor: disk.VENDOR } : {}), ...(disk.TRAN ? { tran: disk.TRAN } : {}), ...(disk.TYPE ? { type: disk.TYPE } : {}),
    });
  }
  return out;
}
