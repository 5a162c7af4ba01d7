import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';

export const CLI = resolve('dist/cli/main.js');
export const FAKEHOST = await fakehostRoot();

export function ensureBuilt(): void {
  if (!existsSync(CLI)) spawnSync('npm', ['run', 'build'], { stdio: 'ignore' });
}

export function fwsnap(args: string[], opts: { cwd?: string; timeout?: number } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: opts.cwd, timeout: opts.timeout ?? 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs fwsnap on a real pseudo-terminal (util-linux script), as a person at a terminal would; returns what it printed. */
export function fwsnapOnTerminal(args: string[], env: Record<string, string> = {}): string {
  const line = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm', ...env }, timeout: 120_000 });
  if (r.status === null) throw new Error(`script: ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}
