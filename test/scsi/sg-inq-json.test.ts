/**
 * `sg_inq --json` (sg3_utils 1.48): the JSON laid out as sg_inq.c and sg_vpd_common.c print it with the default JSON
 * options (a leadin naming the utility, numbers with a meaning as {i, meaning}, exit_status last).
 */
import { describe, expect, it } from 'vitest';
import { parseSgInqJson } from '../../analyzer/classes/scsi/sg-inq-json.js';
import { replayScsi } from './replay-saved.js';

const leadin = (argv: string[]) => ({ json_format_version: [1, 0], utility_invoked: { name: 'sg_inq', version_date: '2.48 20230606', argv } });

const standard = JSON.stringify({
  ...leadin(['sg_inq', '--json', '/dev/sda']),
  standard_inquiry_data_format: {
    peripheral_qualifier: { i: 0, meaning: 'LU is connected' },
    peripheral_device_type: { i: 0, meaning: 'disk' },
    rmb: 0, lu_cong: 0, hot_pluggable: { i: 0, meaning: 'No information' }, version: { i: 5, meaning: 'SPC-3' },
    aerc: 0, trmtsk: 0, normaca: 0, hisup: 1, response_data_format: 2, sccs: 0, acc: 0, tpgs: { i: 0, meaning: 'not supported' },
    '3pc': 0, protect: 0, bque: 0, encserv: 0, multip: 0, mchngr: 0, reladr: 0, linked: 0, cmdque: 1,
    t10_vendor_identification: 'ATA     ', product_identification: 'ST8000AS0022-1WL', product_revision_level: 'SN01',
  },
  exit_status: 0,
}, null, 2);

const serialPage = JSON.stringify({
  ...leadin(['sg_inq', '-j', '-p', '0x80', '/dev/sda']),
  unit_serial_number_vpd_page: { peripheral_qualifier: { i: 0, meaning: 'LU is connected' }, peripheral_device_type: { i: 0, meaning: 'disk' }, page_code: 128, unit_serial_number: '            Z840ABCD' },
  exit_status: 0,
}, null, 2);

describe('sg_inq --json', () => {
  it('the standard INQUIRY: vendor, product and revision trimmed of their padding, the device type', () => {
    expect(parseSgInqJson(standard)).toEqual({ vendor: 'ATA', product: 'ST8000AS0022-1WL', revision: 'SN01', deviceType: 0, issues: [] });
  });
  it('-p 0x80: the unit serial number', () => {
    expect(parseSgInqJson(serialPage)).toEqual({ serial: 'Z840ABCD', deviceType: 0, issues: [] });
  });
  it('saved under the names a person gives it, it is read: the drive at its node with its INQUIRY strings and serial', async () => {
    for (const [name, text] of [['sg_inq --json sda.json', standard], ['cmd/sg_inq/-j_-p_0x80_sda.out', serialPage], ['sg_inq.json', `# sg_inq -j /dev/sda\n${standard}`]] as const) {
      const r = await replayScsi({ [name]: text });
      expect(r.notRead, name).toEqual([]);
      expect(r.devices.length, name).toBe(1);
    }
    const r = await replayScsi({ 'sg_inq --json sda.json': standard, 'sg_inq -j -p 0x80 sda.json': serialPage });
    expect(r.devices).toEqual([{ device_key: 'scsi:sda', model: 'ST8000AS0022-1WL', serial: 'Z840ABCD' }]);
    // Vendor ATA: SN01 is the SAT revision, the firmware's last 4 characters, stored marked as cut.
    expect(r.firmware).toEqual([{ device_key: 'scsi:sda', version: '…SN01' }]);
  });
});

// No public sg_inq --json output of pages 0x83 or 0x89 was found (docs/real-corpus.md): these are laid out as sg3_utils
// prints them (lib/sg_json_sg_lib.c sgj_haj_designation_descriptor, src/sg_vpd_common.c decode_ata_info_vpd of 1.49),
// with the values of real text outputs: the Hitachi array LU's NAA 6 of test/scsi/fixtures/real/sg_inq-p-0x83-hitachi-…
// (0x60060e8007c350000030c35000002025) and the WD2005FBYZ behind an LSI SATL of sg_vpd-p-0x89-wd2005fbyz-….
const descriptor = (assoc: number, type: number, parts: Record<string, unknown>) => ({
  association: { i: assoc, meaning: assoc === 0 ? 'Addressed logical unit' : 'Target port' },
  designator_type: { i: type, meaning: type === 3 ? 'NAA' : type === 1 ? 'T10 vendor identification' : 'Relative target port' },
  code_set: { i: 1, meaning: 'Binary' }, piv: { i: 0, meaning: 'false' }, protocol_identifier: { i: 0, meaning: 'Fibre Channel Protocol for SCSI (FCP-5)' },
  ...parts,
});
// JSON.stringify cannot write an integer past 2^53 exactly; sg3_utils writes it whole (signed 64-bit).
const withBig = (doc: unknown, big: Record<string, string>): string =>
  Object.entries(big).reduce((t, [mark, digits]) => t.replace(`"${mark}"`, digits), JSON.stringify(doc, null, 2));
