/**
 * The standing adversarial suite (issue 12 item 8): every generated hostile bundle goes through verify,
 * analyze and redact of the built CLI (query on one case of each category, diff or fleet on every other
 * case), and every run must: exit with a documented status, print no
 * stack trace nor "internal error", print no raw terminal control character, stay under 300 MB and its
 * time bound (CPU time, which a loaded machine does not stretch; a run still going after ten times the bound is
 * killed, a hang), and write nothing but its own output (its TMPDIR is left empty). Cases waiting for other
 * work name it and are expected to fail until it lands (it.fails), so the suite says when they are fixed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD } from '../fixtures/hostile/build.js';
import { type AdversarialCase, type Command } from '../fixtures/hostile/categories.js';
import { adversarialCorpus } from '../fixtures/hostile/corpus-cache.js';
import { writeBundle } from '../helpers/bundle.js';
import { MB, MEMORY_BOUND, runCli, STACK_TRACE, type CliRun } from '../helpers/run-cli.js';
import { limiter } from '../helpers/limit.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-adversarial-'));
/** Built once and shared (test/fixtures/hostile/corpus-cache.ts); never written to here. */
let corpus = '';
let cases: AdversarialCase[] = [];
let before: string[] = [];

/**
 * One CLI process per core, two at least and four at most: time bounds must stay meaningful, and each run
 * may take 300 MB. Every run has its own working directory, TMPDIR and HOME, so they cannot meet.
 */
const PARALLEL = Math.min(4, Math.max(2, availableParallelism()));
const limited = limiter(PARALLEL);

/** The commands that compare bundles load them as analyze does: each case goes through one of them too. */
type Cmd = Command | 'diff' | 'fleet';
/** A small valid bundle the comparing commands set each case against. */
const reference = join(dir, 'reference.tar.gz');
const ARGS: Record<Cmd, (bundle: string) => string[]> = {
  verify: (b) => ['verify', b],
  analyze: (b) => ['analyze', b, '--db', 'out.db', '--format', 'json'],
  query: (b) => ['query', b, 'SELECT COUNT(*) AS n FROM artifacts'],
  redact: (b) => ['redact', b, 'out.tar.gz'],
  diff: (b) => ['diff', b, reference, '--format', 'json'],
  fleet: (b) => ['fleet', reference, b],
};

/** diff and fleet answer as analyze does, except that findings or differences may come either way (0 or 1). */
function exitsOf(c: AdversarialCase, cmd: Cmd): number[] {
  if (cmd !== 'diff' && cmd !== 'fleet') return c.exit[cmd];
  return [...new Set(c.exit.analyze.flatMap((s) => (s <= 1 ? [0, 1] : [s])))];
}
const ALLOWED_OUTPUT = /^(?:out\.db(?:-wal|-shm|-journal)?|out\.tar\.gz(?:\.redaction-map\.json)?|tmp|home)$/;
/** Raw ESC, BEL, CSI (C1) and other controls a terminal acts on; tabs and newlines are fine. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/;

/** Every way one run can break the promises; empty when it keeps them all. */
export function broken(c: AdversarialCase, cmd: Cmd, r: CliRun, work: string): string[] {
  const out: string[] = [];
  const said = `${r.stdout}\n${r.stderr}`;
  const cpu = r.cpuMs ?? r.ms;
  const where = `${c.file} ${cmd}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}, ${Math.round(r.peakRss / MB)} MB, ${cpu} ms of CPU in ${r.ms} ms`;
  if (r.signal || !exitsOf(c, cmd).includes(r.status ?? -1)) out.push(`${where}: expected exit ${exitsOf(c, cmd).join(' or ')}\n${r.stderr.slice(0, 400)}`);
  if (STACK_TRACE.test(said) || /internal error/.test(r.stderr)) out.push(`${where}: crashed\n${r.stderr.slice(0, 600)}`);
  if (RAW_CONTROL.test(said)) out.push(`${where}: printed a raw control character`);
  if (r.peakRss > MEMORY_BOUND) out.push(`${where}: over 300 MB`);
  if (cpu > c.timeMs) out.push(`${where}: over ${c.timeMs} ms`);
  const left = readdirSync(work).filter((f) => !ALLOWED_OUTPUT.test(f));
  if (left.length) out.push(`${where}: wrote ${left.join(', ')} beside its output`);
  for (const d of ['tmp', 'home']) {
    const inside = readdirSync(join(work, d));
    if (inside.length) out.push(`${where}: left ${inside.join(', ')} in ${d === 'tmp' ? 'TMPDIR' : 'HOME'}`);
  }
  if (cmd === 'verify' && c.verifySays && !c.verifySays.test(said)) out.push(`${where}: does not say ${c.verifySays}\n${said.slice(0, 400)}`);
  return out;
}

