import { readBundle } from '../../bundle/reader.js';

export interface Needle {
  secret: string;
  form: string;
  bytes: Buffer;
  /** Also looked for with all whitespace removed from the artifact (hex dumps such as the ATA IDENTIFY text). */
  hex: boolean;
}

const enc = (s: string): [string, Buffer][] => [
  ['ascii', Buffer.from(s, 'latin1')],
  ['utf16le', Buffer.from(s, 'utf16le')],
  ['utf16be', Buffer.from(s, 'utf16le').swap16()],
];

const chunk = (s: string, n: number): string[] => s.match(new RegExp(`.{1,${n}}`, 'g')) ?? [];

const swapped = (s: string): string => chunk(s.length % 2 ? s + ' ' : s, 2).map((p) => p[1]! + p[0]!).join('');

/** Every spelling of a hex identifier: cases, separators, 16-bit groups, UTF-16, raw bytes in both orders. */
export function hexIdNeedles(hex: string): Needle[] {
  const out: Needle[] = [];
  const texts = new Set<string>();
  for (const h of [hex.toLowerCase(), hex.toUpperCase()]) {
    texts.add(h);
    for (const sep of [':', '-', ' ', '.']) {
      texts.add(chunk(h, 2).join(sep));
      texts.add(chunk(h, 4).join(sep));
    }
    if (h.length === 32) texts.add([h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-'));
  }
  for (const t of texts) for (const [e, b] of enc(t)) out.push({ secret: hex, form: `${e} ${t}`, bytes: b, hex: e === 'ascii' });
  const raw = Buffer.from(hex, 'hex');
  out.push({ secret: hex, form: 'raw', bytes: raw, hex: false }, { secret: hex, form: 'raw reversed', bytes: Buffer.from(raw).reverse(), hex: false });
  // Little-endian 16- and 32-bit words (register dumps), raw and as the hex a dump prints of the words.
  for (const width of [2, 4]) {
    if (raw.length % width) continue;
    const w = Buffer.from(raw);
    for (let i = 0; i < w.length; i += width) w.subarray(i, i + width).reverse();
    const h = w.toString('hex');
    out.push({ secret: hex, form: `raw ${width * 8}-bit words swapped`, bytes: w, hex: false });
    out.push({ secret: hex, form: `hex of ${width * 8}-bit words swapped`, bytes: Buffer.from(chunk(h, width * 2).join(' ')), hex: true });
  }
  return out;
}

/** A string secret: as written, lower and upper case, UTF-16, hex of its bytes, and ATA byte-swapped (both alignments), also hex. */
export function stringNeedles(s: string): Needle[] {
  const out: Needle[] = [];
  for (const v of new Set([s, s.toLowerCase(), s.toUpperCase()])) for (const [e, b] of enc(v)) out.push({ secret: s, form: `${e} ${v}`, bytes: b, hex: false });
  for (const v of [s, swapped(s), swapped(' ' + s)]) {
    const h = Buffer.from(v, 'latin1').toString('hex');
    for (const x of [h, h.toUpperCase()]) out.push({ secret: s, form: `hex of ${JSON.stringify(v)}`, bytes: Buffer.from(x), hex: true });
    for (const sep of [':', '-']) out.push({ secret: s, form: `hex of ${JSON.stringify(v)} with ${sep}`, bytes: Buffer.from(chunk(h, 2).join(sep)), hex: false });
    out.push({ secret: s, form: `hex of ${JSON.stringify(v)} in 16-bit groups`, bytes: Buffer.from(chunk(h.toUpperCase(), 4).join(' ')), hex: true });
    if (v !== s) out.push({ secret: s, form: `swapped ${JSON.stringify(v)}`, bytes: Buffer.from(v, 'latin1'), hex: false });
  }
  const quads = (s.length % 4 ? s + ' '.repeat(4 - (s.length % 4)) : s).match(/.{4}/g)!.map((q) => [...q].reverse().join('')).join('');
  if (quads !== s) out.push({ secret: s, form: 'in 32-bit little-endian words', bytes: Buffer.from(quads, 'latin1'), hex: false });
  return out;
}

export function ipNeedles(ip: string): Needle[] {
  return [{ secret: ip, form: 'text', bytes: Buffer.from(ip), hex: false }];
}

export interface Hit {
  artifact: string;
  secret: string;
  form: string;
}

/** Searches every entry of a bundle (manifest included) for every needle. */
export async function searchBundle(path: string, needles: Needle[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  const search = (name: string, data: Buffer): void => {
    const squeezed = Buffer.from(data.toString('latin1').replace(/\s+/g, ''), 'latin1');
    for (const n of needles) {
      if (data.includes(n.bytes) || (n.hex && squeezed.includes(n.bytes))) hits.push({ artifact: name, secret: n.secret, form: n.form });
    }
  };
  const r = await readBundle(path, (e) => search(e.name, e.data));
  search('manifest.json', Buffer.from(JSON.stringify(r.manifest)));
  return hits;
}
