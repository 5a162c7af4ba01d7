import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** modules.dep as a map from module name (e.g. "9pnet_virtio") to its file and direct dependencies. */
export interface ModuleIndex {
  files: Map<string, string>;
  deps: Map<string, string[]>;
  builtin: Set<string>;
}

/** "kernel/net/9p/9pnet_virtio.ko.xz" → "9pnet_virtio"; dashes and underscores are one name to the kernel. */
export function moduleName(file: string): string {
  return basename(file).replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_');
}

/** Parses modules.dep ("file: dep dep …" per line) and modules.builtin (one file per line). */
export function parseModuleIndex(depText: string, builtinText = ''): ModuleIndex {
  const files = new Map<string, string>();
  const deps = new Map<string, string[]>();
  for (const [i, raw] of depText.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`modules.dep line ${i + 1} has no "file:" prefix: ${JSON.stringify(line)}`);
    const file = line.slice(0, colon);
    const name = moduleName(file);
    files.set(name, file);
    deps.set(name, line.slice(colon + 1).split(/\s+/).filter(Boolean).map(moduleName));
  }
  const builtin = new Set(builtinText.split('\n').map((l) => l.trim()).filter(Boolean).map(moduleName));
  return { files, deps, builtin };
}

/**
 * The modules to insert, dependencies first, so that every wanted module can be loaded with a plain
 * insmod. Built-in modules are left out; a wanted module the kernel does not have is an error.
 */
export function loadOrder(index: ModuleIndex, wanted: readonly string[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    if (index.builtin.has(name) || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`module dependency cycle: ${[...chain, name].join(' → ')}`);
    const deps = index.deps.get(name);
    if (!deps) throw new Error(`module ${name} is neither in modules.dep nor built in (needed by ${chain.join(' → ') || 'the lab'})`);
    state.set(name, 'visiting');
    for (const d of deps) visit(d, [...chain, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const w of wanted) visit(moduleName(w), []);
  return order;
}

export function readModuleIndex(modulesDir: string): ModuleIndex {
  let builtin = '';
  try {
    builtin = readFileSync(`${modulesDir}/modules.builtin`, 'utf8');
  } catch {
    // A kernel without modules.builtin simply has nothing built in that we could ask for.
  }
  return parseModuleIndex(readFileSync(`${modulesDir}/modules.dep`, 'utf8'), builtin);
}

/** A module file's ELF bytes: busybox insmod cannot be relied on to decompress .ko.xz / .ko.zst. */
export function moduleBytes(path: string): Buffer {
  if (path.endsWith('.ko')) return readFileSync(path);
  if (path.endsWith('.ko.gz')) return gunzipSync(readFileSync(path));
  const tool = path.endsWith('.ko.xz') ? 'xz' : path.endsWith('.ko.zst') ? 'zstd' : undefined;
  if (!tool) throw new Error(`${path}: unknown kernel module compression`);
  const r = spawnSync(tool, ['-dc', path], { maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw new Error(`${path}: cannot run ${tool} to decompress it (${r.error.message}); install ${tool}`);
  if (r.status !== 0) throw new Error(`${path}: ${tool} -dc failed: ${r.stderr.toString().trim()}`);
  return r.stdout;
}
