import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson, parseSmartctlText } from '../../analyzer/classes/ata/smartctl.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');

// NVMe drives' smartctl outputs, read through the loaders: test/nvme/tolerant-text.test.ts.
describe('smartctl text as people paste it (real outputs)', () => {
  it('reads CRLF outputs from Windows builds like any other', () => {
    const crlf = real('smartctl/apacer-as340-windows.txt');
    expect(crlf).toContain('\r\n');
    expect(parseSmartctlText(crlf)).toMatchObject({ protocol: 'ATA', model: 'Apacer AS340 240GB', firmware: 'V4.25.0', health: 'PASSED', issues: [] });
  });

  it('reads an old Cygwin output whole: its SCT diagnostic (line 22) is one of smartctl\'s own lines', () => {
    const old = parseSmartctlText(real('smartctl/wd-caviar-se-cygwin.txt'));
    expect(old.issues).toEqual([]);
    expect(old).toMatchObject({ model: 'WDC WD1600JD-75HBB0', serial: 'WD-WMAL91073786', smartAvailable: true, smartEnabled: true, capacityBytes: 160000000000 });
  });

  it('reads a SCSI drive\'s provisioning statement (no colon) as known, not as an unread line', () => {
    expect(parseSmartctlText(real('smartctl/hgst-huh721212al4204-sas-scsi.txt'))).toMatchObject({ protocol: 'SCSI', firmware: 'C3D0', health: 'OK', issues: [] });
    const ssd = parseSmartctlText(real('smartctl/samsung-mzilt7t6hala-sas-ssd-x.txt'));
    expect(ssd.fields['LU provisioning']).toBe('LU is resource provisioned, LBPRZ=1');
    expect(ssd.issues).toEqual([]);
  });

  it('joins the drive database\'s warning lines, up to the blank line, and reads on', () => {
    const w = parseSmartctlText(real('smartctl/seagate-st31000528as-fw-warning-indented-ru.txt'));
    expect(w.warning).toBe('A firmware update for this drive may be available, see the following Seagate web pages: http://knowledge.seagate.com/articles/en_US/FAQ/207931en http://knowledge.seagate.com/articles/en_US/FAQ/213891en');
    expect(w).toMatchObject({ smartAvailable: true, smartEnabled: true, issues: [] });
    expect(parseSmartctlText('=== START OF INFORMATION SECTION ===\nDevice Model: X\n==> WARNING: one line only\n\nnot a field\n')).toMatchObject({ warning: 'one line only', issues: [{ line: 5 }] });
  });

  it('reads a text output inside a static site generator\'s highlight tags as text, not as JSON', () => {
    expect(parseSmartctlText(real('smartctl/seagate-st31000520as-fw-warning-hugo.txt'))).toMatchObject({ model: 'ST31000520AS', firmware: 'CC32', issues: [] });
  });

  it('reads a SCSI drive\'s INQUIRY strings from smartctl JSON before 7.3 (vendor, product, revision)', () => {
    expect(parseSmartctlJson(real('smartctl/seagate-st1200mm0088-sas-json-smartctl67.json'))).toMatchObject({ protocol: 'SCSI', model: 'SEAGATE ST1200MM0088', firmware: 'N004' });
    expect(parseSmartctlJson('{"json_format_version":[1,0],"device":{"protocol":"SCSI"},"scsi_vendor":"HGST","scsi_product":"H","scsi_revision":"C3D0"}')).toMatchObject({ model: 'HGST H', firmware: 'C3D0' });
  });

  it('takes smartctl 7.4\'s scsi_model_name as the model, as model_name before it (telegraf test data, vendor and product masked apart from it)', () => {
    expect(parseSmartctlJson(real('smartctl/tg-json-scsi-extended-smartctl74.json'))).toMatchObject({ protocol: 'SCSI', model: 'SEAGATE ST0000000', firmware: 'RSL5' });
    expect(parseSmartctlJson('{"json_format_version":[1,0],"device":{"protocol":"SCSI"},"scsi_vendor":"V","scsi_product":"P","scsi_model_name":"VENDOR PRODUCT"}').model).toBe('VENDOR PRODUCT');
  });

  it('an output in which smartctl read no device (a drive asleep under -n standby) is refused with smartctl\'s own words, not as "not smartctl output"', () => {
    const standby = readFileSync(new URL('./fixtures/smartctl-no-device/unraid-standby-telegraf.txt', import.meta.url), 'utf8');
    expect(() => parseSmartctlText(standby)).toThrow(/smartctl-text: smartctl printed no device information: "Device is in STANDBY mode, exit\(2\)"/);
  });

  it('smartctl\'s own SCT diagnostics inside the information section are known lines, not unread ones (bsdhw reports, an openmediavault paste)', () => {
    for (const f of ['hp-fb160c4081-bsdhw-freebsd-sct-unexpected', 'seagate-st3160815as-bsdhw-freebsd-sct-busy', 'wdc-wd1200sd-bsdhw-freebsd-sct-format-version', 'omv959-st2000vx003-cciss-incomplete']) {
      expect(parseSmartctlText(real(`smartctl/${f}.txt`)).issues, f).toEqual([]);
    }
    // Other lines there are still unread lines.
    expect(parseSmartctlText('=== START OF INFORMATION SECTION ===\nDevice Model: X\nUnexpected SCT wording\n').issues).toEqual([{ line: 3, text: 'Unexpected SCT wording', message: expect.any(String) }]);
  });

  it('reads smartmontools 5.x\'s two-line banner (`smartctl version 5.38 …`, `Home page is …`) as its banner, not as unread lines', () => {
    const old = parseSmartctlText(real('smartctl/wd-wd1002fbys-smartctl538-pyprobe.txt'));
    expect(old).toMatchObject({ protocol: 'ATA', model: 'WDC WD1002FBYS-01A6B0', serial: 'WD-WMATV0999999', firmware: '03.00C05', health: 'PASSED', issues: [] });
  });

  it('reads a banner a person opened an inline code span on (`` `smartctl 6.6 … ``, check_smart_attributes#62) as the banner, not as an unread line', () => {
    const ticked = parseSmartctlText(real('smartctl/sandisk-sdssda240g-checksmart62-inline-backtick-dotted-thousands-cut.txt'));
    expect(ticked).toMatchObject({ protocol: 'ATA', model: 'SanDisk SDSSDA240G', serial: '153655405955', firmware: 'U21010RL', health: 'PASSED', issues: [] });
  });

  it('reads the Windows build\'s command line pasted above its banner (`smartctl.exe -x /dev/sdd`) as the command, not as an unread line', () => {
    const win = parseSmartctlText(real('smartctl/netapp-x371-sas-ssd-windows-smartctl75.txt'));
    expect(win).toMatchObject({ protocol: 'SCSI', serial: 'S5JENE0R504188', firmware: 'NA54', health: 'OK', issues: [] });
  });

  it("reads smartctl --scan's lines a script printed above the banner (`/dev/sda -d scsi # /dev/sda, SCSI device`) as smartctl's, not as unread lines", () => {
    const scanned = parseSmartctlText(real('smartctl/micron-1100-sick-script-scan-lines-above.txt'));
    expect(scanned).toMatchObject({ protocol: 'ATA', model: 'Micron 1100 SATA 512GB', serial: '18111C2BF936', firmware: 'M0DL022', health: 'PASSED', issues: [] });
    const nvme = parseSmartctlText('/dev/nvme0 -d nvme # /dev/nvme0, NVMe device\n/dev/bus/0 -d megaraid,0 # /dev/bus/0 [megaraid_disk_00], SCSI device\n' + real('smartctl/micron-1100-sick-script-scan-lines-above.txt'));
    expect(nvme.issues).toEqual([]);
  });

  it('refuses text that is not smartctl output', () => {
    expect(() => parseSmartctlText('Smartctl open device: /dev/sda failed: No such device\n')).toThrow(/smartctl-text: no information section/);
  });

  it('an elision line pasted inside a 5.x information block without its heading does not end the block (only a blank line does)', () => {
    const published = real('smartctl/insights-cisco-ucsc-mraid12g-smartctl543.txt');
    const cut = published.replace('Logical Unit id:', '...\nLogical Unit id:');
    expect(parseSmartctlText(cut)).toMatchObject({ protocol: 'SCSI', model: 'Cisco UCSC-MRAID12G', serial: '003b95e4040c2c551d4056b715e7a68d', firmware: '4.27' });
    expect(parseSmartctlText(published.replace('Logical Unit id:', '\nLogical Unit id:')).serial).toBeUndefined();
  });

  it('reads smartmontools 5.x SCSI information printed without its section heading, up to the blank line after it', () => {
    const info = parseSmartctlText(real('smartctl/hp-eg0146fawhu-sas-cciss-smartctl543-anchors.txt'));
    expect(info).toMatchObject({ protocol: 'SCSI', model: 'HP EG0146FAWHU', firmware: 'HPDF', health: 'OK' });
    // Its colon-less statements (Device supports SMART and is Enabled) are known; the logs after the block are another section.
    expect(info.issues).toEqual([]);
    const lines = ['smartctl 5.43 2012-06-30 r3573 [x86_64-linux-2.6.32-642.el6.x86_64] (local build)', '', 'Vendor:               HP      ', 'Product:              LOGICAL VOLUME  ', 'Revision:             3.56', 'SMART Health Status: OK', '', 'Error Counter logging not supported'];
    expect(parseSmartctlText(lines.join('\n'))).toMatchObject({ protocol: 'SCSI', model: 'HP LOGICAL VOLUME', firmware: '3.56', issues: [] });
  });
});

