import { terminalSafe } from './terminal-safe.js';
import { quoted } from './format.js';
import { scanBundle, type BundleProblem, type ReadLimits } from './reader.js';

export interface VerifyReport {
  ok: boolean;
  entries: number;
  verified: number;
  bytes: number;
  problems: BundleProblem[];
  /** What is no fault of the bundle but worth knowing before extracting it (names that differ only in case). */
  notes: string[];
  formatVersion?: number;
  toolVersion?: string;
  hostname?: string;
}

/** Re-hashes every entry of a bundle against its manifest without extracting anything. */
export async function verifyBundle(path: string, limits?: ReadLimits): Promise<VerifyReport> {
  const r = await scanBundle(path, () => undefined, limits);
  return {
    ok: r.problems.length === 0,
    entries: r.manifest ? r.listed : r.entriesSeen,
    verified: r.verified.size,
    bytes: r.bytes,
    problems: r.problems,
    notes: caseOnlyNames(r.verified),
    formatVersion: r.manifest?.formatVersion,
    toolVersion: r.manifest?.tool?.version,
    hostname: r.manifest?.host?.hostname,
  };
}

export function formatVerifyReport(path: string, r: VerifyReport): string {
  const lines = [`${path}: ${r.ok ? 'OK' : 'FAILED'} — ${r.verified} of ${r.entries} artifacts verified, ${r.bytes} bytes`];
  if (r.formatVersion !== undefined) lines.push(`format ${r.formatVersion}, made by fwsnap ${r.toolVersion} on ${r.hostname}`);
  for (const p of r.problems) lines.push(`  ${p.kind}${p.entry ? ` ${p.entry}` : ''}: ${p.message}`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  // Names, hostnames and messages come from the bundle: escaped line by line, the entry name included.
  return lines.map(terminalSafe).join('\n');
}

const MAX_NOTES = 20;

/**
 * Entries whose names differ only in case (`smartctl -a` and `-A` outputs are two artifacts, read as two): a
 * `tar -x` onto a case-insensitive filesystem (macOS, Windows) keeps one of each such pair.
 */
function caseOnlyNames(names: Iterable<string>): string[] {
  // Only names with a capital (in any script) are remembered: the last of each lower-cased spelling stands for them.
  const lastOf = new Map<string, string>();
  for (const name of names) if (name.toLowerCase() !== name) lastOf.set(name.toLowerCase(), name);
  const pairs: string[] = [];
  let more = 0;
  for (const name of names) {
    const other = lastOf.get(name.toLowerCase());
    if (other === undefined || other === name) continue;
    if (pairs.length < MAX_NOTES) pairs.push(`entries ${quoted(name)} and ${quoted(other)} differ only in case: two artifacts here, but extracted onto a case-insensitive filesystem (macOS, Windows) one replaces the other`);
    else more++;
  }
  if (more) pairs.push(`${more} more pairs of entries differ only in case`);
  return pairs;
}
