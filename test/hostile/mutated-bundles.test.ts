/**
 * A stranger's bundle damaged in every way the archive can be (test/fixtures/hostile/bundle-mutations.ts), starting from
 * a real one: a bundle collected from real public outputs (nvme-cli, smartctl, ethtool, devlink, mlxconfig, a firmware
 * manager's query). Each seed gives each mutation a few times; verify, analyze and redact must answer every case as
 * they promise: verify and analyze resolve (a bundle they cannot use is said so, in a message without a stack), no
 * parser or loader fails unexpectedly on what is read, redact refuses with its own error or writes a bundle that verifies.
 *
 * CI runs seed 1. FWSNAP_BUNDLE_MUTATION_SEEDS=1-20 (or 3,7) runs more.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { RedactError, redactBundle } from '../../bundle/redact/redact-bundle.js';
import { verifyBundle } from '../../bundle/verify.js';
import { collect } from '../../collector/collect.js';
import { REDACTION } from '../../collector/classes/index.js';
import { BUNDLE_MUTATION_NAMES, BUNDLE_MUTATIONS, spans } from '../fixtures/hostile/bundle-mutations.js';
import { generator, seedOf } from '../real-corpus/mutations.js';

const real = (path: string): Buffer => readFileSync(new URL(`../${path}`, import.meta.url));
/** Where each real output is saved in the tree, and which fixture it is (each has its provenance file beside it). */
const TREE: Record<string, string> = {
  'cmd/nvme/id-ctrl_dev_nvme0.out': 'nvme/fixtures/real/id-ctrl/amazon-ebs-nvme-cli-1x.txt',
  'cmd/nvme/smart-log_dev_nvme0.out': 'nvme/fixtures/real/smart-log/crucial-p3plus-ct4000p3pssd8-jp-diary-critical-warning.txt',
  'cmd/smartctl/-x_dev_sda.out': 'ata/fixtures/real/smartctl/apacer-as340-windows.txt',
  'cmd/ethtool/-i_eth0.out': 'nic/fixtures/real/ethtool-i/8139too-lkml-2003-alpha-quoted-bus-info-no-domain.txt',
  'cmd/devlink/-j_dev_info.out': 'nic/fixtures/real/devlink-dev-info/bnxt-board-serial-pretty.json',
  'cmd/mlxconfig/-d_dev_mst_mt41686_pciconf0_-e_q.out': 'mlx5/fixtures/real/mstconfig/bf2-dpu-e-query-issue830-boot.txt',
  'cmd/mlxfwmanager/--query.out': 'mlx5/fixtures/real/fwmanager/bf1-mlnxofedinstall-up-to-date.txt',
};
/** Cases per mutation and seed. */
const PER_MUTATION = 3;
const STACK = /\n\s+at |\bat (?:file|node):|\(?\/[^\s()]+\.[cm]?[jt]s:\d+:\d+\)?/;

function seedsOf(spec: string | undefined): number[] {
  if (!spec) return [1];
  return spec.split(',').flatMap((p) => {
    const m = /^(\d+)-(\d+)$/.exec(p.trim());
    return m ? Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i) : [Number(p.trim())];
  });
}

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-mutated-bundles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let tar = Buffer.alloc(0);

beforeAll(async () => {
  const root = join(dir, 'tree');
  for (const [saveAs, fixture] of Object.entries(TREE)) {
    mkdirSync(dirname(join(root, saveAs)), { recursive: true });
    writeFileSync(join(root, saveAs), real(fixture));
  }
  const path = join(dir, 'base.tar.gz');
  await collect({ output: path, root, isolation: 'inline' });
  tar = gunzipSync(readFileSync(path));
}, 120_000);

/** What went wrong with one mutated bundle; empty when every command kept its promise. */
/** How the cases came out, so a run that damaged nothing that matters shows as one. */
const outcomes = { refusedByVerify: 0, loaded: 0, unusable: 0 };

