import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Timed {
  ms: number;
  /** User + system CPU time of the command and the children it waited for (GNU time); NaN without it. */
  cpuMs: number;
  maxRssKb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command under GNU time when present, for wall time and peak resident memory. */
export function timeCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const hasTime = spawnSync('/usr/bin/time', ['--version']).status === 0;
  const cmd = hasTime ? ['/usr/bin/time', '-f', '__MAXRSS__ %M %U %S', ...argv] : argv;
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const m = /__MAXRSS__ (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms,
    cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : NaN,
    maxRssKb: m ? Number(m[1]) : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
  };
}

/**
 * FWSNAP_BENCH_BASE: the dist/ directory of another build (the previous commit's, say). Benches that honour it
 * time that build's CLI in the same rounds, alternating with this one, so both are measured side by side.
 */
export function baseBuild(): { dist: string; cli: string } | undefined {
  const dist = process.env.FWSNAP_BENCH_BASE;
  return dist ? { dist: resolve(dist), cli: join(resolve(dist), 'cli', 'main.js') } : undefined;
}

export const verdict = (ok: boolean): string => (ok ? 'MEETS target' : 'MISSES target');