describe('a line of the information section whose key smartctl never prints there', () => {
  const head = 'smartctl 7.4 2023-08-01 r5530 [x86_64-linux-6.8.0] (local build)\nCopyright (C) 2002-23, Bruce Allen, Christian Franke, www.smartmontools.org\n\n=== START OF INFORMATION SECTION ===\n';
  it('is recorded as unread with its number, and no field keeps a person\'s words', () => {
    const info = parseSmartctlText(`${head}Device Model:     Samsung SSD 870 EVO 1TB\nNote: the values below were read after the reboot.\nSerial Number:    S6PTNX0T000000A\nFirmware Version: SVT02B6Q\nEDIT: this part is from the second card, see below.\nSMART support is: Enabled\n`);
    expect(info).toMatchObject({ model: 'Samsung SSD 870 EVO 1TB', serial: 'S6PTNX0T000000A', firmware: 'SVT02B6Q', smartEnabled: true });
    expect(info.issues.map((i) => i.line)).toEqual([6, 9]);
    expect(Object.keys(info.fields)).not.toContain('Note');
    expect(Object.keys(info.fields)).not.toContain('EDIT');
  });

  it('keeps every key smartctl prints, however it spaces or numbers it (7.x NVMe, 5.x SCSI, -g all)', () => {
    const nvme = parseSmartctlText(`${head}Model Number:                       X\nFirmware Updates (0x16):            3 Slots, no Reset required\nNamespace 2 Size/Capacity:          1 [1 B]\nWarning  Comp. Temp. Threshold:     84 Celsius\nWrite SCT (Get) Feature Control Command failed: scsi error\nAAM level is:     254 (maximum performance), recommended: 208\nPower mode was:   IDLE_A\n`);
    expect(nvme.issues).toEqual([]);
    expect(nvme.frmw).toBe(0x16);
  });

  it('a garbled key of a real SAS output (\'Devicetype:\') is one unread line', () => {
    expect(parseSmartctlText(real('smartctl/tg-hitachi-huc103030css600-sas-garbled.txt')).issues.map((i) => i.text.trim())).toContain('Devicetype:          disk');
  });
});
