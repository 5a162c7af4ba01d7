/**
 * Two saved outputs of one nvme-cli subcommand on one controller: the one read was the first in the bundle's name
 * order, so a plain `id-ctrl_nvme0.out` hid the `id-ctrl_nvme0_-o_json.out` or `-H` output saved beside it. The
 * richer form is now read: `-o json` (every value exact, nothing of a layout to misread), then `-H`, then plain text;
 * the name order only between two of one form. The other is named by EARLIER-OUTPUT as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/real/id-ctrl/${p}`, import.meta.url), 'utf8');

async function serialRead(tree: Record<string, string>): Promise<{ serial: string; issues: string[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['nvme'], isolation: 'inline', root: treeOf(tree) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const { serial } = db.prepare(`SELECT serial FROM devices WHERE device_key = 'nvme:nvme0'`).get() as { serial: string };
  const issues = (db.prepare(`SELECT message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { message: string }[]).map((r) => r.message);
  return { serial: serial.trim(), issues };
}

describe('of two outputs of one subcommand on one controller, the richer is read', () => {
  it('-o json over plain text that comes first in name order', async () => {
    const r = await serialRead({ 'cmd/nvme/id-ctrl_nvme0.out': fixture('kingston-snv2s250g-fog.txt'), 'cmd/nvme/id-ctrl_nvme0_-o_json.out': fixture('qemu-lab-nvme-cli-2.3-json.json') });
    expect(r.serial).toBe('FWSNAPLABNVME01');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatch(/-o_json\.out\) is read/);
  });
  it('-H over plain text that comes first in name order', async () => {
    const r = await serialRead({ 'cmd/nvme/id-ctrl_nvme0.out': fixture('kingston-snv2s250g-fog.txt'), 'cmd/nvme/id-ctrl_nvme0_-H.out': fixture('samsung-pm1733-notes-H.txt') });
    expect(r.serial).toBe('S5RTNC0T104269');
  });
  it('JSON saved under a plain name is JSON', async () => {
    const r = await serialRead({ 'cmd/nvme/id-ctrl_nvme0_-H.out': fixture('samsung-pm1733-notes-H.txt'), 'cmd/nvme/id-ctrl_nvme0_x.out': fixture('qemu-lab-nvme-cli-2.3-json.json') });
    expect(r.serial).toBe('FWSNAPLABNVME01');
  });
  it('two of one form: the first in name order, as before', async () => {
    const r = await serialRead({ 'cmd/nvme/id-ctrl_-H_nvme0.out': fixture('samsung-pm1733-notes-H.txt'), 'cmd/nvme/id-ctrl_nvme0_-H.out': fixture('crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt') });
    expect(r.serial).toBe('S5RTNC0T104269');
  });
});
