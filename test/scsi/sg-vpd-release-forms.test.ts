/**
 * sg_vpd and sg_inq -p text as sg3_utils 1.37 to 1.49 print it, each form taken from the printing code at the release
 * tags of github.com/doug-gilbert/sg3_utils: sg_vpd.c (decode_dev_ids, the Supported VPD pages case, the page headings'
 * `np = "…"`; sg_vpd_common.c from 1.48), lib/sg_lib.c sg_get_designation_descriptor_str (a designator's lines, its
 * bytes by hex2str at the caller's indentation, none for sg_vpd), sg_inq.c decode_ata_info_vpd. Each output is read
 * whole (no issue) and gives the serial, the logical unit's name and the drive behind a SAT layer.
 */
import { describe, expect, it } from 'vitest';
import { parseSgInq } from '../../analyzer/classes/scsi/sg-inq.js';
import { parseSgVpd } from '../../analyzer/classes/scsi/sg-vpd.js';
import { replayScsi } from './replay-saved.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('sg_vpd -p di: the addressed logical unit\'s designators after a designator with labels of its own', () => {
  it('1.43-1.49: a vendor specific designator\'s bytes at the margin (hex2str, no indentation) and then its NAA', () => {
    const r = parseSgVpd(lines(
      'Device Identification VPD page:',
      '  Addressed logical unit:',
      '    designator type: vendor specific [0x0],  code set: Binary',
      '      vendor specific:',
      '11 22 33 44 55 66 77 88  99 aa bb cc dd ee ff ed    ."3DUfw.........',
      'cb a9 87 65 43 21                                   ...eC!          ',
      '    designator type: T10 vendor identification,  code set: ASCII',
      '      vendor id: ATA     ',
      '      vendor specific: ST4000NM0033-9ZM170                      Z1Z3ABCD',
      '    designator type: NAA,  code set: Binary',
      '      0x5000c50079e2f1a3',
      '  Target port:',
      '    designator type: NAA,  code set: Binary',
      '     transport: Serial Attached SCSI Protocol (SPL-4)',
      '      0x5000c50079e2f1a1',
    ));
    expect(r.issues).toEqual([]);
    expect([r.naa, r.t10]).toEqual(['0x5000c50079e2f1a3', { vendor: 'ATA', specific: 'ST4000NM0033-9ZM170                      Z1Z3ABCD' }]);
  });

  it('1.37-1.42: the vendor specific bytes on stderr with their offset (dStrHexErr), pasted with 2>&1', () => {
    const r = parseSgVpd(lines(
      'Device Identification VPD page:',
      '  Addressed logical unit:',
      '    designator type: vendor specific [0x0],  code set: Binary',
      '      vendor specific:',
      ' 00     53 45 41 47 41 54 45 20  20 53 54 33 30 30 30 4e    SEAGATE  ST3000N',
      '    designator type: NAA,  code set: Binary',
      '      0x5000c500a1b2c3d4',
    ));
    expect(r.issues).toEqual([]);
    expect(r.naa).toBe('0x5000c500a1b2c3d4');
  });

  it('1.37-1.42 redirected to a file with 2>&1: the stderr label and bytes come out above the page', () => {
    const r = parseSgVpd(lines(
      '      vendor specific:',
      ' 00     11 22 33 44 55 66 77 88  99 aa bb cc dd ee ff ed    ."3DUfw.........',
      ' 10     cb a9 87 65 43 21                                   ...eC!',
      'Device Identification VPD page:',
      '  Addressed logical unit:',
      '    designator type: vendor specific [0x0],  code set: Binary',
      '    designator type: NAA,  code set: Binary',
      '      0x5000c500a1b2c3d4',
    ));
    expect(r.issues).toEqual([]);
    expect(r.naa).toBe('0x5000c500a1b2c3d4');
  });

  it('a SCSI name string or an MD5 identifier under the logical unit ends neither it nor its later NAA', () => {
    const r = parseSgVpd(lines(
      'Device Identification VPD page:',
      '  Addressed logical unit:',
      '    designator type: MD5 logical unit identifier,  code set: Binary',
      '      MD5 logical unit identifier:',
      'ff ee dd cc bb aa 99 88  77 66 55 44 33 22 11 00',
      '    designator type: SCSI name string,  code set: UTF-8',
      '      SCSI name string:',
      '      naa.600A098038303053453F463045727A55',
      '    designator type: NAA,  code set: Binary',
      '      0x600a098038303053453f463045727a55',
    ));
    expect(r.issues).toEqual([]);
    expect(r.naa).toBe('0x600a098038303053453f463045727a55');
  });

  it('-l: the NAA in brackets under its parts, the device type under the heading', () => {
    const r = parseSgVpd(lines(
      'Device Identification VPD page:',
      '   [PQual=0  Peripheral device type: disk]',
      '  Addressed logical unit:',
      '    designator type: NAA,  code set: Binary',
      '      NAA 5, IEEE Company_id: 0xc50',
      '      Vendor Specific Identifier: 0x3011cb2b',
      '      [0x5000c5003011cb2b]',
      '  Target port:',
      '    designator type: NAA,  code set: Binary',
      '     transport: Serial Attached SCSI Protocol (SPL-4)',
      '      NAA 5, IEEE Company_id: 0xc50',
      '      Vendor Specific Identifier: 0x3011cb29',
      '      [0x5000c5003011cb29]',
    ));
    expect(r.issues).toEqual([]);
    expect(r.naa).toBe('0x5000c5003011cb2b');
  });
});

