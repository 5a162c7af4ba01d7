import { describe, expect, it } from 'vitest';
import { parseSmartctlOutputs } from '../../analyzer/classes/ata/smartctl.js';
import { replayTree } from '../helpers/replay-tree.js';

/**
 * `smartctl -A` prints a drive's SMART data alone, and `smartctl -H` its verdict alone: no model, serial or firmware.
 * A real paste of three runs on a Micron 7450 (a blog's zsh session: -i, -H, -A of /dev/nvme1n1), each run's output saved
 * apart as a user would, and an ATA attribute table printed by -A.
 */
const BANNER = 'smartctl 7.1 2019-12-30 r5022 [x86_64-linux-5.4.241-24.0017.23] (local build)\nCopyright (C) 2002-19, Bruce Allen, Christian Franke, www.smartmontools.org\n\n';
const INFO = `${BANNER}=== START OF INFORMATION SECTION ===
Model Number:                       Micron_7450_MTFDKCE7T6TFR
Serial Number:                      241147A31B34
Firmware Version:                   E2MU200
PCI Vendor/Subsystem ID:            0x1344
IEEE OUI Identifier:                0x00a075
Total NVM Capacity:                 7,681,501,126,656 [7.68 TB]
Unallocated NVM Capacity:           0
Controller ID:                      0
Number of Namespaces:               132
Namespace 1 Size/Capacity:          7,681,501,126,656 [7.68 TB]
Namespace 1 Formatted LBA Size:     512
Namespace 1 IEEE EUI-64:            00a075 0147a31b34
Local Time is:                      Thu Aug 21 12:36:54 2025 CST
`;
const HEALTH = `${BANNER}=== START OF SMART DATA SECTION ===\nSMART overall-health self-assessment test result: PASSED\n`;
const DATA = `${BANNER}=== START OF SMART DATA SECTION ===
SMART/Health Information (NVMe Log 0x02)
Critical Warning:                   0x00
Temperature:                        44 Celsius
Available Spare:                    100%
Available Spare Threshold:          10%
Percentage Used:                    0%
Data Units Read:                    8,655,791 [4.43 TB]
Media and Data Integrity Errors:    0
Error Information Log Entries:      0
`;
const ATA_DATA = `smartctl 7.2 2020-12-30 r5155 [aarch64-linux-5.15.89-rockchip64] (local build)
Copyright (C) 2002-20, Bruce Allen, Christian Franke, www.smartmontools.org

=== START OF READ SMART DATA SECTION ===
SMART Attributes Data Structure revision number: 16
Vendor Specific SMART Attributes with Thresholds:
ID# ATTRIBUTE_NAME          FLAG     VALUE WORST THRESH TYPE      UPDATED  WHEN_FAILED RAW_VALUE
  1 Raw_Read_Error_Rate     0x002f   200   200   051    Pre-fail  Always       -       0
  3 Spin_Up_Time            0x0027   176   171   021    Pre-fail  Always       -       4158
`;

describe('smartctl -A and -H: SMART data of a drive the output does not name', () => {
  it('reads -A of an NVMe drive and of an ATA drive as those drives\' data, not as "not smartctl output"', () => {
    const nvme = parseSmartctlOutputs(DATA).outputs[0]!;
    expect([nvme.protocol, nvme.model, nvme.serial, nvme.nvmeHealth?.critical_warning, nvme.issues]).toEqual(['NVMe', undefined, undefined, 0, []]);
    const ata = parseSmartctlOutputs(ATA_DATA).outputs[0]!;
    expect([ata.protocol, ata.model, ata.issues]).toEqual(['ATA', undefined, []]);
  });

  it('-i, -H and -A pasted in one file: -A is a further run on the drive, no unread line', async () => {
    const { db } = await replayTree({ 'cmd/smartctl/smartctl nvme1n1.txt': `$ sudo smartctl -i /dev/nvme1n1\n${INFO}\n$ sudo smartctl -H /dev/nvme1n1\n${HEALTH}\n$ sudo smartctl -A /dev/nvme1n1\n${DATA}` });
    try {
      expect(db.prepare(`SELECT device_key, class, model FROM devices`).all()).toEqual([{ device_key: 'nvme:nvme1', class: 'nvme', model: 'Micron_7450_MTFDKCE7T6TFR' }]);
      expect(db.prepare(`SELECT namespace, key, value FROM settings WHERE (namespace = 'smartctl' AND key = 'health') OR (namespace = 'nvme.smart' AND key = 'critical_warning') ORDER BY key`).all()).toEqual([
        { namespace: 'nvme.smart', key: 'critical_warning', value: '0' }, { namespace: 'smartctl', key: 'health', value: 'PASSED' },
      ]);
      expect(db.prepare(`SELECT message FROM collection_issues WHERE code LIKE 'PARSE%'`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('each run saved apart (-H and -A sort before -i): one drive, its model, class, verdict and warning byte', async () => {
    const { db } = await replayTree({
      'smartctl -H nvme1n1.txt': HEALTH, 'smartctl -A nvme1n1.txt': DATA, 'smartctl -i nvme1n1.txt': INFO,
    });
    try {
      expect(db.prepare(`SELECT device_key, class, model, serial FROM devices`).all()).toEqual([{ device_key: 'nvme:nvme1', class: 'nvme', model: 'Micron_7450_MTFDKCE7T6TFR', serial: '241147A31B34' }]);
      expect(db.prepare(`SELECT DISTINCT namespace, key, value FROM settings WHERE (namespace = 'smartctl' AND key IN ('health', 'protocol')) OR (namespace = 'nvme.smart' AND key = 'critical_warning') ORDER BY key`).all()).toEqual([
        { namespace: 'nvme.smart', key: 'critical_warning', value: '0' }, { namespace: 'smartctl', key: 'health', value: 'PASSED' }, { namespace: 'smartctl', key: 'protocol', value: 'NVMe' },
      ]);
      expect(db.prepare(`SELECT parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all()).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('-A of an ATA drive saved alone: read (the drive\'s protocol), no parse error', async () => {
    const { db } = await replayTree({ 'smartctl -A sda.txt': ATA_DATA });
    try {
      expect(db.prepare(`SELECT parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all()).toEqual([]);
      expect(db.prepare(`SELECT device_key, class FROM devices`).all()).toEqual([{ device_key: 'ata:sda', class: 'ata' }]);
    } finally {
      db.close();
    }
  });
});
