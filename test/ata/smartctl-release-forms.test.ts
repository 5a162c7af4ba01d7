/**
 * smartctl's text forms that only some releases print, laid out as each prints them (the printers of smartmontools'
 * RELEASE_5_38 … RELEASE_7_5 tags; docs/artifacts/ata.md lists the forms and the releases).
 */
import { describe, expect, it } from 'vitest';
import { parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';

const banner539 = ['smartctl 5.39 2008-10-24 22:33 [x86_64-suse-linux-gnu] (openSUSE RPM)', 'Copyright (C) 2002-8 by Bruce Allen, http://smartmontools.sourceforge.net', ''];

describe('smartctl 5.0 to 5.40: a SCSI drive as "Device: <vendor> <product> Version: <revision>" (scsiprint.cpp)', () => {
  // INQUIRY's vendor (8 characters) and product (16) as stored, with their padding.
  it.each([
    ['Device: SEAGATE  ST3146855LC      Version: 0003', 'SEAGATE ST3146855LC', '0003'],
    ['Device: IBM-ESXS ST973401LC    FN Version: B41D', 'IBM-ESXS ST973401LC    FN', 'B41D'],
    ['Device: HP       DG072A9BB7       Version: HPD0', 'HP DG072A9BB7', 'HPD0'],
    // A copy whose runs of spaces were collapsed.
    ['Device: FUJITSU MAX3073RC Version: 0104', 'FUJITSU MAX3073RC', '0104'],
  ])('%s', (line, model, firmware) => {
    const info = parseSmartctlText(
      [...banner539, line, 'Serial number: 3KN1ABCD00009712XYZW', 'Device type: disk', 'Transport protocol: SAS', 'Local Time is: Fri Mar  4 16:58:30 2016 CST', 'Device supports SMART and is Enabled', 'Temperature Warning Enabled', 'SMART Health Status: OK', ''].join('\n'),
    );
    expect({ protocol: info.protocol, model: info.model, firmware: info.firmware, serial: info.serial, health: info.health, issues: info.issues }).toEqual({
      protocol: 'SCSI', model, firmware, serial: '3KN1ABCD00009712XYZW', health: 'OK', issues: [],
    });
  });
});

describe('smartmontools 5.x: a SCSI drive\'s information printed without its heading', () => {
  it('ends at the health line, which 5.x prints right below it: the SMART data below it in a copy that lost the blank line is no unread line', () => {
    const info = parseSmartctlText(
      [
        ...banner539, 'Device: SEAGATE  ST9146803SS      Version: 0006', 'Serial number: 6SD2A3ZZ0000B127LJJM', 'Device type: disk', 'Transport protocol: SAS',
        'Device supports SMART and is Enabled', 'Temperature Warning Enabled', 'SMART Health Status: OK', 'Current Drive Temperature:     21 C',
        'Elements in grown defect list: 0', 'Vendor (Seagate) cache information', '  Blocks sent to initiator = 1044970503', '',
      ].join('\n'),
    );
    expect({ model: info.model, health: info.health, issues: info.issues }).toEqual({ model: 'SEAGATE ST9146803SS', health: 'OK', issues: [] });
  });
});
