import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditStrace, STRACE_ARGS } from '../helpers/syscall-audit.js';
import { tempDir } from '../helpers/tmp.js';
import { CLI, ensureBuilt } from '../cli/cli-helpers.js';

const hasStrace = spawnSync('strace', ['-V']).status === 0;

describe('the collector under strace on this host', () => {
  beforeAll(ensureBuilt);

  it.runIf(hasStrace || process.env.CI)('issues only allow-listed ioctls and opens nothing under /sys, /proc or /dev for writing', () => {
    const dir = tempDir();
    const log = join(dir, 'strace.txt');
    const r = spawnSync('strace', [...STRACE_ARGS, '-o', log, process.execPath, CLI, 'collect', '-o', join(dir, 'b.tar.gz')], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const audit = auditStrace(readFileSync(log, 'utf8'));
    expect(audit.violations).toEqual([]);
    // The audit saw the collector work: files opened, and (as root, with a NIC) the ethtool ioctls.
    expect(audit.opens).toBeGreaterThan(100);
    if (process.getuid?.() === 0 && spawnSync('ls', ['/sys/class/net/eth0']).status === 0) expect(audit.ioctls.get(0x8946) ?? 0).toBeGreaterThan(0);
  });

  it('the audit itself catches a write open and a foreign ioctl', () => {
    const bad = auditStrace([
      '12  openat(-100, "/sys/bus/pci/devices/0000:00:03.0/reset", 0x80001) = 3',
      '12  openat(-100, "/sys/bus/pci/devices/0000:00:03.0/config", 0x80000) = 4',
      '12  ioctl(5, 0x4e44, 0) = 0',
      '12  ioctl(6, 0x8946, 0x7ffd0) = 0',
      '12  openat(-100, "/dev/null", 0x2) = 1',
    ].join('\n'));
    expect(bad.violations).toHaveLength(2);
    expect(bad.violations[0]).toMatch(/reset opened for writing/);
    expect(bad.violations[1]).toMatch(/0x4e44 is not on the allow-list/);
  });

  it('lets tpm2_getcap open the TPM read-write (the device takes commands no other way), and nothing else under /dev', () => {
    const audit = auditStrace([
      '320  openat(-100, "/dev/tpmrm0", 0x802) = 3',
      '321  openat(-100, "/dev/tpm0", 0x802) = 3',
      '322  openat(-100, "/dev/tpmrm0x", 0x802) = 3',
      '323  openat(-100, "/dev/nvme0", 0x2) = 3',
    ].join('\n'));
    expect(audit.violations.map((v) => v.split(' ')[0])).toEqual(['/dev/tpmrm0x', '/dev/nvme0']);
  });

});