const idPage = withBig({
  ...leadin(['sg_inq', '-j', '-p', '0x83', '/dev/sdd']),
  device_identification_vpd_page: {
    peripheral_qualifier: { i: 0, meaning: 'LU is connected' }, peripheral_device_type: { i: 0, meaning: 'disk' }, page_code: 131,
    designation_descriptor_list: [
      descriptor(1, 4, { relative_target_port_identifier: 1 }),
      descriptor(0, 1, { t10_vendor_identification: 'HITACHI ', vendor_specific_identifier: '50403500002025' }),
      descriptor(0, 3, { naa: { i: 6, meaning: 'IEEE Registered Extended' }, aoi: 24808, vendor_specific_identifier: 130240512, vendor_specific_identifier_extension: 'EXT' }),
    ],
  },
  exit_status: 0,
}, { EXT: '13725547246919717' });
const ataPage = JSON.stringify({
  ...leadin(['sg_inq', '-j', '-p', '0x89', '/dev/sdc']),
  ata_information_vpd_page: {
    peripheral_qualifier: { i: 0, meaning: 'LU is connected' }, peripheral_device_type: { i: 0, meaning: 'disk' }, page_code: 137,
    sat_vendor_identification: 'LSI     ', sat_product_identification: 'LSI SATL        ', sat_product_revision_level: '0008',
    ata_device_signature: '34 00 01 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00', indicates_transport: 'SATA', command_code: '0xec',
    ata_command_identify_device_response_summary: { model: 'WDC WD2005FBYZ-01YCBB2', serial_number: 'WD-WMC6N0J5VKLH', firmware_revision: 'RR07' },
  },
  exit_status: 0,
}, null, 2);

describe('sg_inq --json VPD pages 0x83 and 0x89', () => {
  it('-p 0x83: the logical unit NAA put back together from its printed parts, a 64-bit part exactly', () => {
    expect(parseSgInqJson(idPage)).toMatchObject({ naa: '0x60060e8007c350000030c35000002025', t10: { vendor: 'HITACHI', specific: '50403500002025' }, issues: [] });
  });
  it('an NAA 5 (a SAS drive, a SATA drive behind SAT), a part sg3_utils printed signed, the -j=h objects', () => {
    const naa = (parts: Record<string, unknown>) => parseSgInqJson(JSON.stringify({ device_identification_vpd_page: { designation_descriptor_list: [descriptor(0, 3, parts)] } })).naa;
    expect(naa({ naa: { i: 5, meaning: 'IEEE Registered' }, aoi: 5358, vendor_specific_identifier: 8781763124 })).toBe('0x50014ee20b6f1234');
    expect(naa({ naa: { i: 5, hex: '5' }, aoi: { i: 5358, hex: '14ee' }, vendor_specific_identifier: { i: 8781763124, hex: '20b6f1234' } })).toBe('0x50014ee20b6f1234');
    const signed = withBig({ device_identification_vpd_page: { designation_descriptor_list: [descriptor(0, 3, { naa: 6, aoi: 5807356, vendor_specific_identifier: 3140, vendor_specific_identifier_extension: 'EXT' })] } }, { EXT: '-4286639420721066635' });
    expect(parseSgInqJson(signed).naa).toBe('0x6589cfc000000c44c482cc288fbc0d75');
  });
  it('-p 0x89 (sg3_utils 1.49): the IDENTIFY model, serial and firmware of the drive behind the SAT layer, not the SAT layer\'s', () => {
    expect(parseSgInqJson(ataPage)).toMatchObject({ ata: { model: 'WDC WD2005FBYZ-01YCBB2', serial: 'WD-WMC6N0J5VKLH', firmware: 'RR07' }, issues: [] });
  });
  it('stored: the drive behind SAT with its own model, serial and firmware; the LU name of page 0x83', async () => {
    const r = await replayScsi({ 'sg_inq -j -p 0x89 sdc.json': ataPage, 'sg_inq -j -p 0x83 sdd.json': idPage });
    expect(r.devices).toEqual([{ device_key: 'scsi:sdc', model: 'WDC WD2005FBYZ-01YCBB2', serial: 'WD-WMC6N0J5VKLH' }, { device_key: 'scsi:sdd', model: null, serial: null }]);
    expect(r.firmware).toEqual([{ device_key: 'scsi:sdc', version: 'RR07' }]);
    expect(r.q(`SELECT device_key, value FROM settings WHERE key = 'lu_name'`)).toEqual([{ device_key: 'scsi:sdd', value: 'naa.60060e8007c350000030c35000002025' }]);
  });
  it('the standard INQUIRY of a drive behind SAT and its page 0x89: the drive\'s whole firmware revision, not the 4 INQUIRY characters', async () => {
    const std = JSON.stringify({ ...leadin(['sg_inq', '-j', '/dev/sdc']), standard_inquiry_data_format: { peripheral_device_type: 0, t10_vendor_identification: 'ATA     ', product_identification: 'WDC WD2005FBYZ-0', product_revision_level: 'RR07' } });
    const r = await replayScsi({ 'sg_inq -j sdc.json': std, 'sg_inq -j -p 0x89 sdc.json': ataPage.replace('"RR07"', '"01.01RR07"') });
    expect(r.devices).toEqual([{ device_key: 'scsi:sdc', model: 'WDC WD2005FBYZ-01YCBB2', serial: 'WD-WMC6N0J5VKLH' }]);
    expect(r.firmware.map((f) => f.version)).toEqual(['01.01RR07']);
  });
});
