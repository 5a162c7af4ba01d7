import { chmodSync, existsSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { REDACTION_POLICY, TokenMap, type TokenMapJson } from './tokens.js';
import { sameFile } from '../same-file.js';

export class MapFileError extends Error {}

/** `<bundle>.redaction-map.json`, beside the bundle (never inside it). */
export function defaultMapPath(bundlePath: string): string {
  return `${bundlePath}.redaction-map.json`;
}

/** Loads an existing map to extend (same tokens across bundles), or undefined when there is none. */
export function loadTokenMap(path: string): TokenMap | undefined {
  if (!existsSync(path)) return undefined;
  let json: TokenMapJson;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as TokenMapJson;
  } catch (e) {
    throw new MapFileError(`redaction map ${path} is not valid JSON (${(e as Error).message}); move it away or pass another --map`);
  }
  if (json?.policy !== REDACTION_POLICY || typeof json.tokens !== 'object') {
    throw new MapFileError(`redaction map ${path} is not a ${REDACTION_POLICY} map; move it away or pass another --map`);
  }
  return TokenMap.fromJson(json);
}

/** Writes the map readable by its owner only (0600), atomically. */
export function writeTokenMap(path: string, tokens: TokenMap, about: Record<string, string>): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const body = JSON.stringify({ ...tokens.toJson(), ...about, note: 'originals of the tokens in a redacted fwsnap bundle: keep private' }, null, 1) + '\n';
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) throw new MapFileError(`cannot write redaction map ${path}: it is not a regular file (left as it is)`);
  try {
    writeFileSync(tmp, body, { mode: 0o600, flag: 'wx' });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    // Said of the map, not of the temporary name it is first written under.
    const why = code === 'ENOENT' ? `the directory ${dirname(path)} does not exist`
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `${dirname(path)} is not writable (${code})`
      : code === 'ENOSPC' ? `the disk holding ${dirname(path)} is full (ENOSPC)`
      : (e as Error).message.split(tmp).join(path);
    throw new MapFileError(`cannot write redaction map ${path}: ${why}`);
  }
}

export function checkMapPath(mapPath: string, ...bundles: string[]): void {
  for (const b of bundles) if (sameFile(mapPath, b)) throw new MapFileError(`--map ${mapPath} would overwrite the bundle ${b}`);
}
