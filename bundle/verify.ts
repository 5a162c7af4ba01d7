import { terminalSafe } from './terminal-safe.js';
import { scanBundle, type BundleProblem, type ReadLimits } from './reader.js';

export interface VerifyReport {
  ok: boolean;
  entries: number;
  verified: number;
  bytes: number;
  problems: BundleProblem[];
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
    formatVersion: r.manifest?.formatVersion,
    toolVersion: r.manifest?.tool?.version,
    hostname: r.manifest?.host?.hostname,
  };
}

export function formatVerifyReport(path: string, r: VerifyReport): string {
  const lines = [`${path}: ${r.ok ? 'OK' : 'FAILED'} — ${r.verified} of ${r.entries} artifacts verified, ${r.bytes} bytes`];
  if (r.formatVersion !== undefined) lines.push(`format ${r.formatVersion}, made by fwsnap ${r.toolVersion} on ${r.hostname}`);
  for (const p of r.problems) lines.push(`  ${p.kind}${p.entry ? ` ${p.entry}` : ''}: ${p.message}`);
  // Names, hostnames and messages come from the bundle: escaped line by line, the entry name included.
  return lines.map(terminalSafe).join('\n');
}
