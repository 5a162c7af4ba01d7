import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import type { ReportBundle, SavedOutputs } from './model.js';

/** Origins a tree of saved outputs gives: a command's output (and its exit status), an ioctl's saved answer. */
const SAVED_KINDS = `('cmd', 'status', 'ioctl')`;

/**
 * What a bundle made from saved tool outputs alone holds, or null when it read a host: any artifact that is a host's
 * file (sysfs, procfs, /etc…) and not a file of the tree kept unread means a host was read.
 */
export function savedOutputsOf(db: Db, bundleId: number): SavedOutputs | null {
  const hostFile = cachedStatement(db, `SELECT 1 FROM artifacts WHERE bundle_id = ? AND (origin_kind IS NULL OR origin_kind NOT IN ${SAVED_KINDS}) AND name NOT LIKE 'unread/%' LIMIT 1`);
  if (hostFile.get(bundleId)) return null;
  const rows = cachedStatement(db, `SELECT name, origin FROM artifacts WHERE bundle_id = ? AND (origin_kind IN ('cmd', 'ioctl') OR name LIKE 'unread/%')`).all(bundleId) as { name: string; origin: string | null }[];
  if (!rows.length) return null;
  const tools = new Map<string, number>();
  let unread = 0;
  for (const r of rows) {
    if (r.name.startsWith('unread/')) {
      unread++;
      continue;
    }
    const origin = JSON.parse(r.origin ?? '{}') as { kind?: string; argv?: string[]; stream?: string };
    if (origin.kind === 'cmd' && (origin.stream !== 'stdout' || !origin.argv?.length)) continue;
    const tool = origin.kind === 'cmd' ? origin.argv![0]!.split('/').pop()! : 'ioctl';
    tools.set(tool, (tools.get(tool) ?? 0) + 1);
  }
  const sorted = [...tools].sort(([a], [b]) => a.localeCompare(b));
  return { read: sorted.reduce((n, [, c]) => n + c, 0), tools: Object.fromEntries(sorted), unread };
}

/** `3 saved outputs (devlink 1, flint 1, nvme 1)`, and the files not read. */
export function savedOutputsText(s: SavedOutputs): string {
  const tools = Object.entries(s.tools).map(([t, n]) => `${t} ${n}`).join(', ');
  return `${s.read} saved output${s.read === 1 ? '' : 's'}${tools ? ` (${tools})` : ''}${s.unread ? `, ${s.unread} file${s.unread === 1 ? '' : 's'} not read` : ''}`;
}

/** Sources with nothing to read, said once for a bundle that read no host: a live source has nothing in saved outputs. */
export const NOT_A_LIVE_HOST = 'not a live host';

/** Why a source of a bundle of saved outputs had nothing to read, in place of its reason about a live host. */
export const NO_SAVED_OUTPUT = `no saved output of this source in the tree (${NOT_A_LIVE_HOST})`;

type ReportSource = ReportBundle['sources'][number];

/** A source left out by `--only`/`--skip` (collector/collect.ts), not one that found nothing. */
export const excludedSource = (s: Pick<ReportSource, 'reason'>): boolean => s.reason?.startsWith('excluded by') ?? false;

/**
 * A bundle's sources as a report gives them: of a bundle of saved outputs, a source skipped for want of anything to
 * read says so of the outputs as given, not of a host ("no NVMe controllers on this host").
 */
export function reportSources(sources: readonly ReportSource[], savedOutputs: boolean): ReportSource[] {
  return sources.map((s) => (savedOutputs && s.status === 'skipped' && !excludedSource(s) ? { ...s, reason: NO_SAVED_OUTPUT } : s));
}

/** The skipped sources of a bundle: of saved outputs, those with nothing in the tree named together; the others each with its reason. */
export function skippedSources(b: Pick<ReportBundle, 'sources' | 'savedOutputs'>): { notLive: string[]; listed: ReportSource[] } {
  const skipped = b.sources.filter((s) => s.status === 'skipped');
  if (!b.savedOutputs) return { notLive: [], listed: skipped };
  return { notLive: skipped.filter((s) => !excludedSource(s)).map((s) => s.name), listed: skipped.filter(excludedSource) };
}

/** `sources skipped (not a live host): scsi, rdma`, the line every format gives a bundle of saved outputs. */
export const notLiveText = (names: readonly string[]): string => `sources skipped (${NOT_A_LIVE_HOST}): ${names.join(', ')}`;
