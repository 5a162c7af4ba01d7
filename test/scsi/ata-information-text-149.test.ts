/**
 * ATA information (VPD page 0x89) as sg3_utils 1.49 prints it in text (src/sg_vpd_common.c decode_ata_info_vpd, through
 * its sgj_haj_vs fields): `Model:`, `Serial number:`, `Firmware revision:` under the IDENTIFY summary, where 1.48 and
 * before print `model:`, `serial number:`, `firmware revision:`; and its `Indicates transport:` and `Command code (hex):`
 * lines. The values are those of a real 1.4x output (the WD2005FBYZ behind an LSI SATL of
 * test/scsi/fixtures/real/sg_vpd-p-0x89-wd2005fbyz-lsi-satl-linux-scsi.txt); no public 1.49 output was found.
 */
import { describe, expect, it } from 'vitest';
import { parseSgInq } from '../../analyzer/classes/scsi/sg-inq.js';
import { parseSgVpd } from '../../analyzer/classes/scsi/sg-vpd.js';
import { replayScsi } from './replay-saved.js';

const page = (tool: string): string => [
  `# ${tool} -p 0x89 /dev/sdc`,
  `${tool === 'sg_inq' ? 'VPD INQUIRY: ' : ''}ATA information VPD page`,
  '  SAT Vendor identification: LSI     ',
  '  SAT Product identification: LSI SATL        ',
  '  SAT Product revision level: 0008',
  '  ATA device signature: 34 00 01 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '    Indicates transport: SATA',
  '  Command code (hex): 0xec',
  '  ATA command IDENTIFY DEVICE response summary:',
  '    Model: WDC WD2005FBYZ-01YCBB2',
  '    Serial number: WD-WMC6N0J5VKLH',
  '    Firmware revision: RR07',
  '',
].join('\n');
const drive = { model: 'WDC WD2005FBYZ-01YCBB2', serial: 'WD-WMC6N0J5VKLH', firmware: 'RR07' };

describe('ATA information in sg3_utils 1.49 text', () => {
  it('sg_inq and sg_vpd read the drive\'s IDENTIFY strings, with no unread line', () => {
    expect(parseSgInq(page('sg_inq'))).toMatchObject({ ata: drive, issues: [] });
    expect(parseSgVpd(page('sg_vpd'))).toMatchObject({ ata: drive, issues: [] });
  });
  it('stored as the drive behind the SAT layer', async () => {
    for (const [name, text] of [['sg_inq -p 0x89 sdc.txt', page('sg_inq')], ['sg_vpd -p 0x89 sdc.txt', page('sg_vpd')]] as const) {
      const r = await replayScsi({ [name]: text });
      expect(r.devices, name).toEqual([{ device_key: 'scsi:sdc', model: drive.model, serial: drive.serial }]);
      expect(r.firmware, name).toEqual([{ device_key: 'scsi:sdc', version: 'RR07' }]);
    }
  });
});
