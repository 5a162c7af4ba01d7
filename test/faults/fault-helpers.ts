import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../../bundle/reader.js';
import type { Manifest } from '../../bundle/format.js';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
/** npm's bin: the launcher that starts the first worker beside the collector (bin/fwsnap). */
export const LAUNCHER = fileURLToPath(new URL('../../bin/fwsnap', import.meta.url));
/** How a test starts the CLI: `node dist/cli/main.js`, or the launcher. */
export type Entry = 'node' | 'launcher';
export const isRoot = process.getuid?.() === 0;
/** The unprivileged user the permission tests run the collector as. */
export const NOBODY = 65534;

/** Worker processes and the CLI run from dist/: build it once if a test run starts without it. */
export function ensureBuilt(): void {
  if (!existsSync(new URL('../../dist/collector/run/worker-main.cjs', import.meta.url)) || !existsSync(CLI)) {
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  }
}

/** The setpriv tests run the built CLI as NOBODY: it must be able to reach the project. */
export function checkNobodyCanRunCli(): void {
  try {
    execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, '-e', `require('node:fs').accessSync(${JSON.stringify(CLI)}, 4)`], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(`user ${NOBODY} cannot read ${CLI}: the project directory and its parents must be world-readable for the setpriv tests (${(e as Error).message.split('\n')[0]})`);
  }
}

export type TreeNode = string | { link: string } | { dir: true } | { fifo: true } | { text: string; mode: number };

/** Writes a captured tree: text files, symlinks, directories, FIFOs and files with a given mode. */
export function writeTree(root: string, nodes: Record<string, TreeNode>): void {
  for (const [rel, node] of Object.entries(nodes)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof node === 'string') writeFileSync(path, node);
    else if ('link' in node) symlinkSync(node.link, path);
    else if ('dir' in node) mkdirSync(path, { recursive: true });
    else if ('fifo' in node) execFileSync('mkfifo', [path]);
    else {
      writeFileSync(path, node.text);
      chmodSync(path, node.mode);
    }
  }
}

export interface CliRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node dist/cli/main.js …` (or the launcher), optionally through setpriv as another user. */
export function startCli(args: string[], o: { env?: NodeJS.ProcessEnv; uid?: number; cwd?: string; entry?: Entry } = {}): CliRun {
  const cli = o.entry === 'launcher' ? [LAUNCHER, ...args] : [process.execPath, CLI, ...args];
  const argv = o.uid === undefined ? cli : ['setpriv', `--reuid=${o.uid}`, `--regid=${o.uid}`, '--clear-groups', ...cli];
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...o.env }, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function runCli(args: string[], o: { env?: NodeJS.ProcessEnv; uid?: number; cwd?: string; entry?: Entry } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, o);
  const { code } = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

export async function readManifest(path: string): Promise<Manifest> {
  const r = await readBundle(path, () => undefined);
  if (!r.manifest) throw new Error(`${path} has no readable manifest: ${r.problems.map((p) => p.message).join('; ')}`);
  return r.manifest;
}

/** Pids whose parent is ppid, read from /proc (zombies included). */
export function childPids(ppid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat && stat.ppid === ppid) out.push(Number(name));
  }
  return out;
}

function procStat(pid: number): { state: string; ppid: number; cmdline: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return { state: state!, ppid: Number(ppid), cmdline };
  } catch {
    return undefined;
  }
}

export function cmdlineOf(pid: number): string {
  return procStat(pid)?.cmdline ?? '';
}

/** Gone, or dead and only waiting to be reaped. */
export function isDead(pid: number): boolean {
  const s = procStat(pid);
  return s === undefined || s.state === 'Z' || s.state === 'X';
}

export async function waitFor(what: string, test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
