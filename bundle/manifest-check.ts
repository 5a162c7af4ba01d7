import type { ValidateFunction } from 'ajv';
import { FORMAT_NAME, FORMAT_VERSION, quoted, type ArtifactRecord, type Manifest } from './format.js';
import { loadValidators, type Validators } from './manifest-validators.js';

export type ManifestCheck =
  | { ok: true; manifest: Manifest }
  | { ok: false; kind: 'manifest-invalid' | 'format-version'; message: string };

const MAX_DEPTH = 32;

function depthOk(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}

/**
 * Where a JSON text escapes half a surrogate pair (`\ud800` with no low half after it, or a low half alone):
 * JSON.parse turns it into a string that is no text, which no name or value fwsnap writes can be. -1: none.
 */
export function loneSurrogateEscape(text: string): number {
  if (!text.includes('\\u')) return -1;
  const escapes = /\\(?:u([dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?|u[dD][c-fC-F][0-9a-fA-F]{2}|[^])/g;
  for (let m; (m = escapes.exec(text)); ) {
    if (m[0].length === 2 || m[2] !== undefined) continue;
    return m.index;
  }
  return -1;
}

const surrogateMessage = (text: string, at: number, where: string): string =>
  `manifest.json holds a lone surrogate ${quoted(text.slice(at, at + 6), 12)} ${where}: a string that is no text`;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

let validators: Validators | undefined;

/** Loaded on first use: verify, analyze and redact need them, `collect` never does. */
function checks(): Validators {
  return (validators ??= loadValidators());
}

const schemaCheck = (): ValidateFunction => checks().manifest;
const recordCheck = (): ValidateFunction => checks().record;

/** Where in the manifest the first violation is, and what is wrong, without quoting the offending value. */
function describeViolation(v: ValidateFunction, prefix = ''): string {
  const e = v.errors?.[0];
  if (!e) return 'does not match the schema';
  const at = quoted(prefix + e.instancePath || '/', 120);
  const extra = e.keyword === 'additionalProperties' ? ` (${quoted(String((e.params as { additionalProperty?: unknown }).additionalProperty), 64)})` : '';
  return `${at} ${e.message ?? 'is invalid'}${extra}`;
}

/**
 * Parses and checks a manifest from an untrusted bundle against the published JSON Schema
 * (docs/manifest.schema.json): every field's type, closed objects, and length caps on every string.
 */
export function validateManifest(bytes: Buffer): ManifestCheck {
  const text = bytes.toString('utf8');
  if (!depthOk(text)) return { ok: false, kind: 'manifest-invalid', message: `manifest.json nests deeper than ${MAX_DEPTH} levels` };
  const lone = loneSurrogateEscape(text);
  if (lone >= 0) return { ok: false, kind: 'manifest-invalid', message: surrogateMessage(text, lone, `at character ${lone} of its head`) };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'manifest-invalid', message: `manifest.json is not valid JSON: ${(e as Error).message.slice(0, 200)}` };
  }
  if (!isObj(raw)) return { ok: false, kind: 'manifest-invalid', message: 'manifest.json is not a JSON object' };
  const shown = (v: unknown): string => (typeof v === 'string' ? quoted(v, 64) : typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : typeof v);
  if (raw.format !== FORMAT_NAME) {
    return { ok: false, kind: 'manifest-invalid', message: `manifest.json format is ${shown(raw.format)}, expected "${FORMAT_NAME}"` };
  }
  if (raw.formatVersion !== FORMAT_VERSION) {
    return {
      ok: false,
      kind: 'format-version',
      message: `bundle format version ${shown(raw.formatVersion)} is not supported (this fwsnap reads version ${FORMAT_VERSION})`,
    };
  }
  const check = schemaCheck();
  if (!check(raw)) return { ok: false, kind: 'manifest-invalid', message: `manifest.json is malformed: ${describeViolation(check)}` };
  return { ok: true, manifest: raw as unknown as Manifest };
}

export type RecordCheck = { ok: true; record: ArtifactRecord } | { ok: false; message: string };

/**
 * One element of the manifest's artifact list, as the streamed reading cuts it out (manifest-stream.ts),
 * parsed and checked against the schema's artifact record; messages name it as the whole manifest's check would.
 */
export function checkArtifactRecord(text: string, index: number): RecordCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `manifest.json is not valid JSON: ${(e as Error).message.slice(0, 200)} (in artifact record ${index})` };
  }
  const lone = loneSurrogateEscape(text);
  if (lone >= 0) return { ok: false, message: surrogateMessage(text, lone, `in artifact record ${index}`) };
  const check = recordCheck();
  if (!check(raw)) return { ok: false, message: `manifest.json is malformed: ${describeViolation(check, `/artifacts/${index}`)}` };
  return { ok: true, record: raw as ArtifactRecord };
}
