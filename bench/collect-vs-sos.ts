/**
 * Wall time of `fwsnap collect` on this host against `sos report --batch -o pci,networking,hardware,block,nvme`
 * (Debian package sosreport), alternating runs in this one process so both see the same machine load.
 * Target: fwsnap's median at most one tenth of sos's. Run as root: npm run build && node dist/bench/collect-vs-sos.js [rounds]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, timeCommand, verdict } from './stats.js';

const rounds = Number(process.argv[2] ?? 3);
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
if (spawnSync('sos', ['--help']).error) {
  console.error('sos is not installed (apt-get install sosreport); nothing to compare against');
  process.exit(2);
}
const fw: number[] = [];
const sos: number[] = [];
for (let i = 0; i < rounds; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-vs-sos-'));
  try {
    const a = timeCommand([process.execPath, cli, 'collect', '-o', join(dir, 'b.tar.gz')]);
    if (a.status !== 0) throw new Error(`fwsnap collect failed: ${a.stderr}`);
    fw.push(a.ms);
    const b = timeCommand(['sos', 'report', '--batch', '-o', 'pci,networking,hardware,block,nvme', '--tmp-dir', dir]);
    if (b.status !== 0) throw new Error(`sos report failed: ${b.stderr.slice(-500)}`);
    sos.push(b.ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const ratio = median(fw) / median(sos);
console.log(`fwsnap collect: median ${median(fw).toFixed(0)} ms; sos report (same plugins): median ${median(sos).toFixed(0)} ms; ${rounds} alternating rounds`);
console.log(`ratio fwsnap/sos = ${ratio.toFixed(3)}; target ≤ 0.100: ${verdict(ratio <= 0.1)}`);