/** query loads like analyze and adds only its SQL path: it runs on the first case of each category. */
const QUERIED = new Set<string>();

/** Cases seen so far per category: diff and fleet take turns, one of them on every other case. */
const SEEN = new Map<string, number>();

async function runCase(c: AdversarialCase): Promise<string[]> {
  const problems: string[] = [];
  const nth = SEEN.get(c.category) ?? 0;
  SEEN.set(c.category, nth + 1);
  const comparing: Cmd[] = nth % 2 ? [] : [nth % 4 ? 'fleet' : 'diff'];
  const commands = [...(['verify', 'analyze', 'query', 'redact'] as const).filter((cmd) => cmd !== 'query' || !QUERIED.has(c.category) || c.pending), ...comparing];
  QUERIED.add(c.category);
  for (const cmd of commands) {
    const work = join(dir, 'work', `${c.category}-${c.id}-${cmd}`);
    mkdirSync(join(work, 'tmp'), { recursive: true });
    mkdirSync(join(work, 'home'));
    const r = await limited(() =>
      runCli(ARGS[cmd](join(corpus, c.file)), { cwd: work, env: { ...process.env, TMPDIR: join(work, 'tmp'), HOME: join(work, 'home'), FWSNAP_DEBUG: '' }, timeoutMs: c.timeMs * 10 }),
    );
    problems.push(...broken(c, cmd, r, work));
    rmSync(work, { recursive: true, force: true });
  }
  return problems;
}

beforeAll(async () => {
  await writeBundle(reference, GOOD);
  ({ dir: corpus, cases } = await adversarialCorpus());
  before = readdirSync(corpus).sort();
}, 1_200_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('adversarial bundles', () => {
  it('cover every category with cases', () => {
    const by = new Map<string, number>();
    for (const c of cases) by.set(c.category, (by.get(c.category) ?? 0) + 1);
    expect([...by.keys()].sort()).toEqual(['contents', 'gzip', 'manifest', 'sizes', 'tar']);
    for (const n of by.values()) expect(n).toBeGreaterThanOrEqual(2);
  });

  it('every case keeps every promise (cases waiting for other work excepted: see the next test)', async () => {
    // FWSNAP_ADVERSARIAL_ONLY=REGEX runs only the cases whose file name matches (while working on them).
    const only = process.env.FWSNAP_ADVERSARIAL_ONLY ? new RegExp(process.env.FWSNAP_ADVERSARIAL_ONLY) : undefined;
    const chosen = cases.filter((c) => (!c.pending || process.env.FWSNAP_ADVERSARIAL_ALL) && (!only || only.test(c.file)));
    const results = await Promise.all(chosen.map(async (c) => runCase(c)));
    expect(results.flat()).toEqual([]);
    expect(readdirSync(corpus).sort()).toEqual(before);
    expect(existsSync('/tmp/fwsnap-adversarial-evil')).toBe(false);
    // Some 300 runs: minutes on a quiet machine, most of an hour at a load of 20 on two cores.
  }, 3_600_000);

  // A case that waits for other work is marked `pending` and breaks a promise until that work lands; when
  // it stops breaking any, this test fails and the mark must go. FWSNAP_ADVERSARIAL_ALL=1 runs them with the
  // others. (None is pending today.)
  it.skipIf(Boolean(process.env.FWSNAP_ADVERSARIAL_ALL))('cases waiting for other work still break a promise each (remove the mark of any that does not)', async () => {
    const results = await Promise.all(cases.filter((c) => c.pending).map(async (c) => ({ c, broken: await runCase(c) })));
    expect(results.filter((r) => r.broken.length === 0).map((r) => `${r.c.file}: ${r.c.pending}`)).toEqual([]);
  }, 1_200_000);
});
