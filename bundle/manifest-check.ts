import { FORMAT_NAME, FORMAT_VERSION, type Manifest } from './format.js';

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

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and structurally checks a manifest from an untrusted bundle. */
export function validateManifest(bytes: Buffer): ManifestCheck {
  const text = bytes.toString('utf8');
  if (!depthOk(text)) return { ok: false, kind: 'manifest-invalid', message: `manifest.json nests deeper than ${MAX_DEPTH} levels` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'manifest-invalid', message: `manifest.json is not valid JSON: ${(e as Error).message}` };
  }
  if (!isObj(raw)) return { ok: false, kind: 'manifest-invalid', message: 'manifest.json is not a JSON object' };
  if (raw.format !== FORMAT_NAME) {
    return { ok: false, kind: 'manifest-invalid', message: `manifest.json format is ${JSON.stringify(raw.format)}, expected "${FORMAT_NAME}"` };
  }
  if (raw.formatVersion !== FORMAT_VERSION) {
    return {
      ok: false,
      kind: 'format-version',
      message: `bundle format version ${JSON.stringify(raw.formatVersion)} is not supported (this fwsnap reads version ${FORMAT_VERSION})`,
    };
  }
  const problems: string[] = [];
  if (!Array.isArray(raw.artifacts)) problems.push('artifacts is not an array');
  else
    raw.artifacts.forEach((a: unknown, i: number) => {
      if (!isObj(a) || typeof a.name !== 'string' || typeof a.sha256 !== 'string' || typeof a.size !== 'number' || !isObj(a.origin)) {
        problems.push(`artifacts[${i}] lacks name, size, sha256 or origin`);
      }
    });
  if (!Array.isArray(raw.sources)) problems.push('sources is not an array');
  if (!isObj(raw.host)) problems.push('host is not an object');
  if (!Array.isArray(raw.issues)) problems.push('issues is not an array');
  if (problems.length) return { ok: false, kind: 'manifest-invalid', message: `manifest.json is malformed: ${problems.slice(0, 5).join('; ')}` };
  return { ok: true, manifest: raw as unknown as Manifest };
}
