import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labCacheDir, pruneCache } from './cache.js';
import { loadOrder, moduleBytes, readModuleIndex } from './modules.js';
import type { LabTools } from './prereqs.js';

/** What the initramfs must load before it can mount the host root: virtio PCI transport and the 9p filesystem. */
export const ROOT_MODULES = ['virtio_pci', '9pnet_virtio', '9p'] as const;

export const INIT_SCRIPT = fileURLToPath(new URL('../guest/init', import.meta.url));

const PT_INTERP = 3;

/** True for an ELF executable without a program interpreter, i.e. one that runs without shared libraries. */
export function isStaticElf(bytes: Buffer): boolean {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46 || bytes[4] !== 2) return false;
  const phoff = Number(bytes.readBigUInt64LE(32));
  const phentsize = bytes.readUInt16LE(54);
  const phnum = bytes.readUInt16LE(56);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return false;
    if (bytes.readUInt32LE(at) === PT_INTERP) return false;
  }
  return true;
}


/**
 * Builds (once per kernel version and input content) an uncompressed newc initramfs holding a static
 * busybox, the lab's /init and the root modules (decompressed), and returns its path.
 */
export function buildInitramfs(tools: LabTools): string {
  const busybox = readFileSync(tools.busybox);
  if (!isStaticElf(busybox)) throw new Error(`${tools.busybox} is dynamically linked; the initramfs needs a static busybox (apt-get install busybox-static)`);
  const init = readFileSync(INIT_SCRIPT);
  const index = readModuleIndex(tools.kernel.modulesDir);
  const order = loadOrder(index, ROOT_MODULES);
  const modulePaths = order.map((m) => join(tools.kernel.modulesDir, index.files.get(m)!));

  const hash = createHash('sha256').update(busybox).update(init).update(order.join(' '));
  for (const p of modulePaths) {
    const st = statSync(p);
    hash.update(`${p}\0${st.size}\0${st.mtimeMs}\0`);
  }
  const dir = labCacheDir();
  const target = join(dir, `initramfs-${tools.kernel.version}-${hash.digest('hex').slice(0, 16)}.cpio`);
  if (existsSync(target)) return target;

  mkdirSync(dir, { recursive: true });
  const stage = mkdtempSync(join(dir, 'stage-'));
  try {
    for (const d of ['bin', 'modules', 'proc', 'sys', 'dev', 'newroot']) mkdirSync(join(stage, d));
    writeFileSync(join(stage, 'bin/busybox'), busybox);
    chmodSync(join(stage, 'bin/busybox'), 0o755);
    writeFileSync(join(stage, 'init'), init);
    chmodSync(join(stage, 'init'), 0o755);
    order.forEach((m, i) => writeFileSync(join(stage, 'modules', `${m}.ko`), moduleBytes(modulePaths[i]!)));
    writeFileSync(join(stage, 'modules.order'), order.join('\n') + '\n');
    const list = ['.', 'init', 'modules.order', 'bin', 'bin/busybox', 'modules', ...order.map((m) => `modules/${m}.ko`), 'proc', 'sys', 'dev', 'newroot'];
    const partial = `${target}.${process.pid}.tmp`;
    const r = spawnSync(tools.cpio, ['--quiet', '--force-local', '-o', '-H', 'newc', '-R', '0:0', '-O', partial], { cwd: stage, input: list.join('\n') + '\n' });
    if (r.error || r.status !== 0) throw new Error(`cpio failed building the initramfs: ${r.error?.message ?? r.stderr.toString().trim()}`);
    renameSync(partial, target);
    pruneCache(dir, `initramfs-${tools.kernel.version}-`, target);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return target;
}
