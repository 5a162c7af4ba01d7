import type { Manifest } from '../../bundle/format.js';
import { readBundle, type BundleProblem } from '../../bundle/reader.js';

/** A bundle the guest collected, read whole into memory (lab bundles are a few MB). */
export interface LabBundle {
  manifest?: Manifest;
  problems: BundleProblem[];
  entries: Map<string, Buffer>;
  /** An entry's bytes; throws naming the entry (and what is near it) when the bundle lacks it. */
  get(name: string): Buffer;
  /** Names matching a pattern, sorted. */
  names(pattern: RegExp): string[];
}

export async function loadLabBundle(path: string): Promise<LabBundle> {
  const entries = new Map<string, Buffer>();
  const r = await readBundle(path, (e) => void entries.set(e.name, e.data));
  const names = (pattern: RegExp): string[] => [...entries.keys()].filter((n) => pattern.test(n)).sort();
  const get = (name: string): Buffer => {
    const data = entries.get(name);
    if (data) return data;
    const dir = name.slice(0, name.lastIndexOf('/') + 1);
    const near = names(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).slice(0, 20);
    throw new Error(`the bundle has no entry ${name}${near.length ? `; entries in ${dir}: ${near.join(', ')}` : ''}`);
  };
  return { manifest: r.manifest, problems: r.problems, entries, get, names };
}
