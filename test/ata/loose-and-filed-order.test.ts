import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/**
 * A real output of a drive saved as /dev/sde's twice (smartctl-all-sde.txt, and again as sde.txt); and a real output of
 * another drive that says /dev/sde by its JSON's device.name, with a serial of its own.
 */
const real = (p: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${p}`, import.meta.url), 'utf8');
const WD = real('wd-wd2001fass-failed-smartctl538-pyprobe.txt');
const SAS = real('yadro-wuh721414al4204-sas-beszel-json-smartctl73.json');

async function collectTree(files: Record<string, string>): Promise<{ read: string[]; notRead: string[]; why: string[] }> {
  const { manifest } = await collect({ output: join(tempDir(), 'b.tar.gz'), root: treeOf(files), isolation: 'inline' });
  const read = manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => a.replayedFrom!);
  const unread = manifest.issues.filter((i) => i.code === 'NOT_READ');
  return { read, notRead: unread.map((i) => i.target), why: unread.map((i) => i.message) };
}

describe('two saved outputs that stand for one command', () => {
  it('the same one is read whether both lie under cmd/smartctl/ or loose at the top of the tree, whatever joins the tool to the name', async () => {
    const filed = await collectTree({ 'cmd/smartctl/smartctl-all-sde.txt': WD, 'cmd/smartctl/sde.txt': WD });
    expect(filed.read).toHaveLength(1);
    const first = filed.read[0] === 'cmd/smartctl/smartctl-all-sde.txt';
    for (const other of ['smartctl sde.txt', 'smartctl_sde.txt', 'sudo smartctl sde.txt']) {
      const top = await collectTree({ 'smartctl-all-sde.txt': WD, [other]: WD });
      expect(top.read, other).toEqual([first ? 'smartctl-all-sde.txt' : other]);
      expect(top.notRead, other).toEqual([first ? other : 'smartctl-all-sde.txt']);
      expect(top.why[0], other).toContain('another output of the same command was read instead');
      expect(top.why[0], other).not.toContain('did you mean');
    }
  });

  it('two drives whose outputs both say /dev/sde, each with its own serial, are both read, filed or loose', async () => {
    expect((await collectTree({ 'cmd/smartctl/smartctl-all-sde.txt': WD, 'cmd/smartctl/scsi.json': SAS })).notRead).toEqual([]);
    expect((await collectTree({ 'smartctl-all-sde.txt': WD, 'smartctl scsi.json': SAS })).read.sort()).toEqual(['smartctl scsi.json', 'smartctl-all-sde.txt']);
  });
});
