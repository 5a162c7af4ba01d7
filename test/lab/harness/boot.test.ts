import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootGuest } from './boot.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lab-boot-'));
afterAll(async () => {
  // A killed fake QEMU's console stream may still be closing: retry, and never fail the suite over a temp dir.
  for (let i = 0; i < 10; i++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
});

/** A stand-in for qemu-system-x86_64: a shell script that ignores its arguments. */
function fakeQemu(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const spec = { kernel: 'k', initramfs: 'i', outDir: dir, devices: [] };

describe('booting the lab guest', () => {
  it('kills a guest that outlives its deadline, and says so', async () => {
    const pidFile = join(dir, 'pid');
    const qemu = fakeQemu('hang', `echo $$ > ${pidFile}; echo "lab: scenario-start (10 ms)"; exec sleep 600`);
    const r = await bootGuest(qemu, spec, 1500);
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(r.durationMs).toBeLessThan(10_000);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
    expect(r.phases.has('scenario-start')).toBe(true);
  });

  it('records the console and the wall-clock time of each phase line, even when split across writes', async () => {
    const qemu = fakeQemu('ok', 'printf "[ 1.0] kernel\\nlab: scenario-st"; sleep 0.2; printf "art (20 ms)\\r\\nlab: collect-done (30 ms)\\nnot a lab: line (1 ms)\\n"; exit 0');
    const r = await bootGuest(qemu, spec, 10_000);
    expect({ timedOut: r.timedOut, exitCode: r.exitCode }).toEqual({ timedOut: false, exitCode: 0 });
    expect([...r.phases.keys()]).toEqual(['scenario-start', 'collect-done']);
    expect(r.phases.get('scenario-start')!).toBeGreaterThanOrEqual(150);
    expect(readFileSync(r.consoleLog, 'utf8')).toContain('[ 1.0] kernel');
  });

  it('fails clearly when QEMU cannot be started', async () => {
    await expect(bootGuest(join(dir, 'no-such-qemu'), spec, 5000)).rejects.toThrow(/cannot start .*no-such-qemu/);
  });
});
