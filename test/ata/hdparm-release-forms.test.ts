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

/**
 * The SATA speeds (IDENTIFY word 76 bits 1-3) and DEVSLP (word 78 bit 8) under each release's names, from
 * identify.c's cap_sata0_str and feat_sata0_str at the tags of github.com/smoser/hdparm (an import of hdparm's
 * releases), printed by print_features as `\t   *\t<name>` for each bit set: 6.9-9.11 `SATA-I`/`SATA-II signaling
 * speed`, 9.12-9.28 `Gen1`/`Gen2`, with bit 3 as `unknown 76[3]` up to 9.28 (`Gen3` from 9.29); DEVSLP as
 * `unknown 78[8]` up to 9.46, `Device Sleep (DEVSLP)` from 9.47.
 */
describe('hdparm -I SATA speeds and DEVSLP by release', () => {
  const sata = (features: string[]) =>
    [
      '', '/dev/sda:', '', 'ATA device, with non-removable media',
      '\tModel Number:       WDC WD40EFRX-68N32N0', '\tSerial Number:      WD-WCC7K1234567', '\tFirmware Revision:  82.00A82',
      'Commands/features:', '\tEnabled\tSupported:', '\t   *\tSMART feature set', '\t   *\tNative Command Queueing (NCQ)', ...features, '',
    ].join('\n');

  it.each([
    ['6.9-9.11', ['\t   *\tSATA-I signaling speed (1.5Gb/s)', '\t   *\tSATA-II signaling speed (3.0Gb/s)', '\t   *\tunknown 76[3]', '\t    \tunknown 78[8]'], 3, true],
    ['6.9-9.11, a 3 Gb/s drive', ['\t   *\tSATA-I signaling speed (1.5Gb/s)', '\t   *\tSATA-II signaling speed (3.0Gb/s)'], 2, false],
    ['6.9-9.11, a 1.5 Gb/s drive', ['\t   *\tSATA-I signaling speed (1.5Gb/s)'], 1, false],
    ['9.12-9.28', ['\t   *\tGen1 signaling speed (1.5Gb/s)', '\t   *\tGen2 signaling speed (3.0Gb/s)', '\t   *\tunknown 76[3]', '\t    \tunknown 78[8]'], 3, true],
    ['9.29-9.46', ['\t   *\tGen1 signaling speed (1.5Gb/s)', '\t   *\tGen2 signaling speed (3.0Gb/s)', '\t   *\tGen3 signaling speed (6.0Gb/s)', '\t    \tunknown 78[8]'], 3, true],
    ['9.47-9.65', ['\t   *\tGen1 signaling speed (1.5Gb/s)', '\t   *\tGen2 signaling speed (3.0Gb/s)', '\t   *\tGen3 signaling speed (6.0Gb/s)', '\t    \tDevice Sleep (DEVSLP)'], 3, true],
  ] as const)('%s', (_release, features, gen, devsleep) => {
    const r = parseHdparm(sata([...features]));
    expect(r.issues).toEqual([]);
    expect({ gen: r.settings.sata_max_gen, devsleep: r.settings.devsleep, ncq: r.settings.ncq }).toEqual({ gen, devsleep, ncq: true });
  });
});
