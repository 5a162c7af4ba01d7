import type { TokenMap } from './tokens.js';

/** Bytes to put at an offset (always the same length as what they replace). */
export interface Edit {
  offset: number;
  bytes: Uint8Array;
}

/**
 * An artifact layout fwsnap understands: `learn` registers the secrets it holds (and returns the edits
 * that replace them in place, for fields too short or too oddly encoded for the literal search); `fix`
 * repairs checksums after every replacement.
 */
export interface Layout {
  name: string;
  test: (artifact: string) => boolean;
  binary: boolean;
  learn: (data: Buffer, t: TokenMap) => Edit[];
  fix?: (data: Buffer) => void;
}

export function textEdit(data: Buffer, from: number, to: number, replacement: string): Edit[] {
  const bytes = Buffer.from(replacement, 'latin1');
  const original = data.subarray(from, to);
  if (bytes.length !== original.length || bytes.equals(original)) return [];
  return [{ offset: from, bytes }];
}

/** Edits that replace a whole text value (sysfs attribute, one line) by `redact(value)`, keeping surrounding whitespace. */
export function wholeValue(data: Buffer, redact: (value: string) => string): Edit[] {
  const text = data.toString('latin1');
  const start = text.length - text.trimStart().length;
  const core = text.trim();
  if (!core) return [];
  const out = redact(core);
  return textEdit(data, start, start + core.length, out.length === core.length ? out : core);
}
