/**
 * `mst status` (MFT's list of its device nodes): the real public outputs under fixtures/real-mst-status read for the PCI
 * function each node reaches, and an mst tool's output naming a node stored under that function when the bundle holds
 * the listing (saved on its own, or pasted above the output in one session).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { mstStatusLines } from '../../analyzer/classes/mlx5/mst-places.js';
import { parseMstStatus } from '../../analyzer/classes/mlx5/mst-status.js';
import { pastedMstStatusArgv } from '../../collector/classes/mlx5/pasted.js';
import { commandAllowed, replayAllowed } from '../../collector/command-allowlist.js';
import { replayTree } from '../helpers/replay-tree.js';

const DIR = new URL('./fixtures/real-mst-status/', import.meta.url).pathname;
const REAL = new URL('./fixtures/real/', import.meta.url).pathname;
interface Provenance {
  saved_as: string;
  truth: { nodes: Record<string, string>; rdma: Record<string, string>; stored: Record<string, Record<string, string | number>> };
}
const samples = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => ({ id: f, text: readFileSync(join(DIR, f), 'utf8'), prov: parseYaml(readFileSync(join(DIR, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as Provenance }));

const firmwareKeys = (db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } }): string[] =>
  (db.prepare(`SELECT DISTINCT device_key FROM firmware ORDER BY device_key`).all() as { device_key: string }[]).map((r) => r.device_key);

describe('public mst status outputs', () => {
  it.each(samples)('$id: every node and RDMA device at its PCI function, no line unread', ({ text, prov }) => {
    const st = parseMstStatus(mstStatusLines(text, true));
    expect(st.issues).toEqual([]);
    expect(Object.fromEntries(st.nodes.map((n) => [n.node, n.bdf]))).toEqual(prov.truth.nodes);
    expect(Object.fromEntries(st.nodes.filter((n) => n.rdma !== undefined).map((n) => [n.rdma, n.bdf]))).toEqual(prov.truth.rdma);
  });

  it.each(samples)('$id: replayed alone, what it shows of each PCI function is stored (mlx.mst), no line unread', async ({ text, prov }) => {
    const { db } = await replayTree({ [prov.saved_as]: text });
    const rows = db.prepare(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.mst' ORDER BY device_key, key`).all() as { device_key: string; key: string; value: string | number }[];
    const stored: Record<string, Record<string, string | number>> = {};
    for (const r of rows) (stored[r.device_key] ??= {})[r.key] = String(r.value);
    // The settings view holds values as text (docs/schema.md); the truth writes the NUMA node as the number it is.
    expect(stored).toEqual(Object.fromEntries(Object.entries(prov.truth.stored).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([f, x]) => [f, String(x)]))])));
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  });

  it.each(samples)('$id: replayed, a flint query of its first node is stored under that node\'s PCI function', async ({ text, prov }) => {
    const [node, bdf] = Object.entries(prov.truth.nodes)[0]!;
    const query = readFileSync(join(REAL, 'mstflint/cx4-fs3-ibm-power-narrow.txt'), 'utf8').replace('/dev/mst/mt4115_pciconf0', node);
    const { db } = await replayTree({ [prov.saved_as]: text, 'cmd/flint/flint-query.txt': query });
    expect(firmwareKeys(db)).toEqual([bdf]);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE target LIKE 'cmd/mst/%'`).all()).toEqual([]);
  });
});

describe('mst status', () => {
  const listing = [
    'MST devices:',
    '------------',
    '/dev/mst/mt4119_pciconf0         - PCI configuration cycles access.',
    '                                   domain:bus:dev.fn=0000:3b:00.0 addr.reg=88 data.reg=92 cr_bar.gw_offset=-1',
    '                                   Chip revision is: 00',
    '/dev/mst/mt4119_pciconf1         - PCI configuration cycles access.',
    '                                   domain:bus:dev.fn=0000:af:00.0 addr.reg=88 data.reg=92 cr_bar.gw_offset=-1',
    '                                   Chip revision is: 00',
  ].join('\n');

  // The paste sweep's 'command redirected to a file' form: the command line above the listing sends it to a file.
  it('reads the listing under its command line whose output went to a file', () => {
    for (const to of [' > /tmp/out.txt 2>&1', ' >> report.log', ' 2>&1 > out.txt', ' | tee status.txt']) {
      expect(parseMstStatus(mstStatusLines(`mst status${to}\n${listing}`, true)).nodes.map((n) => n.bdf), to).toEqual(['0000:3b:00.0', '0000:af:00.0']);
    }
    // The paste sweep's terminal session types `sudo` before a command that already holds it.
    expect(parseMstStatus(mstStatusLines(`bob@node-07:~$ sudo sudo mst status -v\n${listing}`, true)).nodes).toHaveLength(2);
  });

  it('places each node of the plain listing at the function on the line under it', () => {
    const st = parseMstStatus(mstStatusLines(listing, true));
    expect(st.nodes.map((n) => [n.node, n.bdf])).toEqual([['/dev/mst/mt4119_pciconf0', '0000:3b:00.0'], ['/dev/mst/mt4119_pciconf1', '0000:af:00.0']]);
  });

  it('reads a table whose NET column pushed the interface past `net-`, and names a line it cannot read', () => {
    const st = parseMstStatus(mstStatusLines([
      'DEVICE_TYPE             MST                           PCI       RDMA            NET                                     NUMA',
      'ConnectX5(rev:0)        /dev/mst/mt4121_pciconf0.1    01:00.1   mlx5_1          net-                               redwest                             0',
      'this is not a row',
    ].join('\n'), true));
    expect(st.nodes).toEqual([{ node: '/dev/mst/mt4121_pciconf0.1', deviceType: 'ConnectX5(rev:0)', bdf: '0000:01:00.1', rdma: 'mlx5_1', net: 'redwest', numa: 0 }]);
    expect(st.issues.map((i) => [i.line, i.text])).toEqual([[3, 'this is not a row']]);
  });

  it('names a saved listing\'s unread line once, at its line, and reads the listing once', async () => {
    const flint = readFileSync(join(REAL, 'mstflint/cx4-fs3-ibm-power-narrow.txt'), 'utf8').replace('/dev/mst/mt4115_pciconf0', '/dev/mst/mt4119_pciconf1');
    const { db } = await replayTree({ 'cmd/mst/status.out': listing.replace('Chip revision is: 00\n', 'Chip revision is: 00\n                                   Bus speed is: fast\n'), 'cmd/flint/flint-query.txt': flint });
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([
      { message: 'cmd/mst/status.out:6: not an mst status line: "Bus speed is: fast"' },
    ]);
    expect(db.prepare(`SELECT parser, parse_error FROM artifacts WHERE name = 'cmd/mst/status.out'`).all()).toEqual([{ parser: 'mst-status', parse_error: null }]);
    expect(firmwareKeys(db)).toEqual(['0000:af:00.0']);
  });

  it('keys an mlxconfig query naming a node by the function the listing pasted above it shows', async () => {
    const session = `root@host:~# mst status\n${listing}\nroot@host:~# mlxconfig -d /dev/mst/mt4119_pciconf1 q\n\nDevice #1:\n----------\n\nDevice type:    ConnectX5\nDevice:         /dev/mst/mt4119_pciconf1\n\nConfigurations:                              Next Boot\n         SRIOV_EN                            True(1)\n`;
    const { db } = await replayTree({ 'cmd/mlxconfig/session.txt': session });
    expect((db.prepare(`SELECT DISTINCT device_key FROM settings WHERE key = 'SRIOV_EN'`).all() as { device_key: string }[]).map((r) => r.device_key)).toEqual(['0000:af:00.0']);
    // The listing typed in the session is stored too: both functions with their nodes, the one no query names as well.
    expect(db.prepare(`SELECT device_key, value FROM settings WHERE namespace = 'mlx.mst' AND key = 'nodes' ORDER BY device_key`).all()).toEqual([
      { device_key: '0000:3b:00.0', value: '/dev/mst/mt4119_pciconf0' },
      { device_key: '0000:af:00.0', value: '/dev/mst/mt4119_pciconf1' },
    ]);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  });

  it('keys an mlxlink report naming a node by the function the listing pasted above it shows, and reads no line of it as the report\'s', async () => {
    const status = readFileSync(join(DIR, 'cx4-ibm-power-v-dot-separators.txt'), 'utf8');
    const report = readFileSync(join(REAL, 'mlxlink/cx4-ib-fdr-homelab-pciconf1-trailing-spaces.txt'), 'utf8');
    const { db } = await replayTree({ 'cmd/mlxlink/session.txt': `${status}[root@host ~]# mlxlink -d /dev/mst/mt4115_pciconf0.1\n${report}\n` });
    expect((db.prepare(`SELECT DISTINCT device_key FROM settings WHERE namespace = 'mlx.link'`).all() as { device_key: string }[]).map((r) => r.device_key)).toEqual(['0004:01:00.1']);
    expect(db.prepare(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).all()).toEqual([]);
  });

  it('places nothing where two listings disagree (outputs of two hosts)', async () => {
    const other = listing.replace('0000:3b:00.0', '0000:5e:00.0');
    const query = readFileSync(join(REAL, 'mstflint/cx4-fs3-ibm-power-narrow.txt'), 'utf8').replace('/dev/mst/mt4115_pciconf0', '/dev/mst/mt4119_pciconf0');
    const { db } = await replayTree({ 'cmd/mst/status.out': listing, 'cmd/mst/status_-v.out': other, 'cmd/flint/flint-query.txt': query });
    expect(firmwareKeys(db)).toEqual(['mst:mt4119_pciconf0']);
  });

  it('is read under the names people save it as, and only replayed: mst start, stop and restart load drivers', () => {
    expect(pastedMstStatusArgv('status_-v.out')).toEqual(['mst', 'status', '-v']);
    expect(pastedMstStatusArgv('mst-status-v.txt')).toEqual(['mst', 'status', '-v']);
    expect(pastedMstStatusArgv('sudo mst status.log')).toEqual(['mst', 'status']);
    expect(pastedMstStatusArgv('start.out')).toBeUndefined();
    expect(pastedMstStatusArgv('status_-v_--with_fpga.out')).toBeUndefined();
    expect(replayAllowed(['mst', 'status', '-vv'])).toBe(true);
    expect(replayAllowed(['mst', 'start'])).toBe(false);
    expect(commandAllowed(['mst', 'status'])).toBe(false);
  });
});
