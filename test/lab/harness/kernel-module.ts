import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath } from './prereqs.js';

/** A driver the guest kernel was built without, built out of tree from Debian's own kernel source. */
export interface OutOfTreeModule {
  /** The module's name: `<name>.ko` is what the build leaves. */
  name: string;
  /** Its folder in the kernel tree (`drivers/net/<name>`): only this folder is unpacked. */
  folder: string;
  /** The Kconfig symbol its Makefile is gated on (`CONFIG_FOO`), set to m for the build. */
  config: string;
}

/** Where a kernel version's build inputs are: Debian's linux-headers-<version> and linux-source-<major.minor>. */
export interface ModuleBuildInputs {
  headers: string;
  sourceTarball: string;
}

/** Built modules are kept per kernel version: a rerun with the same kernel skips the build. */
export function cachedModulePath(cacheDir: string, kernelVersion: string, name: string): string {
  return join(cacheDir, 'modules', kernelVersion, `${name}.ko`);
}

/** "6.1.0-57-amd64" → "6.1", the version Debian's linux-source-<X.Y> package is named by. */
export function sourceSeries(kernelVersion: string): string | undefined {
  return /^(\d+\.\d+)/.exec(kernelVersion)?.[1];
}

/**
 * The headers and source tarball a kernel version's module is built from, or what is missing (and the Debian
 * packages that give it).
 */
export function findModuleBuildInputs(kernelVersion: string, modules = '/lib/modules', src = '/usr/src'): ModuleBuildInputs | { missing: string[] } {
  const missing: string[] = [];
  const headers = [join(modules, kernelVersion, 'build'), join(src, `linux-headers-${kernelVersion}`)].find((d) => existsSync(join(d, 'Makefile')));
  if (!headers) missing.push(`the headers of ${kernelVersion} (/lib/modules/${kernelVersion}/build: linux-headers-amd64)`);
  const series = sourceSeries(kernelVersion);
  const sourceTarball = series ? ['xz', 'bz2'].map((ext) => join(src, `linux-source-${series}.tar.${ext}`)).find((p) => existsSync(p)) : undefined;
  if (!sourceTarball) missing.push(`Debian's kernel source ${src}/linux-source-${series ?? '<X.Y>'}.tar.xz (linux-source)`);
  // The compiler is the one the headers name (Debian's linux-headers depends on it).
  for (const tool of ['make', 'tar', 'xz']) if (!findOnPath(tool)) missing.push(tool);
  return headers && sourceTarball && missing.length === 0 ? { headers, sourceTarball } : { missing };
}

/** Runs one build command, bounded; rejects with its exit status and the tail of its output. */
function run(argv: string[], cwd: string, deadlineAt: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer): void => {
      output = (output + b.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(0, deadlineAt - Date.now()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${argv.join(' ')} ${signal ? `was killed (${signal}) at the build's deadline` : `exited ${code}`}:\n${output.trim()}`));
    });
  });
}

/**
 * The module built for this kernel version: from the cache when an earlier run built it, else built now from the
 * one folder of Debian's source tarball against the kernel's own headers (its vermagic and symbol versions), with
 * the debug information stripped. Whole build bounded by `timeoutMs`.
 */
export async function buildOutOfTreeModule(mod: OutOfTreeModule, kernelVersion: string, inputs: ModuleBuildInputs, cacheDir: string, timeoutMs: number): Promise<string> {
  const target = cachedModulePath(cacheDir, kernelVersion, mod.name);
  if (existsSync(target)) return target;
  const deadlineAt = Date.now() + timeoutMs;
  mkdirSync(join(cacheDir, 'modules', kernelVersion), { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'modules', `build-${mod.name}-`));
  try {
    // Only the module's folder is unpacked (tar still has to read the whole compressed stream, ~15 s for 6.1).
    const compression = inputs.sourceTarball.endsWith('.bz2') ? '-j' : '-J';
    await run(['tar', '-x', compression, '-f', inputs.sourceTarball, '--wildcards', '--strip-components=1', `*/${mod.folder}/*`], work, deadlineAt);
    const dir = join(work, mod.folder);
    if (!existsSync(join(dir, 'Makefile'))) throw new Error(`${inputs.sourceTarball} has no ${mod.folder}/Makefile`);
    await run(['make', '-s', '-C', inputs.headers, `M=${dir}`, `${mod.config}=m`, 'modules'], work, deadlineAt);
    const built = join(dir, `${mod.name}.ko`);
    if (!existsSync(built)) throw new Error(`the build left no ${mod.name}.ko (${readdirSync(dir).join(', ')})`);
    if (findOnPath('strip')) await run(['strip', '--strip-debug', built], work, deadlineAt);
    renameSync(built, target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
