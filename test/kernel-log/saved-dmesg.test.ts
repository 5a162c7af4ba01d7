import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { savedDmesgArgv } from '../../collector/classes/kernel-log/saved.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * A plain dmesg (the text of `dmesg`, `dmesg -T`, or /var/log/dmesg) saved in a captured tree under cmd/dmesg/ or at its
 * top: before, only `dmesg --raw` was replayed, and such a file was NOT_READ.
 */
const real = (name: string): string => readFileSync(new URL(`./fixtures/real/${name}`, import.meta.url), 'utf8');

async function kernelLog(files: Record<string, string>): Promise<{ read: Record<string, string>; texts: string[] }> {
  const bundle = join(tempDir(), 'b.tar.gz');
  const { manifest } = await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
  const read = Object.fromEntries(manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => [a.replayedFrom!, a.name]));
  const { db } = await analyze({ bundles: [bundle], minSeverity: 'info' });
  try {
    return { read, texts: db.prepare(`SELECT text FROM kernel_log ORDER BY rowid`).all().map((r) => (r as { text: string }).text) };
  } finally {
    db.close();
  }
}

describe('a plain dmesg saved in a tree', () => {
  it('is read as the dmesg command its name says', () => {
    expect(savedDmesgArgv('cmd/dmesg/dmesg.txt')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/-T.log')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg-T.txt')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/sudo dmesg -T.txt')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/--raw.out')).toEqual(['dmesg', '--raw']);
    // A filter or a clear is not the whole log.
    expect(savedDmesgArgv('cmd/dmesg/-l_err.txt')).toBeUndefined();
    expect(savedDmesgArgv('cmd/dmesg/-c.txt')).toBeUndefined();
    // A person's own words, alone or glued by dashes, are a label.
    expect(savedDmesgArgv('cmd/dmesg/dmesg-host1.log')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg-output.txt')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/output.out')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg -T after reboot.txt')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg-T-node7.txt')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg-c-node7.txt')).toBeUndefined();
    // The lines a grep kept of the log are read as the log; the grep's words are its pattern.
    expect(savedDmesgArgv('cmd/dmesg/dmesg_grep_microcode.txt')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg | grep -i microcode.txt')).toEqual(['dmesg']);
    expect(savedDmesgArgv('cmd/dmesg/sudo dmesg -T | egrep -i "error|fail".log')).toEqual(['dmesg', '-T']);
    expect(savedDmesgArgv('cmd/dmesg/dmesg -c | grep x.txt')).toBeUndefined();
  });

  it('under cmd/dmesg/ as dmesg -T, or at the top of the tree as dmesg.txt: its lines are the kernel log', async () => {
    const wall = await kernelLog({ 'cmd/dmesg/dmesg -T.txt': real('dmesg-T-el7.txt') });
    expect(wall.read).toEqual({ 'cmd/dmesg/dmesg -T.txt': 'cmd/dmesg/-T.out' });
    expect(wall.texts).toEqual(['Initializing cgroup subsys cpuset', 'Initializing cgroup subsys cpu', 'Initializing cgroup subsys cpuacct']);
    const plain = await kernelLog({ 'dmesg.txt': real('dmesg-el7.txt') });
    expect(plain.read).toEqual({ 'dmesg.txt': 'cmd/dmesg/_.out' });
    expect(plain.texts).toEqual(wall.texts);
  });
});
