import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { MUTATIONS, MUTATION_NAMES, generator, seedOf } from './mutations.js';
import { batches, sweepSamples, type SweepSample } from './paste-sweep.js';

/**
 * Every parser's promise, on damaged real outputs: an unknown line is an issue, never an unexpected JavaScript error.
 * Each seed gives each real sample (every output saved under a command's name, as the paste sweep takes them) one
 * mutation of mutations.ts — the mutations in turn, so one seed tries each of them on many samples — and sometimes a
 * second; the damaged outputs are replayed through `collect --root` and analyze. Nothing may throw, no artifact may
 * fail with an error its parser did not mean (PARSER-BUG, LOADER-BUG, a failed source), and no stored message may
 * hold a stack trace.
 *
 * CI runs one seed over a share of the corpus. FWSNAP_MUTATION_SEEDS=1-40 (or 3,7) runs more seeds over the whole
 * corpus; FWSNAP_MUTATION_SAMPLES=word keeps the samples whose path holds it (replaying a failure).
 */

const STACK = /\n\s+at |\bat (?:file|node):|\(?\/[^\s()]+\.[cm]?[jt]s:\d+:\d+\)?/;
/** A share of the corpus per seed in CI (one sample in SHARE, offset by the seed), to stay within the suite's budget. */
const SHARE = 4;

function seedsOf(spec: string | undefined): number[] {
  if (!spec) return [1];
  return spec.split(',').flatMap((p) => {
    const m = /^(\d+)-(\d+)$/.exec(p.trim());
    if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
    return [Number(p.trim())];
  });
}

interface Planned {
  sample: SweepSample;
  mutation: string;
  how: string;
  data: Buffer;
}

/** One sample's mutation under a seed, the same whatever else is run beside it. */
function plan(seed: number, i: number, sample: SweepSample, all: SweepSample[]): Planned {
  const rnd = generator(seedOf(seed, sample.id));
  const c = {
    rnd,
    other: () => {
      const o = all[Math.floor(rnd() * all.length)]!;
      return { id: o.id, data: readFileSync(o.file) };
    },
  };
  const names = [MUTATION_NAMES[(i + seed) % MUTATION_NAMES.length]!];
  if (rnd() < 0.3) names.push(MUTATION_NAMES[Math.floor(rnd() * MUTATION_NAMES.length)]!);
  let data: Buffer = readFileSync(sample.file);
  const hows: string[] = [];
  for (const n of names) {
    const m = MUTATIONS[n]!(data, c);
    data = m.data;
    hows.push(m.how);
  }
  return { sample, mutation: names.join(', then '), how: hows.join('; then '), data };
}

const named = (seed: number, p: Planned): string =>
  `seed ${seed}, ${p.sample.id} saved as ${p.sample.savedAs}, mutation "${p.mutation}" (${p.how}); replay: FWSNAP_MUTATION_SEEDS=${seed} FWSNAP_MUTATION_SAMPLES=${p.sample.id.split('/').pop()}`;

/** Collects each group as a tree and analyzes the bundles on this thread (the sources, not dist/); returns what went wrong, by group. */
async function replay(dir: string, groups: Planned[][]): Promise<Map<number, string[]>> {
  const bad = new Map<number, string[]>();
  const add = (g: number, what: string): void => void bad.set(g, [...(bad.get(g) ?? []), what]);
  const bundles: Collected[] = [];
  for (const [g, group] of groups.entries()) {
    const tree = join(dir, `tree-${g}`);
    for (const p of group) {
      const path = join(tree, p.sample.savedAs);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, p.data);
    }
    const path = join(dir, `bundle-${g}.tar.gz`);
    try {
      const { manifest } = await collect({ output: path, root: tree, isolation: 'inline' });
      const artifacts = new Map<string, Planned>();
      for (const a of manifest.artifacts) {
        const p = group.find((x) => x.sample.savedAs === a.replayedFrom);
        if (p) artifacts.set(a.name, p);
      }
      bundles.push({ group: g, path, artifacts });
    } catch (e) {
      add(g, `collect threw ${(e as Error).stack ?? String(e)}`);
    }
  }
  if (bundles.length) await judge(bundles, add);
  return bad;
}

interface Collected {
  group: number;
  path: string;
  artifacts: Map<string, Planned>;
}

