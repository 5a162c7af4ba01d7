import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { buildOutOfTreeModule, cachedModulePath, findModuleBuildInputs, sourceSeries, type OutOfTreeModule } from './kernel-module.js';
import { findOnPath } from './prereqs.js';

const MOD: OutOfTreeModule = { name: 'fakemod', folder: 'drivers/misc/fakemod', config: 'CONFIG_FAKEMOD' };

/**
 * A source tarball laid out like Debian's linux-source (one top folder) and a headers folder whose Makefile stands in
 * for kbuild: it checks the Kconfig symbol and the M= folder it is given and "builds" the module as a copy of an ELF
 * file (so that strip has something to work on).
 */
function fakeKernel(dir: string, opts: { brokenBuild?: boolean } = {}): { headers: string; sourceTarball: string } {
  const src = join(dir, 'src/linux-source-9.9');
  mkdirSync(join(src, MOD.folder), { recursive: true });
  writeFileSync(join(src, MOD.folder, 'Makefile'), 'obj-$(CONFIG_FAKEMOD) += fakemod.o\n');
  mkdirSync(join(src, 'drivers/other'), { recursive: true });
  writeFileSync(join(src, 'drivers/other/Makefile'), 'not unpacked\n');
  const sourceTarball = join(dir, 'linux-source-9.9.tar.xz');
  execFileSync('tar', ['-c', '-J', '-f', sourceTarball, '-C', join(dir, 'src'), 'linux-source-9.9']);
  const headers = join(dir, 'headers');
  mkdirSync(headers);
  const elf = process.execPath;
  writeFileSync(join(headers, 'Makefile'), opts.brokenBuild
    ? 'modules:\n\t@echo "error: implicit declaration of function" >&2; exit 2\n'
    : `modules:\n\ttest "$(CONFIG_FAKEMOD)" = m\n\ttest -f $(M)/Makefile\n\ttest ! -e $(M)/../other\n\tcp ${elf} $(M)/fakemod.ko\n`);
  return { headers, sourceTarball };
}

const canBuild = ['tar', 'xz', 'make', 'strip'].every((t) => findOnPath(t));

describe('out-of-tree kernel modules for the lab guest', () => {
  it('names the source package series of a Debian kernel version', () => {
    expect(sourceSeries('6.1.0-57-amd64')).toBe('6.1');
    expect(sourceSeries('6.12.48+deb13-amd64')).toBe('6.12');
    expect(sourceSeries('vmlinuz')).toBeUndefined();
  });

  it('finds the headers and the source tarball of a kernel version, or says which packages are missing', () => {
    const dir = tempDir();
    const modules = join(dir, 'modules');
    const src = join(dir, 'src');
    mkdirSync(src);
    const none = findModuleBuildInputs('6.1.0-57-amd64', modules, src);
    expect('missing' in none && none.missing.join('; ')).toMatch(/headers of 6\.1\.0-57-amd64.*linux-headers-amd64.*linux-source-6\.1\.tar\.xz \(linux-source\)/);
    mkdirSync(join(modules, '6.1.0-57-amd64/build'), { recursive: true });
    writeFileSync(join(modules, '6.1.0-57-amd64/build/Makefile'), '');
    writeFileSync(join(src, 'linux-source-6.1.tar.xz'), '');
    writeFileSync(join(src, 'linux-source-6.12.tar.xz'), '');
    const found = findModuleBuildInputs('6.1.0-57-amd64', modules, src);
    if (canBuild) expect(found).toEqual({ headers: join(modules, '6.1.0-57-amd64/build'), sourceTarball: join(src, 'linux-source-6.1.tar.xz') });
  });

  it('takes a module an earlier run built for the same kernel version from the cache, building nothing', async () => {
    const cache = tempDir();
    const cached = cachedModulePath(cache, '6.1.0-57-amd64', MOD.name);
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, 'built before');
    const inputs = { headers: join(cache, 'no-headers'), sourceTarball: join(cache, 'no-source.tar.xz') };
    await expect(buildOutOfTreeModule(MOD, '6.1.0-57-amd64', inputs, cache, 10_000)).resolves.toBe(cached);
    expect(cachedModulePath(cache, '6.1.0-58-amd64', MOD.name)).not.toBe(cached);
  });

  it.runIf(canBuild)('unpacks only the module\'s folder, builds it against the headers with its symbol set to m, and caches it', async () => {
    const dir = tempDir();
    const ko = await buildOutOfTreeModule(MOD, '9.9.0-1-amd64', fakeKernel(dir), join(dir, 'cache'), 60_000);
    expect(ko).toBe(cachedModulePath(join(dir, 'cache'), '9.9.0-1-amd64', MOD.name));
    expect(readFileSync(ko).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  }, 60_000);

  it.runIf(canBuild)('a failed build says which command failed and what the compiler said, and caches nothing', async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    await expect(buildOutOfTreeModule(MOD, '9.9.0-1-amd64', fakeKernel(dir, { brokenBuild: true }), cache, 60_000)).rejects.toThrow(/make .*CONFIG_FAKEMOD=m modules exited 2:\n.*implicit declaration/);
    expect(existsSync(cachedModulePath(cache, '9.9.0-1-amd64', MOD.name))).toBe(false);
  }, 60_000);
});
