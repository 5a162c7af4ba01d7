/**
 * Analysis cost against the number of devices: captured trees with N devices of each chosen class (by default N ATA
 * disks, each behind its own AHCI port with IDENTIFY, trim, link, host and block queue files, and N PCI functions),
 * written by the classes' fake-host parts through their "many devices" hook, are collected with `fwsnap collect
 * --root`, then analysed with `fwsnap analyze`; the time per device is compared between N = 300 and N = 3,000
 * (target: ratio under 1.5, i.e. linear). Medians of three analyses each.
 * Run: npm run build && node dist/bench/analyze-scaling.js [small] [large] [--classes ata,pci] [--seed N]
 * With FWSNAP_BENCH_BASE=<another build's dist/>, that build analyses the same bundles too, alternating.
 */
import { baseBuild } from './stats.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildManyDevices, describeMany, parseManyClasses } from '../collector/fake-host/many.js';
import { benchArgs } from './many-args.js';

const { positional, classes, seed } = benchArgs(process.argv.slice(2), 'ata,pci', 'node dist/bench/analyze-scaling.js [small] [large] [--classes ata,pci] [--seed N]', 1);
const SMALL = Number(positional[0] ?? 300);
const LARGE = Number(positional[1] ?? 3000);
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
const base = baseBuild();

const GNU_TIME = existsSync('/usr/bin/time');

/** Wall time, and CPU time (user + system, from GNU time) which a busy machine disturbs far less. */
function run(args: string[], main = cli): { ms: number; cpuMs: number; stdout: string } {
  const t0 = performance.now();
  const argv = GNU_TIME ? ['/usr/bin/time', '-f', 'CPU %U %S', process.execPath, main, ...args] : [process.execPath, main, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1 && !(args[0] === "analyze" && r.status === 3)) throw new Error(`fwsnap ${args[0]} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : ms, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Milliseconds of wall and CPU time per device, this build's and the base build's. */
type PerDevice = { wall: number; cpu: number; base?: { wall: number; cpu: number } };

function measure(n: number): PerDevice {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-scale-'));
  try {
    const written = buildManyDevices(join(dir, 'root'), parseManyClasses(classes, n), { seed });
    const bundle = join(dir, 'b.tar.gz');
    const c = run(['collect', '--root', join(dir, 'root'), '--only', written.map((w) => w.kind.class).join(','), '-o', bundle, '--timeout', '120']);
    const args = ['analyze', bundle, '--format', 'json', '--min-severity', 'info'];
    const runs: ReturnType<typeof run>[] = [];
    const baseRuns: ReturnType<typeof run>[] = [];
    // Which build goes first changes from round to round: on a busy machine the first of a pair ran slower.
    for (let i = 0; i < (process.env.FWSNAP_BENCH_KEEP ? 1 : 3); i++) {
      if (base && i % 2) baseRuns.push(run(args, base.cli));
      runs.push(run(args));
      if (base && !(i % 2)) baseRuns.push(run(args, base.cli));
    }
    const report = JSON.parse(runs[0]!.stdout) as { findings?: unknown[] };
    const devices = written.reduce((a, w) => a + w.count, 0);
    const perDevice = (rs: ReturnType<typeof run>[], who: string): { wall: number; cpu: number } => {
      const ms = median(rs.map((r) => r.ms));
      const cpu = median(rs.map((r) => r.cpuMs));
      console.log(`${who}analyze median wall ${(ms / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s; per device ${(ms / devices).toFixed(2)} ms wall, ${(cpu / devices).toFixed(2)} ms CPU`);
      return { wall: ms / devices, cpu: cpu / devices };
    };
    console.log(`${describeMany(written)}: collect ${(c.ms / 1000).toFixed(1)} s; ${report.findings?.length ?? '?'} findings`);
    const mine = perDevice(runs, '  ');
    return base ? { ...mine, base: perDevice(baseRuns, '  base build, alternating: ') } : mine;
  } finally {
    if (process.env.FWSNAP_BENCH_KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const small = measure(SMALL);
const large = measure(LARGE);
const wall = large.wall / small.wall;
const cpu = large.cpu / small.cpu;
console.log(`time per device at ${LARGE} / at ${SMALL}: wall ${wall.toFixed(2)}, CPU ${cpu.toFixed(2)} (target < 1.5): ${cpu < 1.5 ? 'met' : 'NOT met'}`);
if (small.base && large.base) console.log(`  base build: wall ${(large.base.wall / small.base.wall).toFixed(2)}, CPU ${(large.base.cpu / small.base.cpu).toFixed(2)}`);
