import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { treeOf } from '../helpers/tmp.js';

/**
 * `collect --root DIR -o DIR/x.tar.gz`: the bundle being written (and its `.partial` file) is fwsnap's own, not a file
 * the person gave; an entry that is no file (a FIFO) is named in the summary, never opened and never kept.
 */
const READ = { 'cmd/ethtool/-i_eth0.out': 'driver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-4\nbus-info: 0000:00:19.0\n' };

describe('collect over a tree that holds its own bundle and a FIFO', () => {
  beforeAll(ensureBuilt);

  it('does not count the bundle written into the tree among the files not read, even when run twice', () => {
    const root = treeOf(READ);
    for (const run of [1, 2]) {
      const r = fwsnap(['collect', '--root', root, '-o', join(root, 'host.tar.gz'), ...(run === 2 ? ['--force'] : [])]);
      expect(r.status, `run ${run}: ${r.stderr}`).toBe(0);
      expect(r.stdout).not.toContain('no class read');
    }
  });

  it('names a FIFO among the files not read, says it is not kept, and does not hang on it', () => {
    const root = treeOf(READ);
    execFileSync('mkfifo', [join(root, 'cmd/ethtool/notes.out')]);
    const r = fwsnap(['collect', '--root', root, '-o', join(root, 'host.tar.gz')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('files of the tree no class read: 1 (0 kept in the bundle under unread/, 1 not kept)');
    expect(r.stdout).toContain('cmd/ethtool/notes.out: not read and not kept: it is no regular file (a FIFO, socket or device node), which fwsnap never opens');
  });
});
