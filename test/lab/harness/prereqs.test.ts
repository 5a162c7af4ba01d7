import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStaticElf } from './initramfs.js';
import { compareKernelVersions, findGuestKernel, findOvmf } from './prereqs.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lab-prereqs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lab prerequisites', () => {
  it('orders Debian kernel versions numerically', () => {
    expect(['6.1.0-10-amd64', '6.1.0-9-amd64', '5.10.0-30-amd64'].sort(compareKernelVersions)).toEqual(['5.10.0-30-amd64', '6.1.0-9-amd64', '6.1.0-10-amd64']);
  });

  it('picks the newest kernel image whose modules are installed', () => {
    const boot = join(dir, 'boot');
    const modules = join(dir, 'modules');
    mkdirSync(boot);
    for (const v of ['6.1.0-9-amd64', '6.1.0-10-amd64', '6.12.0-1-amd64']) writeFileSync(join(boot, `vmlinuz-${v}`), '');
    for (const v of ['6.1.0-9-amd64', '6.1.0-10-amd64']) {
      mkdirSync(join(modules, v), { recursive: true });
      writeFileSync(join(modules, v, 'modules.dep'), '');
    }
    expect(findGuestKernel(boot, modules, undefined)?.version).toBe('6.1.0-10-amd64');
    expect(findGuestKernel(boot, modules, '6.1.0-9-amd64')?.image).toBe(join(boot, 'vmlinuz-6.1.0-9-amd64'));
    expect(findGuestKernel(boot, modules, '6.12.0-1-amd64')).toBeUndefined();
    expect(findGuestKernel(join(dir, 'nope'), modules, undefined)).toBeUndefined();
  });

  it('finds OVMF\'s 4 MiB flash images, else the 2 MiB ones, and only as a pair', () => {
    const ovmf = join(dir, 'OVMF');
    mkdirSync(ovmf);
    expect(findOvmf(ovmf)).toBeUndefined();
    writeFileSync(join(ovmf, 'OVMF_CODE.fd'), '');
    writeFileSync(join(ovmf, 'OVMF_VARS.fd'), '');
    writeFileSync(join(ovmf, 'OVMF_CODE_4M.fd'), '');
    expect(findOvmf(ovmf)).toEqual({ code: join(ovmf, 'OVMF_CODE.fd'), varsTemplate: join(ovmf, 'OVMF_VARS.fd') });
    writeFileSync(join(ovmf, 'OVMF_VARS_4M.fd'), '');
    expect(findOvmf(ovmf)).toEqual({ code: join(ovmf, 'OVMF_CODE_4M.fd'), varsTemplate: join(ovmf, 'OVMF_VARS_4M.fd') });
  });

  it('tells a static executable from a dynamic one', () => {
    expect(isStaticElf(readFileSync(process.execPath))).toBe(false);
    expect(isStaticElf(Buffer.from('#!/bin/sh\n'))).toBe(false);
    // A minimal ELF64 header with one PT_LOAD program header and no PT_INTERP.
    const elf = Buffer.alloc(64 + 56);
    elf.writeUInt32BE(0x7f454c46, 0);
    elf[4] = 2;
    elf.writeBigUInt64LE(64n, 32);
    elf.writeUInt16LE(56, 54);
    elf.writeUInt16LE(1, 56);
    elf.writeUInt32LE(1, 64);
    expect(isStaticElf(elf)).toBe(true);
    elf.writeUInt32LE(3, 64);
    expect(isStaticElf(elf)).toBe(false);
  });
});
