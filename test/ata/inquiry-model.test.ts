/**
 * A SCSI INQUIRY's vendor and product fields as a person reads the model: a SAT layer that spreads an ATA model over
 * both fields (the vendor field holding its first 8 characters) gives the ATA model, not "<vendor> <product>".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inquiryModel } from '../../analyzer/classes/core/inquiry-model.js';
import { parseSmartctlJson, parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';

const REAL = join(import.meta.dirname, 'fixtures/real/smartctl');

describe('inquiryModel', () => {
  it.each([
    // An ATA model across both fields: its first 24 characters, the part after the run of spaces (an OEM tag) kept, as
    // IDENTIFY holds it and libata would read it (ata_id_c_string drops trailing spaces only).
    ['MG08ACP1', '6TE           SM', 'MG08ACP16TE           SM'],
    ['ST4000NM', '0035-1V4107', 'ST4000NM0035-1V4107'],
    // Vendors: an 8-character one, one with a digit in mixed case, a short one; the product's tail kept as printed.
    ['IBM-ESXS', 'ST973401LC    FN', 'IBM-ESXS ST973401LC    FN'],
    ['3PARdata', 'VV', '3PARdata VV'],
    ['SEAGATE', 'ST3146855LC', 'SEAGATE ST3146855LC'],
    ['LENOVO-X', 'HUC101812CSS20', 'LENOVO-X HUC101812CSS20'],
    ['KINGSTON', 'DataTraveler 3.0', 'KINGSTON DataTraveler 3.0'],
    ['', 'Virtual disk', 'Virtual disk'],
  ])('%s / %s → %s', (vendor, product, model) => {
    expect(inquiryModel(vendor, product)).toBe(model);
  });
});

describe('smartctl of an ATA drive reached as SCSI, its model spread over the INQUIRY vendor and product', () => {
  it('JSON (nasty-project fixture of a real host, smartctl 7.5)', () => {
    const info = parseSmartctlJson(readFileSync(join(REAL, 'toshiba-mg08acp16te-behind-scsi-translation-nasty-json-compact-serial-masked-smartctl75.json'), 'utf8'));
    expect({ model: info.model, firmware: info.firmware, protocol: info.protocol }).toEqual({ model: 'MG08ACP16TE           SM', firmware: '4321', protocol: 'SCSI' });
  });
  it('text, as scsiprint.cpp prints the same INQUIRY', () => {
    const text = [
      'smartctl 7.5 2025-04-30 r5714 [x86_64-linux-6.19.14-108.fc42.x86_64] (local build)',
      'Copyright (C) 2002-25, Bruce Allen, Christian Franke, www.smartmontools.org',
      '',
      '=== START OF INFORMATION SECTION ===',
      'Vendor:               MG08ACP1',
      'Product:              6TE           SM',
      'Revision:             4321',
      'Compliance:           SPC-3',
      'User Capacity:        16,000,900,661,248 bytes [16.0 TB]',
      '',
      '=== START OF READ SMART DATA SECTION ===',
      'SMART Health Status: OK',
      '',
    ].join('\n');
    const info = parseSmartctlText(text);
    expect({ model: info.model, firmware: info.firmware, issues: info.issues }).toEqual({ model: 'MG08ACP16TE           SM', firmware: '4321', issues: [] });
  });
});