async function judge(path: string, work: string): Promise<string[]> {
  const bad: string[] = [];
  const thrown = (what: string, e: unknown): void => void bad.push(`${what} threw ${(e as Error)?.stack ?? String(e)}`);
  try {
    const v = await verifyBundle(path);
    if (!v.ok) outcomes.refusedByVerify++;
    for (const p of v.problems) if (STACK.test(p.message)) bad.push(`verify: a stack trace in ${p.message}`);
  } catch (e) {
    thrown('verify', e);
  }
  try {
    const { db, loads, unusable } = await analyze({ bundles: [path], minSeverity: 'info', jobs: 1 });
    outcomes.loaded += loads.length;
    outcomes.unusable += unusable.length;
    try {
      for (const u of unusable) if (STACK.test(u.message)) bad.push(`analyze: a stack trace in ${u.message}`);
      for (const { bundleId } of loads) {
        const rows = (sql: string): Record<string, unknown>[] => db.prepare(sql).all(bundleId) as Record<string, unknown>[];
        for (const r of rows(`SELECT code, message FROM collection_issues WHERE bundle_id = ?`)) {
          if (r.code === 'PARSER-BUG' || r.code === 'LOADER-BUG' || STACK.test(String(r.message))) bad.push(`analyze: ${String(r.code)} ${String(r.message)}`);
        }
        for (const r of rows(`SELECT rule_id, message FROM rule_results WHERE bundle_id = ? AND result = 'error'`)) bad.push(`analyze: rule ${String(r.rule_id)} failed: ${String(r.message)}`);
      }
    } finally {
      db.close();
    }
  } catch (e) {
    thrown('analyze', e);
  }
  const output = join(work, 'redacted.tar.gz');
  try {
    await redactBundle({ catalog: REDACTION, input: path, output, force: true });
    const v = await verifyBundle(output);
    if (!v.ok) bad.push(`redact wrote a bundle that does not verify: ${v.problems.map((p) => p.message).join('; ')}`);
  } catch (e) {
    if (!(e instanceof RedactError) || STACK.test(e.message)) thrown('redact', e);
  }
  return bad;
}

describe('a real bundle, damaged as a stranger\'s copy may be, is answered as promised', () => {
  it('the base bundle holds every output, and each mutation changes it', () => {
    const names = spans(tar).map((s) => s.name);
    expect(names).toContain('manifest.json');
    expect(names.filter((n) => n.startsWith('cmd/')).length).toBeGreaterThanOrEqual(Object.keys(TREE).length);
    for (const name of BUNDLE_MUTATION_NAMES) {
      const m = BUNDLE_MUTATIONS[name]!(tar, { rnd: generator(seedOf(1, name)) });
      expect(gunzipSafe(m.gz).equals(tar), `${name}: ${m.how}`).toBe(false);
    }
  });

  for (const seed of seedsOf(process.env.FWSNAP_BUNDLE_MUTATION_SEEDS)) {
    it(`seed ${seed}: verify, analyze and redact keep their promises on every mutated bundle`, async () => {
      const failures: string[] = [];
      for (const name of BUNDLE_MUTATION_NAMES) {
        for (let k = 0; k < PER_MUTATION; k++) {
          const m = BUNDLE_MUTATIONS[name]!(tar, { rnd: generator(seedOf(seed, name, k)) });
          const work = join(dir, `s${seed}-${BUNDLE_MUTATION_NAMES.indexOf(name)}-${k}`);
          mkdirSync(work, { recursive: true });
          const path = join(work, 'bundle.tar.gz');
          writeFileSync(path, m.gz);
          for (const b of await judge(path, work)) failures.push(`seed ${seed}, ${name} #${k} (${m.how}): ${b}`);
        }
      }
      expect(failures).toEqual([]);
      // Damage that every reader refuses, and damage read past: both must have been tried.
      expect(outcomes.refusedByVerify, JSON.stringify(outcomes)).toBeGreaterThan(0);
      expect(outcomes.loaded, JSON.stringify(outcomes)).toBeGreaterThan(0);
      expect(outcomes.unusable, JSON.stringify(outcomes)).toBeGreaterThan(0);
    }, 600_000);
  }
});

/** The archive a mutated bundle holds, or nothing when its compressed stream is what was damaged. */
function gunzipSafe(gz: Buffer): Buffer {
  try {
    return gunzipSync(gz);
  } catch {
    return Buffer.alloc(0);
  }
}
