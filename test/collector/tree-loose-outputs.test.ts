import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { CLASSES } from '../../collector/classes/index.js';
import { looseArgsName, looseOutputTool } from '../../collector/tree-loose-outputs.js';
import { tempDir, treeOf } from '../helpers/tmp.js';
import { NAME_FORMS } from '../real-corpus/pasted-forms.js';
import { batches, sweepSamples } from '../real-corpus/paste-sweep.js';

/**
 * A support engineer unpacks a ticket's attachments into a tree and runs `collect --root` on it: the outputs lie at
 * its top under the names people gave them, not under cmd/<tool>/. Before, none of them was read (each was NOT_READ).
 */
const TOOLS = CLASSES.flatMap((c) => Object.keys(c.commands ?? {}));
const loose = NAME_FORMS['loose at the top of the tree']!;

async function collectTree(files: Record<string, string>): Promise<{ bundle: string; read: Record<string, string>; notRead: string[] }> {
  const bundle = join(tempDir(), 'b.tar.gz');
  const { manifest } = await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
  const read = Object.fromEntries(manifest.artifacts.filter((a) => a.replayedFrom !== undefined && a.origin.kind === 'cmd' && a.origin.stream === 'stdout').map((a) => [a.replayedFrom!, a.name]));
  return { bundle, read, notRead: manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target) };
}

describe('outputs saved loose at the top of a tree', () => {
  it('a name that starts with a tool (after sudo, as its .exe, the tool alone) names that tool; any other names none', () => {
    expect(looseOutputTool('flint_q.txt', TOOLS)).toBe('flint');
    expect(looseOutputTool('mstflint -d 3b:00.0 q.txt', TOOLS)).toBe('mstflint');
    expect(looseOutputTool('ethtool-i-eth0.txt', TOOLS)).toBe('ethtool');
    expect(looseOutputTool('sudo smartctl -x sda.log', TOOLS)).toBe('smartctl');
    expect(looseOutputTool('smartctl.exe -a sda.txt', TOOLS)).toBe('smartctl');
    expect(looseOutputTool('devlink dev info.json', TOOLS)).toBe('devlink');
    expect(looseOutputTool('nvidia-smi -q.txt', TOOLS)).toBe('nvidia-smi');
    expect(looseOutputTool('dmesg.txt', TOOLS)).toBe('dmesg');
    expect(looseOutputTool('DMESG', TOOLS)).toBe('dmesg');
    expect(looseOutputTool('mlxup.out', TOOLS)).toBe('mlxup');
    for (const none of ['notes.txt', 'smartctl0.txt', 'ethtool0.txt', 'flint_q.bak', 'README.md', 'manifest.json', 'lspcix.txt']) expect(looseOutputTool(none, TOOLS), none).toBeUndefined();
  });

  it("a tool read only by its command's own name finds a loose output by the words after the tool", () => {
    expect(looseArgsName('nv-fabricmanager --version.txt', 'nv-fabricmanager')).toBe('--version.txt');
    expect(looseArgsName('sudo uname -r.log', 'uname')).toBe('-r.log');
    expect(looseArgsName('nvidia-smi.txt', 'nvidia-smi')).toBe('_.txt');
  });

  it('a real output of each tool is read as if saved under cmd/<tool>/ with its name, stored under the same name, with the same facts', async () => {
    // One real sample per tool folder, in one tree; a file naming no tool beside them.
    const byTool = new Map<string, ReturnType<typeof sweepSamples>[number]>();
    for (const s of sweepSamples(false)) if (!byTool.has(s.savedAs.split('/')[1]!) && loose(s.savedAs, s.format)) byTool.set(s.savedAs.split('/')[1]!, s);
    const group = batches([...byTool.values()])[0]!;
    expect(group.length).toBeGreaterThanOrEqual(8);
    const top = await collectTree({ ...Object.fromEntries(group.map((s) => [loose(s.savedAs, s.format)!, readFileSync(s.file, 'utf8')])), 'notes.txt': 'the customer says the card drops link\n' });
    const filed = await collectTree(Object.fromEntries(group.map((s) => [s.savedAs, readFileSync(s.file, 'utf8')])));
    for (const s of group) {
      const name = loose(s.savedAs, s.format)!;
      expect(top.read[name], `${s.id} as ${name}`).toBeDefined();
      expect(top.read[name], `${s.id} as ${name}`).toBe(filed.read[s.savedAs]);
    }
    expect(top.notRead).toEqual(['notes.txt']);
    const { db, loads } = await analyze({ bundles: [top.bundle, filed.bundle], minSeverity: 'info' });
    try {
      const [a, b] = [top.bundle, filed.bundle].map((p) => loads.find((l) => l.path === p)!.bundleId);
      const rows = (id: number): unknown[] => db.prepare(`SELECT device_key, component, version FROM firmware WHERE bundle_id = ? ORDER BY 1, 2, 3`).all(id);
      expect(rows(a).length).toBeGreaterThanOrEqual(group.length);
      expect(rows(a)).toEqual(rows(b));
    } finally {
      db.close();
    }
  });

  it('an output of the same name under cmd/<tool>/ is the one read; the loose one is listed as not read', async () => {
    const ethtool = 'driver: ixgbe\nversion: 5.1.0-k\nfirmware-version: 0x800007a8\nbus-info: 0000:01:00.0\n';
    const t = await collectTree({ 'cmd/ethtool/ethtool-i-eth0.txt': ethtool, 'ethtool-i-eth0.txt': ethtool });
    expect(Object.keys(t.read)).toEqual(['cmd/ethtool/ethtool-i-eth0.txt']);
    expect(t.notRead).toEqual(['ethtool-i-eth0.txt']);
  });

  it("a loose output under a name its tool's class does not read is named by its own file, not the cmd/<tool>/ name it was read as", async () => {
    const flint = 'Image type:            FS2\nFW Version:            2.42.5000\nPSID:                  MT_1090111019\n';
    const bundle = join(tempDir(), 'b.tar.gz');
    const files = { 'flint verify.txt': 'FW image verification succeeded.\n', 'ethtool-x.txt': 'driver: mlx4_en\n', 'mstflint backup.txt': flint };
    const { manifest } = await collect({ output: bundle, root: treeOf(files), isolation: 'inline' });
    const unknown = manifest.issues.filter((i) => i.code === 'UNKNOWN_NAME').map((i) => `${i.source} ${i.target}`).sort();
    expect(unknown).toEqual(['mlx5 flint verify.txt', 'mlx5 mstflint backup.txt', 'nic ethtool-x.txt']);
  });
});
