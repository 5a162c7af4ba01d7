/**
 * Wall and CPU time of `fwsnap collect` (npm's bin, the launcher bin/fwsnap) on this host against `sos report --batch -o pci,networking,hardware,block,nvme`
 * (Debian package sosreport), alternating runs in this one process so both see the same machine load.
 * Target: fwsnap's median wall time at most 0.07 of sos's. CPU time (user + system of each command and the
 * processes it waited for, GNU time) is printed beside it: on a machine other people load, wall time follows
 * the share of the cores a command gets, CPU time much less so.
 * `node dist/cli/main.js collect` (no launcher: the collector forks its worker once its own Node has started) is
 * timed in the same rounds, for comparison.
 * `--against LAUNCHER` also times another build's bin/fwsnap in the same rounds (a copy of an older build's
 * bin/, dist/, package.json and node_modules), so that two builds are compared under the same load.
 * Run as root: npm run build && node dist/bench/collect-vs-sos.js [rounds] [--against OTHER/bin/fwsnap]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, timeCommand, verdict } from './stats.js';

const TARGET = 0.07;
const args = process.argv.slice(2);
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? resolve(args.splice(againstAt, 2)[1] ?? '') : undefined;
const rounds = Number(args[0] ?? 5);
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const launcher = resolve(new URL('../../bin/fwsnap', import.meta.url).pathname);
if (spawnSync('sos', ['--help']).error) {
  console.error('sos is not installed (apt-get install sosreport); nothing to compare against');
  process.exit(2);
}
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');
const loadBefore = load();
const fw = { wall: [] as number[], cpu: [] as number[] };
const viaNode = { wall: [] as number[], cpu: [] as number[] };
const sos = { wall: [] as number[], cpu: [] as number[] };
const other = { wall: [] as number[], cpu: [] as number[] };
for (let i = 0; i < rounds; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-vs-sos-'));
  try {
    const a = timeCommand([launcher, 'collect', '-o', join(dir, 'b.tar.gz')]);
    if (a.status !== 0) throw new Error(`fwsnap collect failed: ${a.stderr}`);
    fw.wall.push(a.ms);
    fw.cpu.push(a.cpuMs);
    const n = timeCommand([process.execPath, cli, 'collect', '-o', join(dir, 'n.tar.gz')]);
    if (n.status !== 0) throw new Error(`node dist/cli/main.js collect failed: ${n.stderr}`);
    viaNode.wall.push(n.ms);
    viaNode.cpu.push(n.cpuMs);
    if (against) {
      const o = timeCommand([against, 'collect', '-o', join(dir, 'o.tar.gz')]);
      if (o.status !== 0) throw new Error(`${against} collect failed: ${o.stderr}`);
      other.wall.push(o.ms);
      other.cpu.push(o.cpuMs);
    }
    const b = timeCommand(['sos', 'report', '--batch', '-o', 'pci,networking,hardware,block,nvme', '--tmp-dir', dir]);
    if (b.status !== 0) throw new Error(`sos report failed: ${b.stderr.slice(-500)}`);
    sos.wall.push(b.ms);
    sos.cpu.push(b.cpuMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const ratio = median(fw.wall) / median(sos.wall);
const cpuRatio = median(fw.cpu) / median(sos.cpu);
const ms = (x: number): string => `${x.toFixed(0)} ms`;
console.log(`${rounds} alternating rounds; load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`);
// Node reads every certificate NODE_EXTRA_CA_CERTS names before any script; fwsnap's launcher and forked workers drop it.
console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'is set here (fwsnap collect starts its processes without it)' : 'is not set'}`);
console.log(`fwsnap collect: wall median ${ms(median(fw.wall))} (min ${ms(Math.min(...fw.wall))}), CPU median ${ms(median(fw.cpu))}`);
console.log(`  (node dist/cli/main.js collect, no launcher: wall median ${ms(median(viaNode.wall))}, CPU median ${ms(median(viaNode.cpu))}; ratio ${(median(viaNode.wall) / median(sos.wall)).toFixed(3)})`);
if (against) console.log(`  (${against}, same rounds: wall median ${ms(median(other.wall))} (min ${ms(Math.min(...other.wall))}), CPU median ${ms(median(other.cpu))}; ratio ${(median(other.wall) / median(sos.wall)).toFixed(3)}, CPU ratio ${(median(other.cpu) / median(sos.cpu)).toFixed(3)})`);
console.log(`sos report (same plugins): wall median ${ms(median(sos.wall))} (min ${ms(Math.min(...sos.wall))}), CPU median ${ms(median(sos.cpu))}`);
console.log(`wall ratio fwsnap/sos = ${ratio.toFixed(3)}; target ≤ ${TARGET}: ${verdict(ratio <= TARGET)}`);
console.log(`CPU ratio fwsnap/sos = ${cpuRatio.toFixed(3)} (no target; read it when the machine is loaded)`);
