/**
 * An nvme id-ctrl quoted in a mail names no node anywhere (no /dev/nvmeX in its saved name or its text): it is read and
 * keyed by its serial, as smartctl's outputs without a device are; before, it was not read (UNKNOWN_NAME).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { savedNvmeCommand } from '../../collector/classes/nvme/saved.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

// Keith Busch's reply quoting the id-ctrl of Rafael J. Wysocki's SK hynix PC401 (linux-pm, 2019).
const PC401 = readFileSync(new URL('./fixtures/real/id-ctrl/sk-hynix-pc401-linux-pm-mail-quoted-no-node.txt', import.meta.url), 'utf8');

async function replay(files: Record<string, string>) {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await collect({ output: out, root: treeOf(files), only: ['nvme'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return {
    issues: r.manifest.issues.map((i) => i.code),
    devices: db.prepare(`SELECT device_key, model, serial FROM devices ORDER BY device_key`).all(),
    firmware: db.prepare(`SELECT device_key, version FROM firmware WHERE state = 'running' ORDER BY device_key`).all(),
  };
}

describe('an nvme id-ctrl that names no node', () => {
  it('stands for nvme id-ctrl on no node when neither its name nor its text names one; a name or text naming one keeps it', () => {
    expect(savedNvmeCommand('cmd/nvme/nvme-id-ctrl-pc401.txt', PC401)?.argv).toEqual(['nvme', 'id-ctrl']);
    expect(savedNvmeCommand('cmd/nvme/nvme-id-ctrl-pc401.txt', PC401)?.controller).toBeUndefined();
    expect(savedNvmeCommand('cmd/nvme/id-ctrl_nvme1.txt', PC401)?.controller).toBe('nvme1');
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', `# nvme id-ctrl /dev/nvme2\n${PC401}`)?.controller).toBe('nvme2');
    // Two nodes in the text (and none in the name) say neither which one nor that there is none.
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', `nvme0 and nvme1 are alike:\n${PC401}`)).toBeUndefined();
    // fw-log and smart-log print no serial: without a node they stay unread.
    expect(savedNvmeCommand('cmd/nvme/fw-log.txt', 'afi  : 0x1\nfrs1 : 0x3530315352435431 (1TCRS105)\n')).toBeUndefined();
  });

  it('is read and keyed by its serial, with its model and firmware', async () => {
    const r = await replay({ 'cmd/nvme/nvme-id-ctrl-pc401.txt': PC401 });
    expect(r.issues).not.toContain('UNKNOWN_NAME');
    expect(r.issues).not.toContain('NOT_READ');
    expect(r.devices).toEqual([{ device_key: 'nvme:id-ctrl-MS92N171312902J0N', model: 'PC401 NVMe SK hynix 256GB', serial: 'MS92N171312902J0N' }]);
    expect(r.firmware).toEqual([{ device_key: 'nvme:id-ctrl-MS92N171312902J0N', version: '80007E00' }]);
  });

  it('two such outputs of two drives are two devices; the same drive saved again with its node is that controller', async () => {
    const other = PC401.replace('MS92N171312902J0N', 'MS92N171312902K1P');
    const two = await replay({ 'cmd/nvme/id-ctrl laptop.txt': PC401, 'cmd/nvme/id-ctrl desktop.txt': other });
    expect(two.devices.map((d) => (d as { device_key: string }).device_key)).toEqual(['nvme:id-ctrl-MS92N171312902J0N', 'nvme:id-ctrl-MS92N171312902K1P']);
    const same = await replay({ 'cmd/nvme/id-ctrl laptop.txt': PC401, 'cmd/nvme/id-ctrl_nvme0.txt': PC401 });
    expect(same.devices.map((d) => (d as { device_key: string }).device_key)).toEqual(['nvme:nvme0']);
  });

  // A stable@ reply (2023-03-20) quotes `nvme id-ns -n 1 /dev/nvme1 | grep eui64` runs of one host's PM173X, then the other
  // writer's id-ctrl of theirs, with no command line: a person reads that id-ctrl's node as not given, never nvme1.
  it("a node only another subcommand's command lines name is not the id-ctrl's: read on no node, keyed by its serial", async () => {
    const reply = readFileSync(new URL('./fixtures/replies/samsung-mzwlr3t8hbls-stable-mail-quoted-after-id-ns-runs.txt', import.meta.url), 'utf8');
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', reply)).toEqual({ treeName: 'cmd/nvme/id-ctrl.txt', argv: ['nvme', 'id-ctrl'] });
    const r = await replay({ 'cmd/nvme/id-ctrl.txt': reply });
    expect(r.devices).toEqual([{ device_key: 'nvme:id-ctrl-S64VNE0R602271', model: 'SAMSUNG MZWLR3T8HBLS-00AU3', serial: 'S64VNE0R602271' }]);
    expect(r.firmware).toEqual([{ device_key: 'nvme:id-ctrl-S64VNE0R602271', version: 'MPK94R5Q' }]);
    // Its own command line, or a node named elsewhere too, still gives the node; a log keeps the node the text names.
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', `# nvme id-ns -n 1 /dev/nvme1\n# nvme id-ctrl /dev/nvme1\n${PC401}`)?.controller).toBe('nvme1');
    expect(savedNvmeCommand('cmd/nvme/id-ctrl.txt', `# nvme id-ns -n 1 /dev/nvme1\nthe drive is /dev/nvme1\n${PC401}`)?.controller).toBe('nvme1');
    expect(savedNvmeCommand('cmd/nvme/fw-log.txt', '# nvme id-ctrl /dev/nvme1\nafi  : 0x1\nfrs1 : 0x3530315352435431 (1TCRS105)\n')?.controller).toBe('nvme1');
  });
});
