/**
 * smartctl run on an NVMe drive's nodes, as people save and paste it: `-d nvme` typed or in the saved name, the
 * controller (`/dev/nvme0`) or a partition of its namespace (`/dev/nvme0n1p1`, which smartctl opens to read the
 * controller), in a saved name glued by dashes (`smartctl-a-nvme0n1p1.txt`): each is the controller nvme:nvme0, never a
 * drive known only by its serial.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { tempDir, treeOf } from '../helpers/tmp.js';

const BODY = [
  'smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.8.0-45-generic] (local build)',
  'Copyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org',
  '',
  '=== START OF INFORMATION SECTION ===',
  'Model Number:                       FWSNAP NODE NVME 1TB',
  'Serial Number:                      FWNODE0000000001',
  'Firmware Version:                   1.2.3',
  'PCI Vendor/Subsystem ID:            0x1e0f',
  'IEEE OUI Identifier:                0x8ce38e',
  'Controller ID:                      0',
  'NVMe Version:                       1.4',
  'Number of Namespaces:               1',
  'Namespace 1 Size/Capacity:          1,000,204,886,016 [1.00 TB]',
  'Namespace 1 Formatted LBA Size:     512',
  'Local Time is:                      Mon Dec  7 08:00:00 2026 UTC',
  '',
  '=== START OF SMART DATA SECTION ===',
  'SMART overall-health self-assessment test result: PASSED',
  '',
].join('\n');

async function devices(tree: Record<string, string>): Promise<{ key: string; class: string }[]> {
  const out = join(tempDir(), 'b.tar.gz');
  await collect({ output: out, only: ['ata', 'nvme'], isolation: 'inline', root: treeOf(tree) });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return db.prepare(`SELECT device_key AS key, class FROM devices ORDER BY device_key`).all() as { key: string; class: string }[];
}

const FORMS: [string, Record<string, string>][] = [
  ['saved -a_-d_nvme_nvme0', { 'cmd/smartctl/-a_-d_nvme_nvme0.out': BODY }],
  ['saved -a_-d_nvme_%2fdev%2fnvme0', { 'cmd/smartctl/-a_-d_nvme_%2fdev%2fnvme0.out': BODY }],
  ['saved -a_nvme0n1p1', { 'cmd/smartctl/-a_nvme0n1p1.out': BODY }],
  ['saved -a_-d_nvme_nvme0n1p1', { 'cmd/smartctl/-a_-d_nvme_nvme0n1p1.out': BODY }],
  ['pasted -a -d nvme /dev/nvme0', { 'smartctl.txt': `$ sudo smartctl -a -d nvme /dev/nvme0\n${BODY}` }],
  ['pasted -a /dev/nvme0n1p1', { 'smartctl.txt': `$ sudo smartctl -a /dev/nvme0n1p1\n${BODY}` }],
  ['pasted -d nvme -a /dev/nvme0n1p1', { 'smartctl.txt': `# smartctl -d nvme -a /dev/nvme0n1p1\n${BODY}` }],
  ['pasted --device=nvme -a /dev/nvme0', { 'notes.txt': `# smartctl --device=nvme -a /dev/nvme0\n${BODY}` }],
  ['glued smartctl-a-nvme0n1p1', { 'smartctl-a-nvme0n1p1.txt': BODY }],
  ['glued smartctl-a-d-nvme-nvme0', { 'smartctl-a-d-nvme-nvme0.txt': BODY }],
  ['glued smartctl-a-dev-nvme0n1p2', { 'smartctl-a-dev-nvme0n1p2.txt': BODY }],
  ['loose smartctl_nvme0n1p1.txt', { 'smartctl_nvme0n1p1.txt': BODY }],
  ['loose nvme0n1p1.txt typed', { 'nvme0n1p1.txt': `$ smartctl -x /dev/nvme0n1p1\n${BODY}` }],
  ['pasted -a -d nvme /dev/nvme0n1p1 under a prompt with host', { 'paste.txt': `root@host:~# smartctl -a -d nvme /dev/nvme0n1p1\n${BODY}` }],
  ['pasted sudo smartctl -d nvme -x /dev/nvme0 in a markdown fence', { 'issue.md': ['```', '$ sudo smartctl -d nvme -x /dev/nvme0', BODY, '```', ''].join('\n') }],
  ['cmd/smartctl tool-named, typed -a -d nvme', { 'cmd/smartctl/smartctl.txt': `# smartctl -a -d nvme /dev/nvme0\n${BODY}` }],
];

describe('smartctl on an NVMe node', () => {
  it.each(FORMS)('%s is the controller nvme:nvme0', async (_, tree) => {
    expect(await devices(tree)).toEqual([{ key: 'nvme:nvme0', class: 'nvme' }]);
  });
});
