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
    expect(r.firmware).toEqual([{ device_key: 'scsi:sda', version: 'SN01' }]);
  });
});
