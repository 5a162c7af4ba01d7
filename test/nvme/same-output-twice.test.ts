/**
 * Two saved outputs of one nvme-cli subcommand on one controller (a ticket's id-ctrl of nvme0 before and after a
 * firmware update, or of two hosts' nvme0): one is read, and the other was dropped without a word. It is now named
 * by an EARLIER-OUTPUT issue that says which output was read instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');

describe('two outputs of one subcommand on one controller', () => {
  it('reads one and names the other as not stored', async () => {
    const out = join(tempDir(), 'b.tar.gz');
    await collect({
      output: out, only: ['nvme'], isolation: 'inline',
      root: treeOf({
        'cmd/nvme/id-ctrl_-H_nvme0.out': fixture('real/id-ctrl/samsung-sm951-firmware-readme-H.txt'),
        'cmd/nvme/id-ctrl_nvme0n1.out': fixture('real/id-ctrl/kingston-snv2s250g-fog.txt'),
      }),
    });
    const db = openDatabase(':memory:');
    await loadBundle(db, out);
    expect(db.prepare(`SELECT device_key, serial FROM devices WHERE class = 'nvme'`).all()).toEqual([{ device_key: 'nvme:nvme0', serial: 'S27FNY0HB04880' }]);
    const issues = db.prepare(`SELECT code, message FROM collection_issues WHERE code = 'EARLIER-OUTPUT'`).all() as { code: string; message: string }[];
    expect(issues).toEqual([{ code: 'EARLIER-OUTPUT', message: "nvme id-ctrl: another output of nvme0 (cmd/nvme/id-ctrl_-H_nvme0.out) is read; this one is not stored" }]);
  });
});
