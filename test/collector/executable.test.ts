import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FAKEHOST, fwsnap } from '../cli/cli-helpers.js';

/** The single-file collector (npm run build:collector) on a PATH without node. */
describe('the single-file collector', () => {
  const exe = resolve(`dist-exe/fwsnap-collector-linux-${process.arch}`);
  let dir: string;
  let bin: string;

  beforeAll(() => {
    ensureBuilt();
    execFileSync('npm', ['run', '--silent', 'build:collector'], { stdio: 'pipe' });
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-exe-'));
    // Every command of the system's bin directories except node.
    bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const d of ['/usr/local/bin', '/usr/bin', '/usr/sbin', '/bin', '/sbin']) {
      if (!existsSync(d)) continue;
      for (const name of readdirSync(d)) {
        if (/^node(js)?$/.test(name) || existsSync(join(bin, name))) continue;
        symlinkSync(join(d, name), join(bin, name));
      }
    }
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const list = (b: string): string => execFileSync('tar', ['-tzf', b], { encoding: 'utf8' }).split('\n').sort().join('\n');

  const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(exe, args, { encoding: 'utf8', env: { PATH: bin, HOME: dir, TMPDIR: dir }, timeout: 120_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('runs where node is not on the PATH', () => {
    expect(spawnSync('sh', ['-c', 'command -v node'], { env: { PATH: bin } }).status).not.toBe(0);
    const v = run(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(fwsnap(['--version']).stdout.trim());
  });

  it('collects a bundle that fwsnap verify accepts, with the artifacts the npm build collects', () => {
    const viaExe = join(dir, 'exe.tar.gz');
    const c = run(['collect', '--root', FAKEHOST, '-o', viaExe]);
    expect(c.stderr).toBe('');
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/^sha256: [0-9a-f]{64}$/m);
    const v = fwsnap(['verify', viaExe]);
    expect(v.stdout).toMatch(/OK/);
    expect(v.status).toBe(0);
    // The executable's own verify and redact (its manifest checks are compiled in it, not read from dist/).
    const own = run(['verify', viaExe]);
    expect(own.stdout, own.stderr).toMatch(/OK/);
    expect(own.status).toBe(0);
    const redacted = run(['redact', viaExe, join(dir, 'exe-redacted.tar.gz')]);
    expect(redacted.status, redacted.stderr).toBe(0);
    expect(fwsnap(['verify', join(dir, 'exe-redacted.tar.gz')]).status).toBe(0);

    const viaNode = join(dir, 'node.tar.gz');
    expect(fwsnap(['collect', '--root', FAKEHOST, '-o', viaNode]).status).toBe(0);
    expect(list(viaExe)).toBe(list(viaNode));
  });

  it('makes its ioctls through the embedded koffi: a live NIC collection holds what the npm build collects', () => {
    // The nic source reads each interface through SIOCETHTOOL ioctls (koffi); without koffi they become issues.
    const live = join(dir, 'live.tar.gz');
    const c = run(['collect', '--only', 'nic', '-o', live]);
    expect(c.stdout).not.toMatch(/failed/);
    expect(c.status).toBe(0);
    expect(fwsnap(['verify', live]).status).toBe(0);
    const viaNode = join(dir, 'live-node.tar.gz');
    expect(fwsnap(['collect', '--only', 'nic', '-o', viaNode]).status).toBe(0);
    expect(list(live)).toBe(list(viaNode));
  });
});