/** Analyzes the bundles together; when that throws, each alone, so a throw is blamed on its own bundle only. */
async function judge(bundles: Collected[], add: (g: number, what: string) => void): Promise<void> {
  let result: Awaited<ReturnType<typeof analyze>>;
  try {
    result = await analyze({ bundles: bundles.map((b) => b.path), minSeverity: 'info', jobs: 1 });
  } catch (e) {
    if (bundles.length > 1) for (const b of bundles) await judge([b], add);
    else add(bundles[0]!.group, `analyze threw ${(e as Error).stack ?? String(e)}`);
    return;
  }
  const { db, loads, unusable } = result;
  try {
    for (const u of unusable) {
      const b = bundles.find((x) => x.path === u.path);
      if (b) add(b.group, `unusable: ${u.message}`);
    }
    for (const { path, bundleId: id } of loads) {
      const b = bundles.find((x) => x.path === path)!;
      const where = (target: unknown): string => {
        const p = typeof target === 'string' ? b.artifacts.get(target) : undefined;
        return p ? `${p.sample.id}: ` : '';
      };
      const rows = (sql: string): Record<string, unknown>[] => db.prepare(sql).all(id) as Record<string, unknown>[];
      for (const r of rows(`SELECT target, code, message FROM collection_issues WHERE bundle_id = ?`)) {
        if (r.code === 'PARSER-BUG' || r.code === 'LOADER-BUG' || STACK.test(String(r.message))) add(b.group, `${where(r.target)}${String(r.code)} ${String(r.message)}`);
      }
      for (const r of rows(`SELECT name, parse_error FROM artifacts WHERE bundle_id = ? AND parse_error IS NOT NULL`)) {
        if (STACK.test(String(r.parse_error))) add(b.group, `${where(r.name)}stack trace in parse error ${String(r.parse_error)}`);
      }
      for (const r of rows(`SELECT name, status, reason FROM sources WHERE bundle_id = ?`)) {
        if (r.status === 'failed' || STACK.test(String(r.reason ?? ''))) add(b.group, `source ${String(r.name)} ${String(r.status)}: ${String(r.reason)}`);
      }
      for (const r of rows(`SELECT rule_id, result, message FROM rule_results WHERE bundle_id = ? AND (result = 'error' OR message IS NOT NULL)`)) {
        if (r.result === 'error' || STACK.test(String(r.message))) add(b.group, `rule ${String(r.rule_id)} ${String(r.result)}: ${String(r.message)}`);
      }
    }
  } finally {
    db.close();
  }
}

describe('real outputs, damaged and dressed as they travel, never crash a parser', () => {
  const seeds = seedsOf(process.env.FWSNAP_MUTATION_SEEDS);
  const wide = process.env.FWSNAP_MUTATION_SEEDS !== undefined;
  const only = process.env.FWSNAP_MUTATION_SAMPLES?.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean) ?? [];

  it('every mutation changes some sample, and the same seed gives the same bytes', () => {
    const all = sweepSamples(false);
    for (const [i, name] of MUTATION_NAMES.entries()) {
      const s = all[(i * 37) % all.length]!;
      const a = plan(1, MUTATION_NAMES.length - 1 + i, s, all);
      const b = plan(1, MUTATION_NAMES.length - 1 + i, s, all);
      expect(a.mutation.startsWith(name), name).toBe(true);
      expect(a.data.equals(b.data), name).toBe(true);
    }
  });

  for (const seed of seeds) {
    it(`seed ${seed}: no parser or loader fails with an unexpected error, nothing throws, no stack trace is stored`, async () => {
      const all = sweepSamples(false);
      const planned = all
        .map((s, i) => ({ s, i }))
        .filter(({ s, i }) => (only.length ? only.some((w) => s.id.toLowerCase().includes(w)) : wide || (i + seed) % SHARE === 0))
        .map(({ s, i }) => plan(seed, i, s, all));
      const bySample = new Map(planned.map((p) => [p.sample, p]));
      const groups = batches(planned.map((p) => p.sample)).map((g) => g.map((s) => bySample.get(s)!));
      const dir = tempDir();
      const bad = await replay(dir, groups);
      // A failure not tied to one artifact (a loader, a source, a throw) is narrowed down to its sample by replaying each alone.
      const failures: string[] = [];
      for (const [g, what] of bad) {
        const group = groups[g]!;
        if (group.length === 1) {
          failures.push(`${named(seed, group[0]!)}: ${what.join('\n  ')}`);
          continue;
        }
        let found = false;
        for (const [k, p] of group.entries()) {
          const alone = await replay(join(dir, `alone-${g}-${k}`), [[p]]);
          if (alone.size) (found = true), failures.push(`${named(seed, p)}: ${alone.get(0)!.join('\n  ')}`);
        }
        if (!found) failures.push(`seed ${seed}, only together: ${group.map((p) => `${p.sample.id} (${p.mutation}: ${p.how})`).join(', ')}: ${what.join('\n  ')}`);
      }
      console.log(`seed ${seed}: ${planned.length} mutated samples in ${groups.length} trees, ${failures.length} failing`);
      expect(failures).toEqual([]);
    }, wide ? 4 * 3_600_000 : 600_000);
  }
});
