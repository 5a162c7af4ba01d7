/**
 * Saved hdparm outputs that resolve to one /dev name but print different serials are two drives (two hosts' sda), as
 * smartctl's are: both stored and read, the second keyed by its serial too. Two outputs of one drive stay one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { hdparmSerialPrinted } from '../../collector/classes/ata/hdparm-source.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/hdparm/${p}`, import.meta.url), 'utf8');
// A SanDisk Extreme Portable's hdparm -I under its /dev/sda: heading (serial 2039A3802322).
const SANDISK = real('sandisk-extreme-portable-usb-blog.txt');
// A Seagate ST2000DM001's hdparm -I pasted without a heading (serial Z240WE6F).
const SEAGATE = real('seagate-st2000dm001-zfs1468-no-heading.txt');

async function replay(files: Record<string, string>): Promise<{ stored: number; notRead: string[]; devices: { device_key: string; serial: string | null; firmware: string | null }[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  const r = await collect({ output: out, root: treeOf(files), only: ['ata'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return {
    stored: r.manifest.artifacts.filter((a) => a.name.startsWith('cmd/hdparm/') && a.name.endsWith('.out')).length,
    notRead: r.manifest.issues.filter((i) => i.code === 'NOT_READ').map((i) => i.target),
    devices: db.prepare(`SELECT d.device_key, d.serial, f.version AS firmware FROM devices d LEFT JOIN firmware f ON f.device_key = d.device_key AND f.state = 'running' ORDER BY d.device_key`).all() as { device_key: string; serial: string | null; firmware: string | null }[],
  };
}

describe('one /dev name, two hdparm outputs', () => {
  it("tells a drive by the serial -I or -i prints; a masked or blank one tells none", () => {
    expect(hdparmSerialPrinted(SANDISK)).toBe('2039A3802322');
    const short = readFileSync(new URL('./fixtures/report-outputs/hdparm/intel-ssdsc2kw512g8-i.txt', import.meta.url), 'utf8');
    expect(hdparmSerialPrinted(short)).toBe('PHLA75210153512DGN');
    expect(hdparmSerialPrinted(real('toshiba-mg09aca18te-truenas-masked-serial.txt'))).toBeUndefined();
    expect(hdparmSerialPrinted(real('crucial-m4-security-locked-empty-serial.txt'))).toBeUndefined();
  });


  it('two drives of two hosts both called sda (two serials) are both stored and read', async () => {
    const r = await replay({ 'cmd/hdparm/hdparm -I sda.txt': SANDISK, 'cmd/hdparm/hdparm -I sda nas.txt': SEAGATE });
    expect(r.stored).toBe(2);
    expect(r.notRead).toEqual([]);
    expect(r.devices.map((d) => d.serial).sort()).toEqual(['2039A3802322', 'Z240WE6F']);
    expect(r.devices.map((d) => d.device_key)).toContain('ata:sda');
    expect(r.devices.every((d) => d.firmware !== null)).toBe(true);
  });

  it('two outputs of one drive under one command stay one output read', async () => {
    const r = await replay({ 'cmd/hdparm/hdparm -I sda.txt': SANDISK, 'cmd/hdparm/hdparm -I sda again.txt': SANDISK });
    expect(r.stored).toBe(1);
    expect(r.notRead).toHaveLength(1);
    expect(r.devices.map((d) => d.serial)).toEqual(['2039A3802322']);
  });
});
