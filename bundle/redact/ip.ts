/** IPv6 text ↔ 16 bytes (with an embedded dotted IPv4 tail); undefined when the text is no IPv6 address. */
export function ipv6Bytes(text: string): Buffer | undefined {
  let s = text;
  let tail: number[] = [];
  const v4 = /:(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    tail = v4.slice(1).map(Number);
    if (tail.some((n) => n > 255)) return undefined;
    s = s.slice(0, v4.index + 1) + '0:0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const g = h.split(':');
    if (g.some((x) => !/^[0-9a-fA-F]{1,4}$/.test(x))) return undefined;
    return g.map((x) => parseInt(x, 16));
  };
  const a = parse(halves[0]!);
  const b = halves.length === 2 ? parse(halves[1]!) : [];
  if (!a || !b) return undefined;
  const missing = 8 - a.length - b.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...a, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...b];
  const out = Buffer.alloc(16);
  words.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  if (v4) Buffer.from(tail).copy(out, 12);
  return out;
}

/** Eight groups of four hex digits (the sysfs GID notation) or the canonical compressed form. */
export function formatIpv6(b: Uint8Array, full: boolean): string {
  const words = Array.from({ length: 8 }, (_, i) => (b[i * 2]! << 8) | b[i * 2 + 1]!);
  if (full) return words.map((w) => w.toString(16).padStart(4, '0')).join(':');
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hx = (ws: number[]): string => ws.map((w) => w.toString(16)).join(':');
  if (best < 0) return hx(words);
  return `${hx(words.slice(0, best))}::${hx(words.slice(best + bestLen))}`;
}
