import { fileArtifactName } from '../format.js';
import type { Redactor } from './redactor.js';

/** How the host (or its captured tree) is read: the collector's host reader. */
export interface SeedReader {
  list(path: string): string[];
  readFile(path: string, req: { maxBytes: number }): { data: Buffer; truncated: boolean };
}

const SEED_MAX_BYTES = 65536;

function read(host: SeedReader, hostPath: string): Buffer | undefined {
  try {
    const r = host.readFile(hostPath, { maxBytes: SEED_MAX_BYTES });
    return r.truncated ? undefined : r.data;
  } catch {
    return undefined;
  }
}

/**
 * For `collect --redact`, which redacts in one streaming pass: learns the secrets of a few small, safe
 * files up front (never VPD, whose reads can stall), so that they are replaced even in artifacts written
 * before the file they come from.
 */
export function seedFromRoot(redactor: Redactor, host: SeedReader): void {
  const { seedFiles, seedPerEntry } = redactor.catalog;
  const paths = [...seedFiles];
  for (const [dir, files] of seedPerEntry) {
    let entries: string[] = [];
    try {
      entries = host.list(dir).sort().slice(0, 4096);
    } catch {
      continue;
    }
    for (const e of entries) for (const f of files) paths.push(`${dir}/${e}/${f}`);
  }
  for (const p of paths) {
    const data = read(host, p);
    if (data) redactor.learn(fileArtifactName(p), { kind: 'file', path: p }, data);
  }
}
