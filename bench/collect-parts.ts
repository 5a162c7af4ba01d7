/**
 * Where the time of `fwsnap collect` on this host goes (docs/benchmarks.md, "collect start-up"), medians over N
 * runs, wall and CPU (GNU time) side by side:
 * - a bare Node start (`node -e 0`): what the collector and each worker pay before any of fwsnap's code runs, in
 *   the environment they get (without NODE_EXTRA_CA_CERTS, which the launcher unsets; when it is set here, a start
 *   with it is timed too: Node reads every certificate it names first);
 * - a worker's start: `node dist/collector/run/worker-main.cjs` given a parent pid that is not its parent, so it
 *   exits as soon as its module and koffi (loaded for the parent-death signal) are in;
 * - `fwsnap collect` itself through npm's bin (the launcher bin/fwsnap, which starts the first worker beside the
 *   collector), and through `node dist/cli/main.js` (the collector forks it), and each source's duration as the
 *   launcher's manifest records it (the first source is sent to that worker as soon as the collector starts, and
 *   its duration counts from then, including the part of the worker's start it waited for; sources of plain reads
 *   run in the collector itself meanwhile, collector/run/plain-reads.ts).
 * Run as root: npm run build && node dist/bench/collect-parts.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readBundle } from '../bundle/reader.js';
import { median, timeCommand } from './stats.js';

const runs = Number(process.argv[2] ?? 9);
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const launcher = resolve(new URL('../../bin/fwsnap', import.meta.url).pathname);
const worker = resolve(new URL('../collector/run/worker-main.cjs', import.meta.url).pathname);
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();

const rows = new Map<string, { wall: number[]; cpu: number[] }>();
const add = (what: string, wall: number, cpu = NaN): void => {
  const r = rows.get(what) ?? { wall: [], cpu: [] };
  r.wall.push(wall);
  r.cpu.push(cpu);
  rows.set(what, r);
};

const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
const { NODE_EXTRA_CA_CERTS: _certs, ...startEnv } = process.env;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-collect-parts-'));
try {
  for (let i = 0; i < runs; i++) {
    const bare = timeCommand([process.execPath, '-e', '0'], startEnv);
    add('Node start (node -e 0)', bare.ms, bare.cpuMs);
    if (extraCerts) {
      const withCerts = timeCommand([process.execPath, '-e', '0']);
      add('  the same with NODE_EXTRA_CA_CERTS as set here', withCerts.ms, withCerts.cpuMs);
    }
    // Parent pid 1 is never a worker's parent: it loads, arms the parent-death signal and exits with status 1.
    const w = timeCommand([process.execPath, worker, '1'], startEnv);
    add('worker start (Node, worker module, koffi)', w.ms, w.cpuMs);
    const out = join(dir, `b${i}.tar.gz`);
    const n = timeCommand([process.execPath, cli, 'collect', '-q', '--force', '-o', out]);
    if (n.status !== 0) throw new Error(`fwsnap collect failed: ${n.stderr}`);
    add('node dist/cli/main.js collect, in all', n.ms, n.cpuMs);
    const c = timeCommand([launcher, 'collect', '-q', '--force', '-o', out]);
    if (c.status !== 0) throw new Error(`fwsnap collect failed: ${c.stderr}`);
    add('fwsnap collect (the launcher), in all', c.ms, c.cpuMs);
    const b = await readBundle(out, () => undefined);
    for (const s of b.manifest?.sources ?? []) add(`  source ${s.name}${s.status === 'skipped' ? ' (skipped)' : ''}`, s.durationMs);
    rmSync(out);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (spawnSync('/usr/bin/time', ['--version']).status !== 0) console.log('(no GNU time: CPU not measured)');
console.log(`${runs} runs; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`);
const ms = (x: number): string => (Number.isNaN(x) ? '' : `${x.toFixed(0)} ms`);
for (const [what, r] of rows) console.log(`${what.padEnd(48)} wall ${ms(median(r.wall)).padStart(8)}   CPU ${ms(median(r.cpu)).padStart(8)}`);
