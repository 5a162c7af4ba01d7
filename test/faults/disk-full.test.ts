import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { BundleWriter } from '../../bundle/writer.js';
import { collect, CollectError } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt, isRoot, runCli, writeTree } from './fault-helpers.js';

/** A 64 KiB tmpfs: any bundle with more than 64 KiB of incompressible bytes fills it. */
function smallDisk(): string {
  const dir = join(tempDir(), 'disk');
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0755', 'tmpfs', dir]);
  onTestFinished(() => {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  });
  return dir;
}

function bigTree(): string {
  const tree = join(tempDir(), 'tree');
  writeTree(tree, {
    'proc/sys/kernel/osrelease': '6.1.0-test\n',
    'proc/cpuinfo': randomBytes(400 * 1024).toString('latin1'),
  });
  return tree;
}

describe.skipIf(!isRoot)('the output disk fills up (ENOSPC)', () => {
  beforeAll(ensureBuilt);

  it('collect() rejects naming the full disk, and leaves neither the bundle nor its temporary file', async () => {
    const disk = smallDisk();
    const out = join(disk, 'b.tar.gz');
    const err = await collect({ output: out, root: bigTree(), only: ['platform', 'cpu'], timeoutSeconds: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CollectError);
    expect((err as Error).message).toBe(`the disk holding ${disk} is full (ENOSPC: no space left on device); no bundle was written`);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('BundleWriter on a full disk, slightly or far too small: the error is ENOSPC, not a crash, and abort() leaves nothing', async () => {
    for (const size of [40 * 1024, 200 * 1024]) {
      const disk = smallDisk();
      const w = new BundleWriter(join(disk, 'b.tar.gz'));
      const err = await (async () => {
        await w.add({ name: 'blob', source: 't', origin: { kind: 'file', path: '/blob' }, truncated: false }, randomBytes(size));
        await w.add({ name: 'blob2', source: 't', origin: { kind: 'file', path: '/blob2' }, truncated: false }, randomBytes(size));
        await w.finish({
          format: 'fwsnap-bundle', formatVersion: 1, tool: { name: 'fwsnap', version: 't' },
          host: { hostname: 'h', kernelRelease: 'k', machine: 'm', time: '', uid: 0, root: true, collectedFrom: 'tree' },
          options: { timeoutSeconds: 1, includeEeprom: false, replayTree: true }, sources: [], issues: [],
        });
      })().catch((e: unknown) => e);
      await w.abort();
      expect(w.error, `${size} bytes`).toMatchObject({ code: 'ENOSPC' });
      expect(err, `${size} bytes`).toBeInstanceOf(Error);
      expect(readdirSync(disk)).toEqual([]);
    }
  });

  it('the CLI says so on stderr, exits 2 and leaves nothing behind', async () => {
    const disk = smallDisk();
    const out = join(disk, 'b.tar.gz');
    const r = await runCli(['collect', '--root', bigTree(), '--only', 'platform,cpu', '-o', out, '--timeout', '20']);
    expect(r.stderr).toBe(`fwsnap collect: the disk holding ${disk} is full (ENOSPC: no space left on device); no bundle was written\n`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(readdirSync(disk)).toEqual([]);
  });
});
