import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { findOnPath } from './prereqs.js';
import { loadOrder, moduleBytes, moduleName, parseModuleIndex, readModuleIndex } from './modules.js';
import { findGuestKernel } from './prereqs.js';
import { ROOT_MODULES } from './initramfs.js';

/** An excerpt of Debian 6.1's modules.dep (the lines the lab's initramfs needs), shuffled, one compressed. */
const DEP = `kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko
kernel/drivers/virtio/virtio_pci.ko: kernel/drivers/virtio/virtio_pci_legacy_dev.ko kernel/drivers/virtio/virtio_pci_modern_dev.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
kernel/net/9p/9pnet_virtio.ko.xz: kernel/net/9p/9pnet.ko kernel/drivers/virtio/virtio.ko kernel/drivers/virtio/virtio_ring.ko
kernel/net/9p/9pnet.ko:
kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko
kernel/fs/netfs/netfs.ko:
kernel/drivers/virtio/virtio.ko:
kernel/drivers/virtio/virtio_ring.ko:
kernel/drivers/virtio/virtio_pci_modern_dev.ko:
kernel/drivers/virtio/virtio_pci_legacy_dev.ko:
kernel/drivers/nvme/host/nvme-core.ko:
`;

describe('kernel module load order from modules.dep', () => {
  it('names modules as the kernel does', () => {
    expect(moduleName('kernel/net/9p/9pnet_virtio.ko.xz')).toBe('9pnet_virtio');
    expect(moduleName('kernel/drivers/nvme/host/nvme-core.ko.zst')).toBe('nvme_core');
  });

  it('puts every dependency before the module that needs it', () => {
    const order = loadOrder(parseModuleIndex(DEP), ROOT_MODULES);
    expect(new Set(order).size).toBe(order.length);
    expect(order).toHaveLength(10);
    const index = parseModuleIndex(DEP);
    for (const [i, m] of order.entries()) for (const d of index.deps.get(m)!) expect(order.indexOf(d)).toBeLessThan(i);
    expect(order.at(-1)).toBe('9p');
  });

  it('leaves built-in modules out', () => {
    const order = loadOrder(parseModuleIndex(DEP, 'kernel/fs/netfs/netfs.ko\nkernel/fs/fscache/fscache.ko\n'), ['9p']);
    expect(order).toEqual(['9pnet', '9p']);
  });

  it('names a module the kernel lacks, and who needed it', () => {
    const dep = 'kernel/a.ko: kernel/b.ko\n';
    expect(() => loadOrder(parseModuleIndex(dep), ['a'])).toThrow(/module b is neither in modules.dep nor built in \(needed by a\)/);
    expect(() => loadOrder(parseModuleIndex(dep), ['zzz'])).toThrow(/module zzz is neither in modules.dep nor built in \(needed by the lab\)/);
  });

  it('reports a dependency cycle instead of looping', () => {
    expect(() => loadOrder(parseModuleIndex('a.ko: b.ko\nb.ko: a.ko\n'), ['a'])).toThrow(/cycle: a → b → a/);
  });

  it('refuses a modules.dep line without "file:"', () => {
    expect(() => parseModuleIndex('kernel/a.ko\n')).toThrow(/line 1 has no "file:" prefix/);
  });

  const kernel = findGuestKernel();
  it.runIf(kernel !== undefined && existsSync(`${kernel?.modulesDir}/modules.dep`))('resolves the root modules of the installed guest kernel', () => {
    const order = loadOrder(readModuleIndex(kernel!.modulesDir), ROOT_MODULES);
    expect(order).toContain('virtio_pci');
    expect(order.indexOf('9pnet')).toBeLessThan(order.indexOf('9pnet_virtio'));
  });
});

describe('kernel module files for the initramfs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lab-modules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60, 7)]);

  it('passes a plain .ko through and unpacks .ko.gz', () => {
    writeFileSync(join(dir, 'a.ko'), elf);
    writeFileSync(join(dir, 'b.ko.gz'), gzipSync(elf));
    expect(moduleBytes(join(dir, 'a.ko')).equals(elf)).toBe(true);
    expect(moduleBytes(join(dir, 'b.ko.gz')).equals(elf)).toBe(true);
  });

  for (const tool of ['xz', 'zstd'] as const) {
    it.runIf(findOnPath(tool) !== undefined)(`unpacks .ko.${tool === 'xz' ? 'xz' : 'zst'} with ${tool}`, () => {
      const path = join(dir, `c.ko.${tool === 'xz' ? 'xz' : 'zst'}`);
      writeFileSync(path, spawnSync(tool, ['-c'], { input: elf }).stdout);
      expect(moduleBytes(path).equals(elf)).toBe(true);
    });
  }

  it('names the file whose compression it does not know, or that does not unpack', () => {
    expect(() => moduleBytes(join(dir, 'd.ko.lz4'))).toThrow(/d\.ko\.lz4: unknown kernel module compression/);
    writeFileSync(join(dir, 'e.ko.xz'), 'not xz');
    expect(() => moduleBytes(join(dir, 'e.ko.xz'))).toThrow(/e\.ko\.xz: (xz -dc failed|cannot run xz)/);
  });
});
