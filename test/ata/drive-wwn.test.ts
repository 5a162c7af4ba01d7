/**
 * A drive's world wide name as each tool prints it, read into the drive's identity (two drives of one serial are told
 * apart by it): smartctl's `LU WWN Device Id` (ATA), `Logical Unit id` (SAS), `Namespace 1 IEEE EUI-64` (NVMe) and their
 * -j members, hdparm -I's `Logical Unit WWN Device Identifier`, IDENTIFY words 108–111. A masked or elided name is none.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { parseHdparm } from '../../analyzer/classes/ata/hdparm.js';
import { parseSmartctlJson, parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';
import { buildIdentify, identifyText } from '../../collector/classes/ata/fake-host-identify.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const nvme = (p: string): string => readFileSync(new URL(`../nvme/fixtures/real/${p}`, import.meta.url), 'utf8');

describe("a drive's world wide name", () => {
  it('smartctl text: ATA, SAS and NVMe', () => {
    expect(parseSmartctlText(real('smartctl/fastvps10-st3000dm001-smartctl541.txt')).wwn).toBe('5000c5004a1122b3');
    expect(parseSmartctlText(real('smartctl/hgst-huh721212al4204-sas-scsi.txt')).wwn).toBe('5000cca253066624');
    expect(parseSmartctlText(nvme('smartctl/checksmart32-ucs-sdhpcie-smartctl70.txt')).wwn).toBe('000cca00602ba300');
  });

  it('smartctl -j: wwn {naa, oui, id}, logical_unit_id, the namespace eui64 {oui, ext_id}', () => {
    expect(parseSmartctlJson(real('smartctl/samsung-850pro-x-scrutiny-smart-ata2-json.json')).wwn).toBe('5002538840293c45');
    expect(parseSmartctlJson(real('smartctl/yadro-wuh721414al4204-sas-beszel-json-smartctl73.json')).wwn).toBe('5000cca29063dc00');
    expect(parseSmartctlJson(nvme('smartctl/wd-black-sn770-json.json')).wwn).toBe('001b448b45a3700d');
  });

  it('none where a person elided it (`5 000cca ...`)', () => {
    expect(parseSmartctlText(real('smartctl/hitachi-hua721010kla330-linuxhw-smartctl66.txt')).wwn).toBeUndefined();
  });

  it('hdparm -I and the IDENTIFY words', () => {
    expect(parseHdparm(real('hdparm/sandisk-extreme-portable-usb-blog.txt')).wwn).toBe('5001b448bbc61f38');
    const words = buildIdentify({ serial: 'S1F01RNQ', firmware: 'CC4C', model: 'ST3000DM001-9YN166', sectors: 5860533168, wwn: [0x5000, 0xc500, 0x4a11, 0x22b3] });
    expect(parseAtaIdentify(identifyText(words)).wwn).toBe('5000c5004a1122b3');
    expect(parseAtaIdentify(identifyText(buildIdentify({ serial: 'S1', firmware: 'F', model: 'M', sectors: 1, wwn: [0, 0, 0, 0] }))).wwn).toBeUndefined();
  });
});