describe('an EUI-64 logical unit name printed in parts (lib/sg_lib.c; sg_vpd.c and sg_inq.c ask for it from 1.49 unless -q, before only with -l), put back together', () => {
  it.each([
    ['1.49, 16 bytes', ['      EUI-64 based 16 byte identifier', '      Identifier extension: 0x123456789abcdef', '      IEEE identifier: 0x1122334455667788'], '0x0123456789abcdef1122334455667788'],
    ['1.49, 12 bytes', ['      EUI-64 based 12 byte identifier', '      IEEE identifier: 0x1122334455667788', '      Directory ID: 0x123'], '0x112233445566778800000123'],
    ['-l before 1.49, 8 bytes', ['      EUI-64 based 8 byte identifier', '      IEEE Company_id: 0x2538', '      Vendor Specific Extension Identifier: 0x4455667788'], '0x0025384455667788'],
  ])('%s', (_release, parts, eui) => {
    const vpd = parseSgVpd(lines('Device Identification VPD page:', '  Addressed logical unit:', '    designator type: EUI-64 based,  code set: Binary', ...parts,
      '  Target port:', '    designator type: Relative target port,  code set: Binary', '      Relative target port: 0x1'));
    expect(vpd.issues).toEqual([]);
    expect(vpd.eui64).toBe(eui);
    const inq = parseSgInq(lines('VPD INQUIRY: Device Identification page', '  Designation descriptor number 1, descriptor length: 20',
      '    designator type: EUI-64 based,  code set: Binary', '    associated with the Addressed logical unit', ...parts,
      '  Designation descriptor number 2, descriptor length: 8', '    designator type: Relative target port,  code set: Binary',
      '    associated with the Target port', '      Relative target port: 0x1'));
    expect(inq.issues).toEqual([]);
    expect(inq.eui64).toBe(eui);
  });
});

describe('sg_vpd with no page: Supported VPD pages', () => {
  it.each([
    ['1.37-1.49', ['  Supported VPD pages [sv]', '  Unit serial number [sn]', '  Device identification [di]', '  ATA information (SAT) [ai]', '  0xc0']],
    ['-l, 1.37-1.47 (`0x%x` for a page it has no name for)', ['   [PQual=0  Peripheral device type: disk]', '  0x00  Supported VPD pages [sv]', '  0x80  Unit serial number [sn]', '  0xb1  Block device characteristics (SBC) [bdc]', '  0xc0']],
    ['-l, 1.48-1.49 (`0x%02x`)', ['   [PQual=0  Peripheral device type: disk]', '  0x00  Supported VPD pages [sv]', '  0x83  Device identification [di]', '  0xc0']],
  ])('%s: every page it lists is a line of the page', (_release, list) => {
    const r = parseSgVpd(lines('Supported VPD pages VPD page:', ...list));
    expect(r.issues).toEqual([]);
    expect(r.pages).toEqual(['supported vpd pages']);
  });
});

