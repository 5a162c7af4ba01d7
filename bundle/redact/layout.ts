import type { HexKind, TokenMap } from './tokens.js';
import { redactHexId, redactIdentifier } from './values.js';

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
  learn: (data: Buffer, t: TokenMap, name: string) => Edit[];
  fix?: (data: Buffer) => void;
}

export function textEdit(data: Buffer, from: number, to: number, replacement: string): Edit[] {
  const bytes = Buffer.from(replacement, 'latin1');
  const original = data.subarray(from, to);
  if (bytes.length !== original.length || bytes.equals(original)) return [];
  return [{ offset: from, bytes }];
}

/** A space- or NUL-padded ASCII field: the value is learned and replaced where it sits. */
export function paddedField(d: Buffer, t: TokenMap, offset: number, length: number, hexIds = true): Edit[] {
  if (d.length < offset + length) return [];
  const text = d.subarray(offset, offset + length).toString('latin1').replace(/\0/g, ' ');
  const core = text.trim();
  if (!core || /[^\x20-\x7e]/.test(core)) return [];
  const at = offset + text.indexOf(core);
  return textEdit(d, at, at + core.length, redactIdentifier(t, core, 'serial', hexIds));
}

/** A binary identifier of `length` bytes at `offset` (byte-reversed when stored little-endian), replaced in place. */
export function rawId(d: Buffer, t: TokenMap, kind: HexKind, offset: number, length: number, reversed = false): Edit[] {
  if (d.length < offset + length) return [];
  const raw = Buffer.from(d.subarray(offset, offset + length));
  if (reversed) raw.reverse();
  const out = Buffer.from(redactHexId(t, kind, raw.toString('hex')), 'hex');
  if (out.equals(raw)) return [];
  if (reversed) out.reverse();
  return [{ offset, bytes: out }];
}

/** A layout test: the artifact name matches `re`. */
export const under = (re: RegExp) => (n: string): boolean => re.test(n);

/** Edits that replace a whole text value (sysfs attribute, one line) by `redact(value)`, keeping surrounding whitespace. */
export function wholeValue(data: Buffer, redact: (value: string) => string): Edit[] {
  const text = data.toString('latin1');
  const start = text.length - text.trimStart().length;
  const core = text.trim();
  if (!core) return [];
  const out = redact(core);
  return textEdit(data, start, start + core.length, out.length === core.length ? out : core);
}

/**
 * What one device class tells redaction about the artifacts it collects (declared in
 * collector/classes/<name>/redaction.ts, registered with the class); redaction itself knows no class.
 */
export interface ClassRedaction {
  /** Layouts of its artifacts that hold identifiers. */
  layouts?: readonly Layout[];
  /** Binary artifacts whose layout holds no identifier beyond what the literal search finds. */
  plainBinary?: readonly RegExp[];
  /** Artifacts with nothing host-specific in them, passed through untouched. */
  public?: readonly RegExp[];
  /** Where dotted version numbers abound and IP addresses do not appear: no IPv4/IPv6 pattern search there. */
  noIps?: readonly RegExp[];
  /** Artifacts searched for IP addresses even where a `noIps` pattern (its own or another's) matches. */
  ips?: readonly RegExp[];
  /**
   * Host files learned before collection starts (`collect --redact`), so that their secrets are replaced even in
   * artifacts written before them: whole paths, and [directory, files] pairs read in each directory entry.
   */
  seedFiles?: readonly string[];
  seedPerEntry?: readonly (readonly [dir: string, files: readonly string[]])[];
}
