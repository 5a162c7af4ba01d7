/**
 * Analysis cost against the number of devices: captured trees with N devices of each chosen class (by default N ATA
 * disks, each behind its own AHCI port with IDENTIFY, trim, link, host and block queue files, and N PCI functions),
 * written by the classes' fake-host parts through their "many devices" hook, are collected with `fwsnap collect
 * --root`, then analysed with `fwsnap analyze`; the time per device is compared between N = 300 and N = 3,000
 * (target: ratio under 1.5, i.e. linear). Medians of three analyses each.
 * Run: npm run build && node dist/bench/analyze-scaling.js [small] [large] [--classes ata,pci] [--seed N]
 */
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

const GNU_TIME = existsSync('/usr/bin/time');

/** Wall time, and CPU time (user + system, from GNU time) which a busy machine disturbs far less. */
function run(args: string[]): { ms: number; cpuMs: number; stdout: string } {
  const t0 = performance.now();
  const argv = GNU_TIME ? ['/usr/bin/time', '-f', 'CPU %U %S', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1 && !(args[0] === "analyze" && r.status === 3)) throw new Error(`fwsnap ${args[0]} failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : ms, stdout: r.stdout };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(n: number): { wall: number; cpu: number } {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-scale-'));
  try {
    const written = buildManyDevices(join(dir, 'root'), parseManyClasses(classes, n), { seed });
    const bundle = join(dir, 'b.tar.gz');
    const c = run(['collect', '--root', join(dir, 'root'), '--only', written.map((w) => w.kind.class).join(','), '-o', bundle, '--timeout', '120']);
    const runs = (process.env.FWSNAP_BENCH_KEEP ? [0] : [0, 1, 2]).map(() => run(['analyze', bundle, '--format', 'json', '--min-severity', 'info']));
    const report = JSON.parse(runs[0]!.stdout) as { findings?: unknown[] };
    const devices = written.reduce((a, w) => a + w.count, 0);
    const ms = median(runs.map((r) => r.ms));
    const cpu = median(runs.map((r) => r.cpuMs));
    console.log(`${describeMany(written)}: collect ${(c.ms / 1000).toFixed(1)} s; analyze median wall ${(ms / 1000).toFixed(2)} s, CPU ${(cpu / 1000).toFixed(2)} s; per device ${(ms / devices).toFixed(2)} ms wall, ${(cpu / devices).toFixed(2)} ms CPU; ${report.findings?.length ?? '?'} findings`);
    return { wall: ms / devices, cpu: cpu / devices };
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