describe('page headings of every release (sg_vpd.c np = "…", the undecoded page lines)', () => {
  it.each([
    ['Zoned block device characteristics VPD page (SBC, ZBC):', 'zoned block device characteristics'],
    ['Block limits VPD page (SBC):', 'block limits'],
    ['VPD page code=0xde:', 'code 0xde'],
    ['VPD page code=222:', 'code 222'],
    ['VPD page code=0xde, subvalue=0x01:', 'code 0xde'],
    ['VPD page=0xb0, pdt=0x1:', 'code 0xb0'],
    ['SCSI Feature sets:', 'scsi feature sets'],
  ])('%s', (heading, page) => {
    const r = parseSgVpd(lines(heading, ' 00     00 b0 00 3c 00 00 00 00  00 00 00 00 00 00 00 00    ...<............'));
    expect(r.issues).toEqual([]);
    expect(r.pages).toEqual([page]);
  });
});

describe('ATA information (page 0x89)', () => {
  it('sg_vpd -l: the IDENTIFY words in hex after the summary, the drive read', () => {
    const r = parseSgVpd(lines(
      'ATA information VPD page:',
      '   [PQual=0  Peripheral device type: disk]',
      '  SAT Vendor identification: linux   ',
      '  SAT Product identification: SAT scsi_debug  ',
      '  SAT Product revision level: 1234',
      '  Device signature [SATA] (in hex):',
      ' 00     34 00 00 00 01 00 00 00  00 00 00 00 01 00 00 00    4...............',
      ' 10     00 00 00 00                                         ....',
      '  Command code: 0xec',
      '  ATA command IDENTIFY DEVICE response summary:',
      '    model: ST380013AS                              ',
      '    serial number: 5JV4ABCD            ',
      '    firmware revision: 3.18    ',
      '  ATA command IDENTIFY DEVICE response in hex:',
      ' 00     0c5a 3fff c837 0010 0000 0000 003f 0000     .Z ?. .7 .. .. .. .? .. ',
      ' 08     0000 0000 354a 5634 4142 4344 2020 2020     .. .. 5J V4 AB CD       ',
    ));
    expect(r.issues).toEqual([]);
    expect(r.ata).toEqual({ model: 'ST380013AS', serial: '5JV4ABCD', firmware: '3.18' });
  });

  it('sg_inq -p 0x89: the signature and the response in hex under their labels', () => {
    const r = parseSgInq(lines(
      'VPD INQUIRY: ATA information page',
      '  SAT Vendor identification: linux   ',
      '  SAT Product identification: SAT scsi_debug  ',
      '  SAT Product revision level: 1234',
      '  Signature (Device to host FIS):',
      ' 00     34 00 00 00 01 00 00 00  00 00 00 00 01 00 00 00',
      ' 10     00 00 00 00',
      '  ATA command IDENTIFY DEVICE response summary:',
      '    model: ST380013AS                              ',
      '    serial number: 5JV4ABCD            ',
      '    firmware revision: 3.18    ',
      '  response in hex:',
      ' 00     0c5a 3fff c837 0010 0000 0000 003f 0000     .Z ?. .7 .. .. .. .? .. ',
    ));
    expect(r.issues).toEqual([]);
    expect(r.ata).toEqual({ model: 'ST380013AS', serial: '5JV4ABCD', firmware: '3.18' });
  });
});

