import { closeSync, constants, openSync, readSync } from 'node:fs';
import { utf16Text } from './saved-text.js';

/** Formats a file given as a bundle may be in instead of gzip, by the bytes it starts with (tar's magic at 257). */
const MAGIC: readonly { at: number; bytes: readonly number[]; what: string }[] = [
  { at: 0, bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' },
  { at: 0, bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
  { at: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed' },
  { at: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed' },
  { at: 0, bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed' },
  { at: 0, bytes: [0x04, 0x22, 0x4d, 0x18], what: 'lz4-compressed' },
  { at: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { at: 0, bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { at: 0, bytes: [0x5d, 0x00, 0x00], what: 'lzma-compressed' },
  { at: 257, bytes: [0x75, 0x73, 0x74, 0x61, 0x72], what: 'an uncompressed tar archive' },
];

/** What otherFormatOf says of a file with no byte in it (a failed download, a redirect that wrote nothing). */
export const EMPTY_FILE = 'empty (0 bytes)';

/**
 * What a file that is not gzip is, when its first bytes say (`a zip archive`, `xz-compressed`…, `text`); undefined
 * for a gzip file or bytes of no known format; EMPTY_FILE for no byte. Reads the first 512 bytes at offset 0 without moving the descriptor's offset.
 */
export function otherFormatOf(fd: number): string | undefined {
  const head = Buffer.alloc(512);
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } catch {
    return undefined;
  }
  return n === 0 ? EMPTY_FILE : formatOfHead(head.subarray(0, n));
}

/** otherFormatOf of a file's first bytes (512 are enough). */
export function formatOfHead(head: Buffer): string | undefined {
  const known = MAGIC.find((m) => m.at + m.bytes.length <= head.length && m.bytes.every((b, i) => head[m.at + i] === b))?.what;
  if (known !== undefined) return known;
  return looksLikeText(head) ? TEXT : undefined;
}

/** Whether a file's first bytes are gzip's magic, as every bundle's are. */
export const isGzipHead = (head: Buffer): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** The first `n` bytes of a file (fewer when it is shorter); undefined when it cannot be opened or read. */
export function headAt(path: string, n = 512): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const b = Buffer.alloc(n);
    return b.subarray(0, readSync(fd, b, 0, n, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** What otherFormatOf calls a file of text: a tool's output or a note saved by a person, or no bundle at all. */
export const TEXT = 'text';

/**
 * Text a person saved (a tool's output, a ticket): no NUL, and nearly all of it printable UTF-8 or whitespace; or
 * UTF-16 with a byte-order mark, as Windows PowerShell's `>` writes (its first bytes cut at a whole character).
 */
export function looksLikeText(b: Buffer): boolean {
  if (b.length >= 4 && utf16Text(b.subarray(0, b.length & ~1)) !== undefined) return true;
  if (b.length === 0 || b.includes(0) || isGzipHead(b)) return false;
  // The head may end inside a character: at most its last three bytes are left out.
  let end = b.length;
  for (let i = Math.max(0, b.length - 3); i < b.length; i++) if (b[i]! >= 0xc0) end = i;
  const s = b.subarray(0, end).toString('utf8');
  let odd = 0;
  for (const c of s) if (c === '\ufffd' || (c < ' ' && !'\t\n\r\f\x1b'.includes(c))) odd++;
  return odd <= s.length / 100;
}

/** otherFormatOf for a path (a regular file the caller has checked); undefined when it cannot be opened. */
export function otherFormatAt(path: string): string | undefined {
  const head = headAt(path);
  return head && formatOfHead(head);
}
