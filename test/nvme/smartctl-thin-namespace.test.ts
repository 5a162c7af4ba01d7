/**
 * smartctl prints an NVMe namespace's size and capacity on one line (`Namespace 1 Size/Capacity:`) unless they differ
 * or the namespace is thin provisioned (Identify Namespace NSFEAT bit 0): then `Namespace 1 Size:` and `Namespace 1
 * Capacity:` (smartmontools nvmeprint.cpp `print_drive_info`, every release from RELEASE_6_5 to RELEASE_7_5), and
 * `Namespace 1 Utilization:` too. `Total NVM Capacity:` is printed only where the controller reports TNVMCAP (many
 * client controllers report 0). The text below follows RELEASE_7_4's printer for such a drive, and its -j the same
 * function's `lbacap_to_js` lines (`user_capacity` is the namespace's capacity).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const TEXT = [
  'smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.8.0-45-generic] (local build)',
  'Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Model Number:                       FWSNAP THIN NVME 1TB',
  'Serial Number:                      FWTHIN0000000001',
  'Firmware Version:                   1.2.3',
  'PCI Vendor/Subsystem ID:            0x1e0f',
  'IEEE OUI Identifier:                0x8ce38e',
  'Controller ID:                      0',
  'NVMe Version:                       1.4',
  'Number of Namespaces:               1',
  'Namespace 1 Size:                   1,024,209,543,168 [1.02 TB]',
  'Namespace 1 Capacity:               1,000,204,886,016 [1.00 TB]',
  'Namespace 1 Utilization:            52,428,800,000 [52.4 GB]',
  'Namespace 1 Formatted LBA Size:     512',
  'Namespace 1 IEEE EUI-64:            8ce38e 0300a1b2c3',
  'Local Time is:                      Mon Dec  7 08:00:00 2026 UTC',
  '',
  '=== START OF SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
].join('\n');

const JSON_74 = JSON.stringify({
  json_format_version: [1, 0],
  smartctl: { version: [7, 4], svn_revision: '5530', platform_info: 'x86_64-linux-6.8.0-45-generic', build_info: '(local build)', argv: ['smartctl', '-j', '-i', '-H', '/dev/nvme0'], exit_status: 0 },
  device: { name: '/dev/nvme0', info_name: '/dev/nvme0', type: 'nvme', protocol: 'NVMe' },
  model_name: 'FWSNAP THIN NVME 1TB',
  serial_number: 'FWTHIN0000000001',
  firmware_version: '1.2.3',
  nvme_namespaces: [{ id: 1, size: { blocks: 2000409264, bytes: 1024209543168 }, capacity: { blocks: 1953525168, bytes: 1000204886016 }, utilization: { blocks: 102400000, bytes: 52428800000 }, formatted_lba_size: 512 }],
  user_capacity: { blocks: 1953525168, bytes: 1000204886016 },
  smart_status: { passed: true, nvme: { value: 0 } },
}, null, 2);

async function read(name: string, text: string): Promise<{ capacity?: string; unread: string[] }> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['ata', 'nvme'], isolation: 'inline', root: treeOf({ [name]: text }) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  const cap = db.prepare(`SELECT value FROM settings WHERE namespace = 'smartctl' AND key = 'capacity_bytes'`).get() as { value: string } | undefined;
  const unread = (db.prepare(`SELECT message FROM collection_issues WHERE code IN ('PARSE-LINE', 'PARSE')`).all() as { message: string }[]).map((r) => r.message);
  return { ...(cap ? { capacity: cap.value } : {}), unread };
}

describe('smartctl: a thin-provisioned NVMe namespace, its size and capacity on lines of their own', () => {
  it('are smartctl\'s lines, and the capacity is the namespace\'s, as -j\'s user_capacity', async () => {
    const text = await read('cmd/smartctl/-i_-H_nvme0.out', TEXT);
    expect(text).toEqual({ capacity: '1000204886016', unread: [] });
    expect(await read('cmd/smartctl/-j_-i_-H_nvme0.out', JSON_74)).toEqual(text);
  });
});
