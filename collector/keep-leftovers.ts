import type { CollectionIssue, SourceRecord } from '../bundle/format.js';
import type { ArtifactTransform } from '../bundle/redact/redactor.js';
import type { BundleWriter } from '../bundle/writer.js';
import { CLASSES } from './classes/index.js';
import type { HostReader } from './host/reader.js';
import { findLeftovers, keptName, leftoverIssue, moreIssue, toolTable } from './tree-leftovers.js';

/** A kept file is capped like a command's output; its head is what a person pasted. */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

/**
 * After the sources of `collect --root`: each file of the tree's output places that no class read is named in an
 * issue and kept under `unread/` (origin: the file, at its path in the tree). Returns the issues.
 */
export async function keepLeftovers(
  writer: BundleWriter, reader: HostReader, read: ReadonlySet<string>, sources: readonly SourceRecord[], transform?: ArtifactTransform,
): Promise<CollectionIssue[]> {
  const completed = new Set(sources.filter((s) => s.status !== 'failed' && s.status !== 'timed_out').map((s) => s.name));
  const { leftovers, more } = findLeftovers(reader, read, (cls) => completed.has(cls), toolTable(CLASSES));
  const issues: CollectionIssue[] = [];
  for (const l of leftovers) {
    if (l.unkept) {
      issues.push(leftoverIssue(l));
      continue;
    }
    const { name, path } = keptName(l.tree);
    if (writer.has(name)) continue;
    let data: Buffer;
    let truncated: boolean;
    try {
      ({ data, truncated } = reader.readFile(`/${l.tree}`, { maxBytes: MAX_KEPT_BYTES }));
    } catch (e) {
      issues.push({ source: 'tree', target: l.tree, code: (e as NodeJS.ErrnoException).code ?? 'EIO', message: `not read by any class, and could not be kept: ${(e as Error).message}` });
      continue;
    }
    const origin = { kind: 'file' as const, path };
    const stored = transform ? transform(name, origin, data) : data;
    if (stored !== null) await writer.add({ name, source: 'tree', origin, truncated, replayedFrom: l.tree }, stored);
    issues.push(leftoverIssue(l));
  }
  if (more > 0) issues.push(moreIssue(more));
  return issues;
}
