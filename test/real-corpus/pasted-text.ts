import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';
import { batches, type SweepSample } from './paste-sweep.js';

/** Codes of the issues a parser's loader records for a line it did not read. */
export const UNREAD_LINE_CODES = ['PARSE-LINE', 'UNKNOWN-LINE'];

/** What the load said of one sample's output: its unread lines, its notes, its text around the output. */
export interface SampleText {
  unread: string[];
  notes: string[];
  around: string[];
  /** Whether a parser read the artifact (a loader may prefer another output of the same device). */
  parsed: boolean;
}

/**
 * Replays samples (each made into a pasted text by `make`, the published text when none), batched so that no saved
 * name repeats in a tree, and returns per sample id what the load recorded against its artifact. A sample its tree
 * does not store (a class's reader took the device of a label-named output from its text, and another output of the
 * same command was read instead), or whose output its loader passed over for another of the same device (EARLIER-OUTPUT:
 * nvme reads the richer of two), is replayed again in a tree of its own, so every sample is reported.
 */
export async function replayText(dir: string, samples: SweepSample[], make?: (s: SweepSample, text: string) => string): Promise<Map<string, SampleText>> {
  const out = new Map<string, SampleText>();
  const db = openDatabase(':memory:');
  try {
    const groups = batches(samples);
    const alone: SweepSample[] = [];
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      const tree = join(dir, `tree-${i}`);
      for (const s of group) {
        const path = join(tree, s.savedAs);
        mkdirSync(dirname(path), { recursive: true });
        const text = readFileSync(s.file, 'utf8');
        writeFileSync(path, make ? make(s, text) : text);
      }
      const bundle = join(dir, `bundle-${i}.tar.gz`);
      const { manifest } = await collect({ output: bundle, root: tree, isolation: 'inline' });
      const { bundleId } = await loadBundle(db, bundle);
      const issues = db.prepare(`SELECT target, code, message FROM collection_issues WHERE bundle_id = ? AND stage = 'analyze' ORDER BY rowid`).all(bundleId) as { target: string; code: string; message: string }[];
      const stored = (s: SweepSample): string | undefined =>
        manifest.artifacts.find((a) => replayedFromSaved(a, s.savedAs) && a.origin.kind === 'cmd' && a.origin.stream === 'stdout')?.name;
      for (const s of group) {
        const art = stored(s);
        // Two outputs stored as one command (a name without a device and one with the device its text names): which
        // one the stored artifact is cannot be told, so neither is reported here.
        // An output its loader left unread for a richer one of the same device (EARLIER-OUTPUT, no parser) was not read here.
        const unparsed = art !== undefined && (db.prepare(`SELECT parser FROM artifacts WHERE bundle_id = ? AND name = ?`).get(bundleId, art) as { parser: string | null } | undefined)?.parser == null;
        const passedOver = unparsed && issues.some((x) => x.target === art && x.code === 'EARLIER-OUTPUT');
        if (art === undefined || passedOver || group.some((o) => o !== s && stored(o) === art)) {
          if (group.length > 1) alone.push(s);
          continue;
        }
        const mine = issues.filter((x) => x.target === art);
        const parser = db.prepare(`SELECT parser FROM artifacts WHERE bundle_id = ? AND name = ?`).get(bundleId, art) as { parser: string | null } | undefined;
        out.set(s.id, {
          parsed: parser?.parser != null,
          unread: mine.filter((x) => UNREAD_LINE_CODES.includes(x.code)).map((x) => x.message),
          notes: mine.filter((x) => x.code === 'PASTE-NOTE').map((x) => x.message),
          around: mine.filter((x) => x.code === 'PASTE-AROUND').map((x) => x.message),
        });
      }
      if (i === groups.length - 1) groups.push(...alone.splice(0).map((s) => [s]));
    }
  } finally {
    db.close();
  }
  return out;
}
