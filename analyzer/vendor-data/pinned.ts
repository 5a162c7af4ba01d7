import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** One file of vendor-data/manifest.json (written by `npm run vendor-data`). */
export interface PinnedEntry {
  name: string;
  file: string;
  source: string;
  package: string;
  packageVersion: string;
  license: string;
  copyright: string;
  size: number;
  sha256: string;
}

export interface PinnedFile {
  entry: PinnedEntry;
  /** Where it was read, relative to the package for the release's own copy. */
  path: string;
  data: Buffer;
}

/** The package root: above analyzer/vendor-data/, and above dist/ when running the build. */
const above = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RELEASE_DIR = join(basename(above) === 'dist' ? dirname(above) : above, 'vendor-data');

/**
 * Where pinned vendor data is read: FWSNAP_VENDOR_DATA names another directory of the same layout, or `none`
 * for no pinned data (the analysing machine's files are then used); else the release's own.
 */
export function pinnedDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const v = env.FWSNAP_VENDOR_DATA;
  if (v === 'none') return undefined;
  return v ? resolve(v) : RELEASE_DIR;
}

const cache = new Map<string, PinnedFile | null>();

/** The pinned copy of vendor file `name`, checked against its recorded sha256; undefined when none is pinned. */
export function pinnedFile(name: string, dir: string | undefined = pinnedDir()): PinnedFile | undefined {
  if (!dir) return undefined;
  const key = `${dir}\0${name}`;
  if (!cache.has(key)) cache.set(key, readPinned(dir, name));
  return cache.get(key) ?? undefined;
}

function readPinned(dir: string, name: string): PinnedFile | null {
  let entries: PinnedEntry[];
  try {
    entries = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: PinnedEntry[] }).files;
  } catch {
    return null;
  }
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  const data = gunzipSync(readFileSync(join(dir, entry.file)));
  const sha = createHash('sha256').update(data).digest('hex');
  if (sha !== entry.sha256) throw new Error(`pinned vendor data ${join(dir, entry.file)} has sha256 ${sha}, its manifest says ${entry.sha256}`);
  return { entry, path: dir === RELEASE_DIR ? `vendor-data/${entry.file}` : join(dir, entry.file), data };
}
