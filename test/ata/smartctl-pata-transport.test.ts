/**
 * Two lines smartctl prints in an ATA drive's information section that fwsnap did not know, each read as an unread line:
 * - `Transport Type:   Parallel, ATA8-APT` (or `PCIe (0x…)`, `Unknown (0x…)`): a drive whose IDENTIFY word 222 says
 *   a parallel ATA (an IDE disk, a CompactFlash card) or PCIe transport, where a SATA drive gets `SATA Version is:`
 *   (ataprint.cpp `print_drive_info`, RELEASE_6_4 on; `get_pata_version` names 0x001/0x003 ATA8-APT, 0x002 ATA/ATAPI-7);
 * - `SCT Write Cache Control: Controlled by ATA` (`-g wcache-sct`, ataprint.cpp `ataPrintMain`, RELEASE_6_6 on).
 * The outputs below follow RELEASE_7_4's printers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const output = (extra: string[]): string => [
  'smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.1.0-26-amd64] (local build)',
  'Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Device Model:     FWSNAP CF CARD 8GB',
  'Serial Number:    FWCF00000001',
  'Firmware Version: 20110901',
  'User Capacity:    8,012,390,400 bytes [8.01 GB]',
  'Sector Size:      512 bytes logical/physical',
  'Rotation Rate:    Solid State Device',
  'Device is:        Not in smartctl database 7.3/5528',
  'ATA Version is:   ATA8-ACS (minor revision not indicated)',
  ...extra,
  'Local Time is:    Mon Dec  7 08:00:00 2026 UTC',
  'SMART support is: Available - device has SMART capability.',
  'SMART support is: Enabled',
  '',
  '=== START OF READ SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
].join('\n');

async function read(text: string): Promise<{ firmware?: string; unread: string[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['ata'], isolation: 'inline', root: treeOf({ 'cmd/smartctl/-x_sda.out': text }) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const fw = db.prepare(`SELECT version FROM firmware WHERE component = 'firmware' AND state = 'running'`).get() as { version: string } | undefined;
  const unread = (db.prepare(`SELECT message FROM collection_issues WHERE code IN ('PARSE-LINE', 'PARSE')`).all() as { message: string }[]).map((r) => r.message);
  return { ...(fw ? { firmware: fw.version } : {}), unread };
}

describe('smartctl: an ATA drive\'s Transport Type and SCT Write Cache Control lines are smartctl\'s', () => {
  it.each([
    ['Transport Type:   Parallel, ATA8-APT'],
    ['Transport Type:   Parallel, ATA/ATAPI-7'],
    ['Transport Type:   PCIe (0x000)'],
    ['Transport Type:   Unknown (0x2001)'],
  ])('%s', async (line) => {
    expect(await read(output([line]))).toEqual({ firmware: '20110901', unread: [] });
  });
  it('SCT Write Cache Control: Controlled by ATA (-g wcache-sct)', async () => {
    expect(await read(output(['Transport Type:   Parallel, ATA8-APT']).replace('SMART support is: Enabled\n', 'SMART support is: Enabled\nSCT Write Cache Control: Controlled by ATA\n'))).toEqual({ firmware: '20110901', unread: [] });
  });
});
