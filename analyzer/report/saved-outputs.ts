import type { Db } from '../db/database.js';
import { cachedStatement } from '../db/statements.js';
import type { SavedOutputs } from './model.js';

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
