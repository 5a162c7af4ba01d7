/**
 * The tar blocks of a bundle's entries (POSIX.1-2001 pax interchange format: a ustar header, preceded by a
 * pax extended header `x` when an entry carries records), built as whole buffers. tar-stream's packer cost
 * ~150 µs of CPU per entry in stream bookkeeping, most of what the collector did with a host's few hundred
 * small files; these are the same bytes tar-stream wrote (a test compares them), so every reader sees the
 * same archive.
 */
export const BLOCK = 512;

/** Two zero blocks end the archive. */
export const END_OF_ARCHIVE = Buffer.alloc(2 * BLOCK);

const ZERO_BLOCK = Buffer.alloc(BLOCK);

/** Zero bytes that round `size` up to a whole block. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return rest ? ZERO_BLOCK.subarray(0, BLOCK - rest) : ZERO_BLOCK.subarray(0, 0);
}

/** `digits` octal digits, zero-filled, then a space (all 7s when the value does not fit). */
function octal(value: number, digits: number): string {
  const text = value.toString(8);
  return text.length > digits ? `${'7'.repeat(digits)} ` : `${text.padStart(digits, '0')} `;
}

/** A ustar header block for a regular file ('0') or a pax extended header ('x'); null when the name does not fit. */
export function ustarHeader(name: string, size: number, type: '0' | 'x', mode = 0o644): Buffer | null {
  if (Buffer.byteLength(name) !== name.length) return null;
  // A name over 100 bytes is split at a '/' into prefix (up to 155 bytes) and name.
  let prefix = '';
  let rest = name;
  while (rest.length > 100) {
    const slash = rest.indexOf('/');
    if (slash < 0) return null;
    prefix += (prefix ? '/' : '') + rest.slice(0, slash);
    rest = rest.slice(slash + 1);
  }
  if (prefix.length > 155) return null;
  const block = Buffer.alloc(BLOCK);
  block.write(rest, 0, 'latin1');
  block.write(octal(mode & 0o7777, 6), 100, 'latin1');
  block.write(octal(0, 6), 108, 'latin1'); // uid
  block.write(octal(0, 6), 116, 'latin1'); // gid
  if (size.toString(8).length > 11) {
    // base-256: a set top bit, then the size big-endian in the remaining 11 bytes
    block[124] = 0x80;
    for (let i = 11, n = size; i > 0; i--, n = Math.floor(n / 256)) block[124 + i] = n % 256;
  } else block.write(octal(size, 11), 124, 'latin1');
  block.write(octal(0, 11), 136, 'latin1'); // mtime: the epoch, so that a bundle's bytes depend on its contents only
  block.write(type, 156, 'latin1');
  block.write('ustar\0', 257, 'latin1');
  block.write('00', 263, 'latin1');
  block.write(octal(0, 6), 329, 'latin1'); // devmajor
  block.write(octal(0, 6), 337, 'latin1'); // devminor
  if (prefix) block.write(prefix, 345, 'latin1');
  let sum = 8 * 0x20; // the checksum field counts as spaces
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]!;
  block.write(octal(sum, 6), 148, 'latin1');
  return block;
}

/** One pax record: "<length> <key>=<value>\n", the length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bytes = Buffer.byteLength(body);
  let length = bytes + String(bytes).length;
  if (String(length).length > String(bytes).length) length++;
  return `${length}${body}`;
}

/** The ustar header named `PaxHeader` of each type with a zero size, and its checksum without the size field's bytes. */
const paxHeaderTemplates = new Map<'0' | 'x', { block: Buffer; sumWithoutSize: number }>();

/** ustarHeader('PaxHeader', size, type), from a template (a bundle has one pair per entry; building each costs more). */
function paxHeaderBlock(size: number, type: '0' | 'x'): Buffer {
  const sizeField = octal(size, 11);
  if (size.toString(8).length > 11) return ustarHeader('PaxHeader', size, type)!;
  let t = paxHeaderTemplates.get(type);
  if (!t) {
    const block = ustarHeader('PaxHeader', 0, type)!;
    let sum = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++) if ((i < 148 || i >= 156) && (i < 124 || i >= 136)) sum += block[i]!;
    t = { block, sumWithoutSize: sum };
    paxHeaderTemplates.set(type, t);
  }
  const block = Buffer.allocUnsafe(BLOCK);
  t.block.copy(block);
  block.write(sizeField, 124, 'latin1');
  let sum = t.sumWithoutSize;
  for (let i = 0; i < sizeField.length; i++) sum += sizeField.charCodeAt(i);
  block.write(octal(sum, 6), 148, 'latin1');
  return block;
}

/**
 * The blocks in front of an entry's bytes: a pax extended header holding its path and `records`, then the
 * ustar header of the file (named `PaxHeader`, as tar-stream named it; readers take the pax path).
 */
export function paxEntryHeader(name: string, size: number, records: Record<string, string>): Buffer {
  let text = paxRecord('path', name);
  for (const [k, v] of Object.entries(records)) text += paxRecord(k, v);
  const pax = Buffer.from(text);
  return Buffer.concat([paxHeaderBlock(pax.length, 'x'), pax, padding(pax.length), paxHeaderBlock(size, '0')]);
}
