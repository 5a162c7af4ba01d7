import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinnedFile } from './pinned.js';

/**
 * Where vendor data an analysis used came from: the collected host's own copy stored in the bundle, a file
 * named on the command line, data pinned with the fwsnap release, or this (the analysing) machine's file.
 */
export type VendorDataOrigin = 'bundle' | 'option' | 'release' | 'analysing-machine';

/** One piece of vendor data as a report names it (table vendor_data). */
export interface VendorDataUse {
  /** `pci.ids`, `mlxconfig-db`, `register-layouts`… */
  name: string;
  /** null when it was needed but found nowhere. */
  origin: VendorDataOrigin | null;
  /** Artifact name (origin bundle) or file path. */
  path: string | null;
  version: string | null;
  sha256: string | null;
  /** What it is needed for, in a few words. */
  usedFor: string;
  /** Why it is missing and what the analysis did without it. */
  note?: string | null;
}

/** A vendor file an analysis may need, and every place it can come from. */
export interface VendorFileSpec {
  name: string;
  usedFor: string;
  /** Artifact names under which the collector stores the host's copy; the first present wins. */
  bundlePaths: readonly string[];
  /** Where the analysing machine may have it. */
  systemPaths: readonly string[];
  /** The version the file states, if it states one. */
  version?: (data: Buffer) => string | null;
}

export interface ResolvedVendorFile {
  use: VendorDataUse;
  data?: Buffer;
}

// The release's pinned copies are one Buffer for the whole process: hashed once, not once per bundle.
const hashed = new WeakMap<Buffer, string>();
function sha256(b: Buffer): string {
  let h = hashed.get(b);
  if (h === undefined) hashed.set(b, (h = createHash('sha256').update(b).digest('hex')));
  return h;
}

/**
 * Finds a vendor file: the one named on the command line, else the host's copy in the bundle, else the copy
 * pinned with this release (vendor-data/), else this machine's. Without any, `use.origin` is null and
 * `use.note` says where it was looked for. FWSNAP_VENDOR_SYSTEM_ROOT puts the machine's paths under another
 * root (a chroot, an image).
 */
export function resolveVendorFile(spec: VendorFileSpec, o: { bundle?: (name: string) => Buffer | undefined; option?: string } = {}): ResolvedVendorFile {
  const found = (origin: VendorDataOrigin, path: string, data: Buffer, note?: string): ResolvedVendorFile => ({
    use: { name: spec.name, origin, path, version: spec.version?.(data) ?? null, sha256: sha256(data), usedFor: spec.usedFor, ...(note ? { note } : {}) },
    data,
  });
  const missing = (note: string): ResolvedVendorFile => ({
    use: { name: spec.name, origin: null, path: null, version: null, sha256: null, usedFor: spec.usedFor, note },
  });
  // A file named on the command line is the one wanted: no other is used in its place.
  if (o.option) {
    try {
      return found('option', o.option, readFileSync(o.option));
    } catch (e) {
      return missing(`${o.option} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const tried: string[] = [];
  for (const name of spec.bundlePaths) {
    const data = o.bundle?.(name);
    if (data) return found('bundle', name, data);
  }
  const pinned = pinnedFile(spec.name);
  if (pinned) {
    const { entry } = pinned;
    return found('release', pinned.path, pinned.data, `Debian package ${entry.package} ${entry.packageVersion}, ${entry.source}`);
  }
  const root = process.env.FWSNAP_VENDOR_SYSTEM_ROOT;
  for (const path of spec.systemPaths) {
    const at = root ? join(root, path) : path;
    try {
      return found('analysing-machine', at, readFileSync(at));
    } catch {
      tried.push(at);
    }
  }
  return missing(`not in the bundle, none pinned with this release, and not found on this machine (${tried.join(', ')})`);
}

/** A use as stored: the file's content is kept only when it came from the bundle (so the database alone can rerun rules). */
export interface StoredVendorData extends VendorDataUse {
  data?: Buffer | null;
}
