/**
 * `diff --db DB HOST HOST` is what changed on that host: its previous bundle against its newest. Before, both sides
 * were the newest bundle, compared with itself: "no differences", whatever had changed.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { suiteDir } from './fake-bundle.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { writeTree } from '../helpers/tmp.js';

const ethtool = (fw: string): string => `driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: ${fw}\nexpansion-rom-version:\nbus-info: 0000:01:00.0\n`;

describe('diff --db of one host given twice', () => {
  const dir = suiteDir();
  const db = join(dir, 'fleet.db');
  const lone = join(dir, 'lone.db');

  beforeAll(async () => {
    ensureBuilt();
    for (const [name, host, fw] of [['monday', 'node7', '0x800003e7'], ['tuesday', 'node7', '0x80000aee'], ['node8', 'node8', '0x80000aee']] as const) {
      const root = writeTree(join(dir, name), { 'proc/sys/kernel/hostname': `${host}\n`, 'cmd/ethtool/-i_eth0.out': ethtool(fw) });
      await collect({ output: join(dir, `${name}.tar.gz`), root, isolation: 'inline' });
    }
    // Loaded newest first: the order of loading is not the order of collection.
    expect(fwsnap(['analyze', '-q', join(dir, 'tuesday.tar.gz'), join(dir, 'monday.tar.gz'), join(dir, 'node8.tar.gz'), '--db', db]).status).not.toBe(2);
    expect(fwsnap(['analyze', '-q', join(dir, 'node8.tar.gz'), '--db', lone]).status).not.toBe(2);
  }, 120_000);

  it("compares the host's previous bundle with its newest, and says so", () => {
    const r = fwsnap(['diff', '--db', db, 'node7', 'node7', '--format', 'json']);
    const d = JSON.parse(r.stdout) as { a: { path: string }; b: { path: string } };
    expect([d.a.path, d.b.path]).toEqual([join(dir, 'monday.tar.gz'), join(dir, 'tuesday.tar.gz')]);
    expect(r.stdout).toContain('0x80000aee');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^fwsnap diff: node7 given twice: its previous bundle \d+ \(.*monday\.tar\.gz, host node7, collected .*\) against its newest/);
  });

  it('refuses a host with one bundle given twice, and one bundle named twice', () => {
    const one = fwsnap(['diff', '--db', lone, 'node8', 'node8']);
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/^fwsnap diff: node8: the only bundle of this host in .*lone\.db is 1 \(.*node8\.tar\.gz, host node8, collected [^)]*\); a host given twice is compared with its previous bundle, and it has none\n$/);
    const same = fwsnap(['diff', '--db', db, 'node8', 'node8.tar.gz']);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('node8 and node8.tar.gz name one bundle, ');
    expect(same.stdout).toBe('');
  });
});
