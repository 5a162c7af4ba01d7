/**
 * `cntlid` in `nvme id-ctrl` text is printed in hex by every nvme-cli: without 0x up to 1.8 (nvme-print.c
 * `show_nvme_id_ctrl`, `printf("cntlid    : %x\n", …)`, tags v0.5–v1.8: Ubuntu 18.04's 1.5, Debian 10's 1.7, RHEL 7's
 * 1.6/1.8), with it from 1.9 on (`%#x`, which prints a zero as `0`). A controller ID of 0x10 printed as `10` is 16,
 * not 10; one of 0x2a printed as `2a` is 42. The outputs below follow those printf lines, the other fields as they
 * print them. The corpus's output of nvme-cli pull request 479 (the change that added the 0x, commit 86e97d6c2 "Use 0x
 * prefix for all hex values of id-ctrl output") shows the older form on a real controller: `cntlid    : 21`, 0x21.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

/** The lines as `show_nvme_id_ctrl` prints them: the name padded to `width` (8 up to 1.5, 10 from 1.6), ` : `, the value. */
const idCtrl = (width: number, cntlid: string, ver: string): string => [
  'NVME Identify Controller:',
  ...([['vid', '0x8086'], ['ssvid', '0x8086'], ['sn', 'PHKS7335003M375AGN  '], ['mn', 'INTEL SSDPED1D375GA                     '],
    ['fr', 'E2010325'], ['cntlid', cntlid], ['ver', ver], ['frmw', '0x2'], ['npss', '0']] as const).map(([k, v]) => `${k.padEnd(width)}: ${v}`),
  '',
].join('\n');

async function cntlidStored(text: string): Promise<string | undefined> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['nvme'], isolation: 'inline', root: treeOf({ 'cmd/nvme/id-ctrl_nvme0.out': text }) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const row = db.prepare(`SELECT value FROM settings WHERE device_key = 'nvme:nvme0' AND namespace = 'nvme.id-ctrl' AND key = 'cntlid'`).get() as { value: string } | undefined;
  return row?.value;
}

describe('nvme id-ctrl text: cntlid is hex in every nvme-cli', () => {
  it('nvme-cli 1.5 (`cntlid  : %x`, 8-column names): `10` is controller 16', async () => {
    expect(await cntlidStored(idCtrl(8, '10', '10200'))).toBe('16');
  });
  it('nvme-cli 1.8 (`cntlid    : %x`): `2a` is controller 42', async () => {
    expect(await cntlidStored(idCtrl(10, '2a', '10200'))).toBe('42');
  });
  it('nvme-cli 1.9 on (`%#x`): `0x10` is 16 and `0` is 0, as before', async () => {
    expect(await cntlidStored(idCtrl(10, '0x10', '0x10200'))).toBe('16');
    expect(await cntlidStored(idCtrl(10, '0', '0x10200'))).toBe('0');
  });
  it('the real output of nvme-cli pull request 479: `cntlid    : 21` is controller 33', async () => {
    expect(await cntlidStored(readFileSync(new URL('./fixtures/real/id-ctrl/nvmecli479-samsung-mzwll1t6-elided.txt', import.meta.url), 'utf8'))).toBe('33');
  });
});
