import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unreadFileCount } from '../../cli/collect-command.js';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * `collect -q` prints no summary, but input fwsnap did not read is still said on stderr, in one line: a quiet run
 * over a tree of pasted outputs must not look as if every file was taken.
 */
const tree = treeOf;

const READ = { 'cmd/ethtool/-i_eth0.out': 'driver: e1000e\nversion: 3.2.6-k\nfirmware-version: 0.13-4\nbus-info: 0000:00:19.0\n' };
// A loose file at the top of the tree is read when its name starts with a tool's name; this one names none.
const NOT_READ = { 'cmd/ethtol/-i_eth1.out': 'driver: igb\n', 'eth2 driver.txt': 'driver: igb\n' };

describe('collect -q and files of the tree not read', () => {
  beforeAll(ensureBuilt);

  it('says in one line on stderr how many files were not read, and where they are named; nothing on stdout', () => {
    const out = join(tempDir(), 'q.tar.gz');
    const r = fwsnap(['-q', 'collect', '--root', tree({ ...READ, ...NOT_READ }), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fwsnap collect: 2 files of the tree were not read; see manifest.json "issues" (code NOT_READ) or run without -q\n');
    // Without -q the summary names each file instead, and nothing goes to stderr.
    const loud = fwsnap(['collect', '--root', tree({ ...READ, ...NOT_READ }), '-o', join(tempDir(), 'l.tar.gz')]);
    expect(loud.status, loud.stderr).toBe(0);
    expect(loud.stderr).toBe('');
    for (const name of Object.keys(NOT_READ)) expect(loud.stdout).toContain(`  ${name}: not read`);
  });

  it('with the bundle on stdout, the line still goes to stderr, in the singular for one file', () => {
    const r = fwsnap(['collect', '-q', '--root', tree({ ...READ, 'cmd/ethtol/-i_eth1.out': 'driver: igb\n' }), '-o', '-']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('fwsnap collect: 1 file of the tree was not read; see manifest.json "issues" (code NOT_READ) or run without -q\n');
  });

  it('a quiet run that read every file prints nothing', () => {
    const r = fwsnap(['-q', 'collect', '--root', tree(READ), '-o', join(tempDir(), 'all.tar.gz')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
  });
});

describe('collect summary of a tree with more unread files than are kept', () => {
  beforeAll(ensureBuilt);

  it('counts every file, says only the first thousand are kept, and names the rest in one line', () => {
    const many = Object.fromEntries(Array.from({ length: 1003 }, (_, i) => [`cmd/frob/out_${String(i).padStart(4, '0')}.out`, 'x\n']));
    const r = fwsnap(['collect', '--root', tree({ ...READ, ...many }), '-o', join(tempDir(), 'many.tar.gz')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('files of the tree no class read: 1003 (1000 kept in the bundle under unread/, 3 not kept)');
    const q = fwsnap(['-q', 'collect', '--root', tree({ ...READ, ...many }), '-o', join(tempDir(), 'manyq.tar.gz')]);
    expect(q.stderr).toContain('fwsnap collect: 1003 files of the tree were not read');
  }, 120_000);
});

describe('unreadFileCount', () => {
  it('counts each file named, and the files counted beyond the kept ones', () => {
    const issue = (target: string, message: string): { source: string; target: string; code: string; message: string } => ({ source: 'tree', target, code: 'NOT_READ', message });
    const manifest = { issues: [issue('cmd/a', 'not read: x'), { source: 'some-source', target: 'y', code: 'EACCES', message: 'refused' }, issue('cmd/b', 'not read: y'), issue('cmd', '37 more files not read and not kept')] };
    expect(unreadFileCount(manifest as unknown as Parameters<typeof unreadFileCount>[0])).toBe(39);
  });
});
