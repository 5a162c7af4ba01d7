import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { checkNobodyCanRunCli, ensureBuilt, isRoot, NOBODY, readManifest, runCli, writeTree, type TreeNode } from './fault-helpers.js';

/**
 * Real errors, no injection. A captured tree cannot make the kernel fail a read inside it, so a genuine `EIO`
 * comes from a live source reading /proc/self/mem (a regular file whose read at offset 0 fails with EIO:
 * address 0 is never mapped). In a tree: a directory or a FIFO where a file is expected, a missing file, a
 * link out of the tree (looked up inside it, so missing) and, as an unprivileged user, a 0600 root-owned file.
 */
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/sources/${name}`, import.meta.url));

function faultyTree(root: string, extra: Record<string, TreeNode> = {}): void {
  writeTree(root, {
    'proc/sys/kernel/osrelease': '6.1.0-faulty\n',
    'proc/sys/kernel/hostname': 'faulty\n',
    'proc/cpuinfo': { link: '/proc/self/mem' },
    'proc/cmdline': { dir: true },
    // proc/modules is absent: ENOENT is not news.
    'cmd/dmesg/--raw.out': { fifo: true },
    ...extra,
  });
}

const issuesOf = (m: { issues: { source: string; target: string; code: string }[] }): string[] => m.issues.map((i) => `${i.source} ${i.target} ${i.code}`).sort();

describe('read errors while collecting', () => {
  beforeAll(ensureBuilt);

  it('records a directory and a FIFO where files belong as issues with the path, ENOENT quietly; the source is partial and the bundle valid', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    faultyTree(tree);
    const out = join(dir, 'b.tar.gz');
    const r = await collect({ output: out, root: tree, only: ['platform', 'cpu', 'kernel-log'], timeoutSeconds: 20 });
    expect(issuesOf(r.manifest)).toEqual(['kernel-log dmesg --raw ENOTREG', 'platform /proc/cmdline ENOTREG']);
    expect(r.manifest.issues.find((i) => i.target === 'dmesg --raw')?.message).toMatch(/replayed output could not be read: .*not a regular file/);
    const platform = r.manifest.sources.find((s) => s.name === 'platform')!;
    expect(platform).toMatchObject({ status: 'partial', reason: '1 read(s) failed; see issues' });
    expect(r.manifest.sources.find((s) => s.name === 'kernel-log')).toMatchObject({ status: 'partial', reason: '1 read(s) failed; see issues' });
    const names = r.manifest.artifacts.map((a) => a.name);
    expect(names).toContain('proc/sys/kernel/osrelease');
    expect(names).not.toContain('proc/cpuinfo');
    expect(names).not.toContain('proc/modules');
    expect(await verifyBundle(out)).toMatchObject({ ok: true, verified: names.length });
  });

  it('records a kernel EIO on the live host as an issue with the path and the system message', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.tar.gz');
    const r = await collect({ output: out, timeoutSeconds: 20, sources: [{ name: 'eio', modulePath: fixture('eio.mjs') }] });
    expect(issuesOf(r.manifest)).toEqual(['eio /proc/self/mem EIO']);
    expect(r.manifest.issues[0]!.message).toMatch(/i\/o error/i);
    expect(r.manifest.sources).toEqual([expect.objectContaining({ name: 'eio', status: 'partial', reason: '1 read(s) failed; see issues' })]);
    expect(r.manifest.artifacts.map((a) => a.name)).toEqual(['proc/self/stat']);
    expect((await verifyBundle(out)).ok).toBe(true);
  });

  it('counts each source\'s own failed reads, not those of a source running beside it', async () => {
    const dir = tempDir();
    process.env.FWSNAP_TEST_MARKER = join(dir, 'marker');
    const out = join(dir, 'b.tar.gz');
    const r = await collect({ output: out, timeoutSeconds: 20, sources: [{ name: 'quiet', modulePath: fixture('quiet.mjs') }, { name: 'noisy', modulePath: fixture('noisy.mjs') }] });
    expect(r.manifest.sources.map((s) => [s.name, s.status, s.reason])).toEqual([
      ['quiet', 'ok', undefined],
      ['noisy', 'partial', '1 read(s) failed; see issues'],
    ]);
  });

  describe.skipIf(!isRoot)('as an unprivileged user (setpriv)', () => {
    beforeAll(checkNobodyCanRunCli);

    it('records EACCES with the path, and the summary counts the refusals', async () => {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      const tree = join(dir, 'tree');
      faultyTree(tree, { 'proc/sys/kernel/version': { text: '#1 SMP secret\n', mode: 0o600 } });
      const outDir = join(dir, 'out');
      mkdirSync(outDir);
      chmodSync(outDir, 0o777);
      const out = join(outDir, 'b.tar.gz');
      const r = await runCli(['collect', '--root', tree, '--only', 'platform,cpu,kernel-log', '-o', out, '--timeout', '20'], { uid: NOBODY });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^warning: 1 read\(s\) refused by permissions$/m);
      const m = await readManifest(out);
      expect(m.host).toMatchObject({ uid: NOBODY, root: false, collectedFrom: 'tree' });
      expect(issuesOf(m)).toEqual(['kernel-log dmesg --raw ENOTREG', 'platform /proc/cmdline ENOTREG', 'platform /proc/sys/kernel/version EACCES']);
      expect(m.issues.find((i) => i.code === 'EACCES')?.message).toBe('permission denied');
      expect((await verifyBundle(out)).ok).toBe(true);
    });

    it('on this host: the summary says it was not root and how many reads were refused, as the manifest records them', async () => {
      const dir = tempDir();
      chmodSync(dir, 0o777);
      const out = join(dir, 'live.tar.gz');
      const r = await runCli(['collect', '-o', out, '--timeout', '20'], { uid: NOBODY, cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const said = /^warning: not running as root; (\d+) read\(s\) refused/m.exec(r.stdout);
      expect(said, r.stdout).not.toBeNull();
      const m = await readManifest(out);
      expect(m.host).toMatchObject({ uid: NOBODY, root: false, collectedFrom: 'host' });
      const refusals = m.issues.filter((i) => i.code === 'EACCES' || i.code === 'EPERM');
      expect(refusals.length).toBe(Number(said![1]));
      for (const i of refusals) expect(i.target, JSON.stringify(i)).not.toBe('');
      expect((await verifyBundle(out)).ok).toBe(true);
    });
  });
});
