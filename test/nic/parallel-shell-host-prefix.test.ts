/**
 * A parallel shell's output (pdsh, clush, pssh -i: `<host>: ` before each line a host printed, as their manuals say)
 * pasted or saved as it came: the first host's lines are the tool's output. Before, ethtool -i under `node01: ` was not
 * read at all ('no "driver:" line'). The output is a real one: ethtool -i of a BlueField-2 port,
 * test/nic/fixtures/real/ethtool-i/mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after (its
 * provenance file says where it was published), the prefixes added as pdsh and clush write them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayTree } from '../helpers/replay-tree.js';

const SAMPLE = readFileSync(new URL('./fixtures/real/ethtool-i/mlx5-bluefield2-aarch64-zh-notes-cut-register-dump-settings-command-after.txt', import.meta.url), 'utf8');
const BODY = SAMPLE.split('\n').slice(3, 13);
const hosted = (host: string, lines: string[]): string[] => lines.map((l) => `${host}: ${l}`.trimEnd());

async function firmware(text: string, saveAs: string): Promise<{ rows: { device_key: string; version: string }[]; unread: number }> {
  const { db } = await replayTree({ [saveAs]: text });
  try {
    const rows = db.prepare(`SELECT device_key, version FROM firmware ORDER BY device_key`).all() as { device_key: string; version: string }[];
    const unread = (db.prepare(`SELECT COUNT(*) AS n FROM collection_issues WHERE code = 'PARSE-LINE'`).get() as { n: number }).n;
    return { rows, unread };
  } finally {
    db.close();
  }
}

describe("a parallel shell's host prefix", () => {
  it('one host (clush -w node01) typed above: read as the output under the command typed', async () => {
    expect(BODY[0]).toBe('driver: mlx5_core');
    const text = ['[root@head ~]# clush -w node01 ethtool -i enp1s0f0np0', ...hosted('node01', BODY), ''].join('\n');
    const r = await firmware(text, 'clush-ethtool.txt');
    expect(r.rows).toEqual([{ device_key: 'net:enp1s0f0np0', version: '24.41.1000 (MT_0000000375)' }]);
    expect(r.unread).toBe(0);
  });

  it("several hosts (pdsh -w node[01-02]) saved under the command's name: the first host's output is read, the others' lines are named unread", async () => {
    const other = BODY.map((l) => l.replace('24.41.1000', '24.39.2048'));
    const text = [...hosted('node01', BODY), ...hosted('node02', other), ''].join('\n');
    const r = await firmware(text, 'cmd/ethtool/-i_enp1s0f0np0.out');
    expect(r.rows).toEqual([{ device_key: 'net:enp1s0f0np0', version: '24.41.1000 (MT_0000000375)' }]);
    expect(r.unread).toBeGreaterThanOrEqual(BODY.filter((l) => l.trim()).length);
  });
});
