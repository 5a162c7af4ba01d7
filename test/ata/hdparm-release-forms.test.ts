/**
 * hdparm -I forms of releases 6.x to 8.x (identify.c at the 6.0 … 8.9 tags) that later releases changed: a
 * CompactFlash card's heading and 6.x-7.x's CFA power mode at the margin, no Transport line before 6.4.
 */
import { describe, expect, it } from 'vitest';
import { parseHdparm } from '../../analyzer/classes/ata/hdparm.js';

const cf = (heading: string, extra: string[]) =>
  [
    '', '/dev/sdb:', '', heading,
    '\tModel Number:       SanDisk SDCFX-016G                      ', '\tSerial Number:      BDZ0811A1234', '\tFirmware Revision:  HDX 7.08',
    'Standards:', '\tSupported: 4 ', '\tLikely used: 4', 'Configuration:', '\tLogical\t\tmax\tcurrent', '\tcylinders\t16383\t16383',
    '\tLBA    user addressable sectors:   31293360', '\tdevice size with M = 1024*1024:       15279 MBytes',
    'Capabilities:', '\tLBA, IORDY(can be disabled)', ...extra,
    'Commands/features:', '\tEnabled\tSupported:', '\t   *\tSMART feature set', '\t   *\tWrite cache', '\t   *\tCFA feature set', '',
  ].join('\n');

describe('hdparm -I of a CompactFlash card', () => {
  it.each([
    ['8.0-9.58', 'CompactFlash ATA device', []],
    ['6.x-7.x', 'CompactFlash ATA device, with removable media', ['CFA power mode 1:', '\tenabled and required by some commands', '\tMaximum current = 100ma']],
    ['6.x-7.x, fixed media', 'CompactFlash ATA device, with non-removable media', []],
  ] as const)('%s: its heading and lines are hdparm\'s, its identity and features read', (_release, heading, extra) => {
    const r = parseHdparm(cf(heading, [...extra]));
    expect(r.issues).toEqual([]);
    expect({ model: r.model, serial: r.serial, firmware: r.firmware, smart: r.settings.smart_enabled, wc: r.settings.write_cache_enabled }).toEqual({
      model: 'SanDisk SDCFX-016G', serial: 'BDZ0811A1234', firmware: 'HDX 7.08', smart: true, wc: true,
    });
  });
});
