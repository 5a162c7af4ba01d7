import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The CLI under test; FWSNAP_TEST_CLI points the suite at another build (e.g. to see a test fail before a fix). */
export const CLI = resolve(process.env.FWSNAP_TEST_CLI ?? 'dist/cli/main.js');
const TIME = '/usr/bin/time';

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the CLI process, in bytes. */
  peakRss: number;
  ms: number;
  /**
   * CPU time (user and system) of the CLI and the processes it waited for, in ms, under GNU time; undefined without
   * it. Unlike `ms`, it does not grow with the machine's load: a bound on what a run costs is a bound on this.
   */
  cpuMs?: number;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Sends SIGKILL after this many ms (a kill at a chosen point). */
  killAfterMs?: number;
  input?: string;
}

const statusRss = (pid: number): number => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

/**
 * Runs the built CLI in a child process and measures its peak RSS: with GNU time's %M where it is
 * installed (exact), otherwise by polling VmHWM in /proc/<pid>/status (a lower bound of the peak).
 */
export function runCli(args: string[], o: CliOptions = {}): Promise<CliRun> {
  const viaTime = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-rss-'));
  const rssFile = join(dir, 'rss');
  const argv = viaTime ? [TIME, '-f', '%U %S %M', '-o', rssFile, process.execPath, CLI, ...args] : [process.execPath, CLI, ...args];
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd, env: o.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polled = 0;
    child.stdout.on('data', (d: Buffer) => (stdout.length < 4_000_000 ? (stdout += d.toString()) : undefined));
    child.stderr.on('data', (d: Buffer) => (stderr.length < 4_000_000 ? (stderr += d.toString()) : undefined));
    child.stdin.on('error', () => undefined);
    child.stdin.end(o.input ?? '');
    const poll = viaTime ? undefined : setInterval(() => (polled = Math.max(polled, statusRss(child.pid!))), 10);
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    const killer = o.killAfterMs !== undefined ? setTimeout(() => killTree(child.pid!), o.killAfterMs) : undefined;
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      if (poll) clearInterval(poll);
      let peakRss = polled;
      let cpuMs: number | undefined;
      let st = status;
      let sig = signal;
      if (viaTime) {
        const text = existsSync(rssFile) ? readFileSync(rssFile, 'utf8') : '';
        const last = /(\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(text.trim());
        peakRss = Number(last?.[3] ?? 0) * 1024;
        if (last) cpuMs = Math.round((Number(last[1]) + Number(last[2])) * 1000);
        const killed = /terminated by signal (\d+)/.exec(text);
        if (killed) {
          st = null;
          sig = Number(killed[1]) === 9 ? 'SIGKILL' : (`SIG${killed[1]}` as NodeJS.Signals);
        }
      }
      rmSync(dir, { recursive: true, force: true });
      done({ status: st, signal: sig, stdout, stderr, peakRss, ms: Date.now() - t0, cpuMs });
    });
  });
}

/** SIGKILL the CLI itself (under GNU time it is the child of the time process). */
function killTree(pid: number): void {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    for (const k of kids) process.kill(k, 'SIGKILL');
    if (!kids.length) process.kill(pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Anything that looks like a JavaScript stack trace or an uncaught error. */
export const STACK_TRACE = /^\s+at .+[:(]\d+|\n\s+at [\w.<>]+ \(|node:internal|Uncaught|TypeError|RangeError|ReferenceError/m;

export const MB = 1024 * 1024;
export const MEMORY_BOUND = 300 * MB;
