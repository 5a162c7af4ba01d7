import { spawn } from 'node:child_process';
import { closeSync, ftruncateSync, linkSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TreeReader } from '../../collector/host/tree-reader.js';
import { codeOf } from '../helpers/errno.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Files a captured tree may hold to wear a reader out or to reach outside it (issue 12 item 5): reads stay
 * bounded in bytes and time, a hard link is never read, a name that cannot be named again is reported.
 */
describe('TreeReader on hostile files', () => {
  it('a 64 GiB sparse file read from its tail costs one window, not 64 GiB of reads', () => {
    const root = tempDir();
    mkdirSync(join(root, 'dev'));
    const fd = openSync(join(root, 'dev/kmsg'), 'w');
    ftruncateSync(fd, 64 * 2 ** 30);
    closeSync(fd);
    writeFileSync(join(root, 'dev/kmsg'), 'x', { flag: 'a' });
    const t0 = Date.now();
    const r = new TreeReader(root).readFile('/dev/kmsg', { maxBytes: 1024 * 1024, tail: true });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.truncated).toBe(true);
    expect(r.data.length).toBe(1024 * 1024);
    expect(r.data.at(-1)).toBe(0x78);
    // From its head, too: the cap ends the read.
    const head = new TreeReader(root).readFile('/dev/kmsg', { maxBytes: 4096 });
    expect([head.data.length, head.truncated]).toEqual([4096, true]);
  });

  it('a file that grows while it is read ends the read (tail and head), truncated', async () => {
    const root = tempDir();
    const file = join(root, 'growing');
    writeFileSync(file, 'start\n');
    const writer = spawn('sh', ['-c', `while :; do head -c 1048576 /dev/zero | tr '\\0' a; done >> '${file}'`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const reader = new TreeReader(root);
      for (const tail of [true, false]) {
        const t0 = Date.now();
        const r = reader.readFile('/growing', { maxBytes: 256 * 1024, tail });
        expect(Date.now() - t0).toBeLessThan(5000);
        expect(r.data.length).toBeLessThanOrEqual(256 * 1024);
        expect(r.truncated).toBe(true);
      }
    } finally {
      writer.kill('SIGKILL');
    }
  });

  it('a hard link (maybe to a file outside the tree) is not read: EMLINK', () => {
    const dir = tempDir();
    const root = join(dir, 'tree');
    mkdirSync(join(root, 'proc/sys/kernel'), { recursive: true });
    writeFileSync(join(dir, 'secret'), 'outside\n');
    linkSync(join(dir, 'secret'), join(root, 'proc/sys/kernel/hostname'));
    writeFileSync(join(root, 'proc/cmdline'), 'quiet\n');
    const r = new TreeReader(root);
    expect(codeOf(() => r.readFile('/proc/sys/kernel/hostname', { maxBytes: 64 }))).toBe('EMLINK');
    expect(r.readFile('/proc/cmdline', { maxBytes: 64 }).data.toString()).toBe('quiet\n');
  });

  it('names that are not valid UTF-8 are left out of listings and handed to the caller escaped', () => {
    const root = tempDir();
    mkdirSync(join(root, 'net'));
    mkdirSync(Buffer.concat([Buffer.from(`${root}/net/bad`), Buffer.from([0xff, 0xfe]), Buffer.from('x')]));
    mkdirSync(join(root, 'net/eth0'));
    mkdirSync(join(root, 'net', 'ctl\x1b[2J'));
    const skipped: string[] = [];
    const names = new TreeReader(root).list('/net', (n) => skipped.push(n));
    expect(names.sort()).toEqual(['ctl\x1b[2J', 'eth0']);
    expect(skipped).toEqual(['bad\\xff\\xfex']);
  });
});
