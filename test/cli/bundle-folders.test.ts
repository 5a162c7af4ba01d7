/**
 * A folder of bundles (where a fleet's collection fetched them: `fwsnap_bundles/`, `bundles/`) given to `analyze` or
 * `fleet` is read as the bundles at its top. Before, both refused it ("is a directory"), analyze suggesting it be
 * collected as a captured tree.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Fleet } from '../../analyzer/fleet/model.js';
import { collect } from '../../collector/collect.js';
import { suiteDir } from './fake-bundle.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { writeTree } from '../helpers/tmp.js';

const ethtool = (fw: string): string => `driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: ${fw}\nexpansion-rom-version:\nbus-info: 0000:01:00.0\n`;

describe('a folder of bundles given to analyze and fleet', () => {
  const dir = suiteDir();
  const folder = join(dir, 'fwsnap_bundles');
  const tree = join(dir, 'tree');

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(folder);
    for (const [host, fw] of [['node10', '0x800003e7'], ['node9', '0x80000aee']] as const) {
      writeTree(tree, { 'proc/sys/kernel/hostname': `${host}\n`, 'cmd/ethtool/-i_eth0.out': ethtool(fw) });
      await collect({ output: join(dir, `${host}.tar.gz`), root: tree, isolation: 'inline', overwrite: true });
      copyFileSync(join(dir, `${host}.tar.gz`), join(folder, `${host}.tar.gz`));
    }
    // What else such a folder holds: a redaction map, a note, a hidden editor file.
    writeTree(folder, { 'node9.tar.gz.redaction-map.json': '{}\n', 'README.txt': 'collected Monday\n', '.node9.tar.gz.swp': 'x' });
  }, 120_000);

  it('fleet compares the bundles at its top, in name order, and says how many it took', () => {
    const r = fwsnap(['fleet', folder, '--format', 'json']);
    const f = JSON.parse(r.stdout) as Fleet;
    expect(f.hosts.map((h) => h.path)).toEqual([join(folder, 'node9.tar.gz'), join(folder, 'node10.tar.gz')]);
    expect(r.stderr).toContain(`fwsnap fleet: ${folder}: the 2 bundle(s) at the top of this folder, in name order`);
    expect(r.status).toBe(0);
  });

  it('analyze reports on every bundle of it', () => {
    const r = fwsnap(['analyze', folder, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { bundles: { hostname: string | null }[] };
    expect(report.bundles.map((b) => b.hostname)).toEqual(['node9', 'node10']);
    expect(r.status).not.toBe(2);
    expect(fwsnap(['analyze', '-q', folder, '--format', 'json']).stderr).toBe('');
  });

  it('a captured tree is still a tree: analyze says to collect it first', () => {
    const r = fwsnap(['analyze', tree]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is made into a bundle first: `fwsnap collect --root');
  });
});
