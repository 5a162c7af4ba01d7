import type { Manifest } from '../../bundle/format.js';
import { readBundle } from '../../bundle/reader.js';

export interface OpenedBundle {
  manifest: Manifest;
  entries: Map<string, Buffer>;
  text(name: string): string;
}

/** Reads a bundle into memory and fails on any problem, so a test sees only verified entries. */
export async function openBundle(path: string): Promise<OpenedBundle> {
  const entries = new Map<string, Buffer>();
  const r = await readBundle(path, (e) => void entries.set(e.name, e.data));
  if (r.problems.length || !r.manifest) throw new Error(`bundle ${path}: ${r.problems.map((p) => p.message).join('; ') || 'no manifest'}`);
  return {
    manifest: r.manifest,
    entries,
    text(name) {
      const data = entries.get(name);
      if (!data) throw new Error(`bundle has no entry ${name}`);
      return data.toString('utf8');
    },
  };
}
