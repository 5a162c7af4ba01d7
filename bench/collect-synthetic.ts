/**
 * Collection at scale: a synthetic --root tree (by default 2,000 PCI functions and 500 network interfaces on them),
 * written by the classes' fake-host parts through their "many devices" hook, is collected with the built CLI
 * (`fwsnap collect --root`, every source), and wall time and peak memory are compared with the targets (≤ 5 s,
 * ≤ 200 MB). Peak memory is reported twice: GNU time's largest single process, and the largest sum over the whole
 * process tree (the CLI plus its source workers), sampled every 20 ms.
 * Run: npm run build && node dist/bench/collect-synthetic.js [--classes pci=2000,nic=500] [--seed N]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildManyDevices, describeMany, parseManyClasses } from '../collector/fake-host/many.js';
import { benchArgs } from './many-args.js';

const { positional, classes, seed } = benchArgs(process.argv.slice(2), 'pci=2000,nic=500', 'node dist/bench/collect-synthetic.js [--classes pci=2000,nic=500] [--seed N]');
if (positional.length) {
  process.stderr.write('the device counts go with their classes now: --classes pci=2000,nic=500\n');
  process.exit(2);
}
const TARGET_MS = 5000;
const TARGET_MB = 200;
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);

/** Resident memory (kB) of a process and all its descendants, from /proc. */
function treeRssKb(rootPid: number | undefined): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const status = readFileSync(`/proc/${e}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(e), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(e));
    } catch {
      /* the process ended meanwhile */
    }
  }
  let sum = 0;
  if (rootPid === undefined) return 0;
  for (const stack = [rootPid]; stack.length; ) {
    const pid = stack.pop()!;
    sum += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

interface Run {
  ms: number;
  status: number | null;
  stdout: string;
  stderr: string;
  maxRssKb: number;
  peakTreeKb: number;
}

function run(argv: string[]): Promise<Run> {
  return new Promise((resolvePromise) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '__MAXRSS__ %M', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakTreeKb = 0;
    const sampler = setInterval(() => (peakTreeKb = Math.max(peakTreeKb, treeRssKb(child.pid))), 20);
    child.on('close', (status) => {
      clearInterval(sampler);
      const ms = performance.now() - t0;
      resolvePromise({ ms, status, stdout, stderr, maxRssKb: Number(/__MAXRSS__ (\d+)/.exec(stderr)?.[1] ?? NaN), peakTreeKb });
    });
  });
}

// FWSNAP_BENCH_TREE=DIR keeps the synthetic tree in DIR (built once, reused by later runs).
const kept = process.env.FWSNAP_BENCH_TREE;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-bench-collect-'));
const root = kept ?? join(dir, 'root');
try {
  const t0 = performance.now();
  const wanted = parseManyClasses(classes, undefined);
  if (!kept || !existsSync(join(root, 'sys'))) buildManyDevices(root, wanted, { seed });
  console.log(`synthetic tree: ${describeMany(wanted)}, ready in ${(performance.now() - t0).toFixed(0)} ms`);
  const r = await run([process.execPath, cli, 'collect', '--root', root, '-o', join(dir, 'out.tar.gz')]);
  if (r.status !== 0) throw new Error(`collect failed (${r.status}): ${r.stderr}`);
  process.stdout.write(r.stdout.replace(/^bundle: .*$/m, '').trimEnd() + '\n');
  const mb = (kb: number): string => (kb / 1024).toFixed(0);
  const verdict = (kb: number): string => (kb / 1024 <= TARGET_MB ? 'MEETS' : 'MISSES');
  console.log(`wall time: ${r.ms.toFixed(0)} ms; target ≤ ${TARGET_MS} ms: ${r.ms <= TARGET_MS ? 'MEETS' : 'MISSES'} target`);
  // Both readings of "peak memory" are judged: the collector process (which holds the bundle) and the sum over
  // it and its worker processes (each a Node process, ~45 MB before doing anything).
  console.log(`peak RSS, largest process: ${mb(r.maxRssKb)} MB; target ≤ ${TARGET_MB} MB: ${verdict(r.maxRssKb)} target`);
  console.log(`peak RSS, whole process tree (sampled): ${mb(r.peakTreeKb)} MB; target ≤ ${TARGET_MB} MB: ${verdict(r.peakTreeKb)} target`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