describe('sg_inq -p 0x83: designators of other kinds (lib/sg_lib.c sg_get_designation_descriptor_str)', () => {
  it('a UUID and a SCSI over PCIe port\'s routing ID are sg_inq\'s lines', () => {
    const r = parseSgInq(lines(
      'VPD INQUIRY: Device Identification page',
      '  Designation descriptor number 1, descriptor length: 20',
      '    designator_type: NAA,  code_set: Binary',
      '    associated with the Addressed logical unit',
      '      NAA 6, IEEE Company_id: 0x24e8',
      '      Vendor Specific Identifier: 0x6ec3a1b2',
      '      Vendor Specific Identifier Extension: 0xc0d1e2f3a4b5c6d7',
      '      [0x60024e806ec3a1b2c0d1e2f3a4b5c6d7]',
      '  Designation descriptor number 2, descriptor length: 22',
      '    designator_type: UUID identifier,  code_set: Binary',
      '    associated with the Addressed logical unit',
      '      Locally assigned UUID: 11223344-5566-7788-99aa-bbccddeefedc',
      '  Designation descriptor number 3, descriptor length: 12',
      '    designator_type: Protocol specific port identifier,  code_set: Binary',
      '     transport: SCSI over PCI Express (SOP)',
      '    associated with the Target port',
      '      PCIe routing ID, bus number: 0x1',
      '          function number: 0x23',
      '          [or device number: 0x4, function number: 0x3]',
    ));
    expect(r.issues).toEqual([]);
    expect(r.naa).toBe('0x60024e806ec3a1b2c0d1e2f3a4b5c6d7');
  });
});

describe('sg_inq on an NVMe node (sg_inq.c do_nvme_identify_ctrl, show_nvme_id_ns; 1.43 on)', () => {
  const nvme = lines(
    'Identify controller for /dev/nvme0n1:',
    '  Model number: Samsung SSD 970 EVO Plus 1TB',
    '  Serial number: S4EWNX0N123456A',
    '  Firmware revision: 2B2QEXM7',
    '  Version: 1.3',
    '  Optional admin command support:',
    '    Device self-test',
    '    Firmware download and commit',
    '    Format NVM',
    '  Optional NVM command support:',
    '    Timestamp feature',
    '    Write zeroes',
    '    Dataset management',
    '  PCI vendor ID VID/SSVID: 0x144d/0x144d',
    '  IEEE OUI Identifier: 0x2538',
    '  Controller ID: 0x4',
    '  Number of namespaces: 1',
    '  Maximum data transfer size: 512 pages',
    '  Total NVM capacity: 1000204886016 bytes',
    '  Power state 0: Max power: 7.540 Watts, operational',
    '    [ENLAT], [EXLAT], RRT=0, RRL=0, RWT=0, RWL=0',
    '  Power state 4: Max power: 9.0 milliWatts, non-operational',
    '    ENLAT=210, EXLAT=1200, RRT=4, RRL=4, RWT=4, RWL=4',
    '  Namespace 1 (deduced from device name):',
    '    Namespace size/capacity: 1953525168/1953525168 blocks',
    '    Namespace utilization: 112345678 blocks',
    '    EUI-64: 0x002538b581b2c3d4',
    '    Number of LBA formats: 1',
    '    Index LBA size: 0',
    '    LBA format 0 support: <-- active',
    '      Logical block size: 512 bytes',
  );

  it('is the controller\'s Identify summary: its model, serial and firmware, no ATA information', () => {
    const r = parseSgInq(nvme);
    expect(r.issues).toEqual([]);
    expect(r.nvme).toEqual({ model: 'Samsung SSD 970 EVO Plus 1TB', serial: 'S4EWNX0N123456A', firmware: '2B2QEXM7' });
    expect(r.ata).toBeUndefined();
  });

  it('saved as sg_inq of the node: the drive at it with the controller\'s model, serial and running firmware', async () => {
    const r = await replayScsi({ 'cmd/sg_inq/sg_inq nvme0n1.txt': nvme });
    expect(r.devices).toEqual([{ device_key: 'scsi:nvme0n1', model: 'Samsung SSD 970 EVO Plus 1TB', serial: 'S4EWNX0N123456A' }]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:nvme0n1', version: '2B2QEXM7' }]);
  });
});
