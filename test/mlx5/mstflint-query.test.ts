import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';

const fixture = (p: string): string => readFileSync(new URL(`./fixtures/${p}`, import.meta.url), 'utf8');

describe('mstflint query', () => {
  it('BlueField-2 real output (lshca issue #54)', () => {
    const q = parseMstflintQuery(fixture('real/mstflint/bf2-secure-fw-lshca-issue54.txt'));
    expect(q).toMatchObject({
      imageType: 'FS4',
      fwVersion: '24.33.1048',
      fwReleaseDate: '29.4.2022',
      productVersion: '24.33.1048',
      psid: 'MT_0000000723',
      securityAttributes: 'secure-fw',
      baseGuid: { value: '08c0eb030053eaec', count: 16 },
      baseMac: { value: '08c0eb53eaec', count: 16 },
    });
    expect(q.fwVersionRunning).toBeUndefined();
    expect(q.roms).toEqual([
      { type: 'UEFI Virtio net', version: '21.2.10', attrs: { cpu: 'AMD64' } },
      { type: 'UEFI Virtio blk', version: '22.2.10', attrs: { cpu: 'AMD64' } },
      { type: 'UEFI', version: '14.26.17', attrs: { cpu: 'AMD64,AARCH64' } },
      { type: 'PXE', version: '3.6.502', attrs: { cpu: 'AMD64' } },
    ]);
    expect(q.fields['Image VSD']).toBe('N/A');
    expect(q.fields.Description).toBe('UID                GuidsNumber');
  });

  it('FW Version(Running) when the flash holds a newer image', () => {
    const q = parseMstflintQuery(fixture('layouts/pending-flint-q.txt'));
    expect(q.fwVersion).toBe('22.41.1000');
    expect(q.fwVersionRunning).toBe('22.39.1002');
    expect(q.psid).toBe('MT_0000000359');
    expect(q.securityAttributes).toBeUndefined();
  });

  it('newer mstflint (4.2x+, ConnectX-7/8, BlueField-3): running and flash versions, security, update method, life cycle and secure boot lines are all fields', () => {
    const text = [
      'Image type:            FS4', 'FW Version:            28.39.1002', 'FW Version(Running):   28.38.1002', 'FW Release Date:       31.10.2023',
      'Product Version:       28.39.1002', 'Rom Info:              type=UEFI version=14.32.12 cpu=AMD64,AARCH64', '                       type=PXE version=3.7.300 cpu=AMD64',
      'Description:           UID                GuidsNumber', 'Base GUID:             a088c2030045d1c4        8', 'Base MAC:              a088c245d1c4            8',
      'Image VSD:             N/A', 'Device VSD:            N/A', 'PSID:                  MT_0000000834', 'Security Attributes:   secure-fw',
      'Default Update Method: fw_ctrl', 'Life cycle:            GA SECURED', 'Secure Boot Capable:   Enabled', 'EFUSE Security Ver:    0',
      'Image Security Ver:    0', 'Security Ver:          0', '',
    ].join('\n');
    const q = parseMstflintQuery(text);
    expect(q).toMatchObject({ fwVersion: '28.39.1002', fwVersionRunning: '28.38.1002', psid: 'MT_0000000834', securityAttributes: 'secure-fw', issues: [], errors: [] });
    expect(q.fields).toMatchObject({ 'Default Update Method': 'fw_ctrl', 'Life cycle': 'GA SECURED', 'Secure Boot Capable': 'Enabled', 'EFUSE Security Ver': '0' });
    expect(q.description).toBeUndefined();
  });

  it('older ROM lines with devid and proto', () => {
    const q = parseMstflintQuery('FW Version:            16.25.1020\nRom Info:              type=PXE version=3.5.305 devid=4119 proto=ETH\nPSID:                  MT_0000000248\n');
    expect(q.roms).toEqual([{ type: 'PXE', version: '3.5.305', attrs: { devid: '4119', proto: 'ETH' } }]);
  });

  it('unknown lines and unreadable ROM entries are issues with their line numbers; the rest is kept', () => {
    const q = parseMstflintQuery('FW Version:  1.2.3\n!!!\nRom Info:     garbage\nPSID:   MT_1\n');
    expect(q.fwVersion).toBe('1.2.3');
    expect(q.psid).toBe('MT_1');
    expect(q.issues).toEqual([
      { line: 2, text: '!!!', message: 'not a field of an mstflint query' },
      { line: 3, text: 'Rom Info:     garbage', message: 'unreadable Rom Info entry' },
    ]);
  });

  it('keeps the PSID a cross-flashed card was made with (Orig PSID)', () => {
    const q = parseMstflintQuery(readFileSync(new URL('./fixtures/real/mstflint/cx4lx-fs3-orig-psid-huawei-esxi.txt', import.meta.url), 'utf8'));
    expect(q).toMatchObject({ psid: 'MT_2420110034', origPsid: 'HUA0000000001', fwVersion: '14.22.1002', issues: [] });
    expect(parseMstflintQuery('FW Version: 14.32.1900\nPSID: MT_0000000267\n').origPsid).toBeUndefined();
  });

  it('refuses an output with no version and no PSID', () => {
    expect(() => parseMstflintQuery('Image type: FS4\n')).toThrow(/no FW Version, FW Version\(Running\) or PSID/);
  });
});

describe('a value a page or a PDF broke onto the next line at the margin', () => {
  const real = (p: string): string => readFileSync(new URL(`./fixtures/real/mstflint/${p}`, import.meta.url), 'utf8');

  it("a version's and a date's rest ('12.19' / '.2278'): joined, no unread line (MFT docs' secure firmware query)", () => {
    const q = parseMstflintQuery(real('cx4-secure-fw-dev-page-split-versions-mft-docs.txt'));
    expect([q.fwVersion, q.fwReleaseDate]).toEqual(['12.19.2278', '7.6.2017']);
    expect(q.issues).toEqual([]);
  });

  it("an FS2 list's GUID that did not fit on the GUIDs line: the list's, no unread line, the manual's mst commands above it read as its prompts (a PDF manual's ConnectX-2 query)", () => {
    const q = parseMstflintQuery(real('connectx2-vpi-manual-pdf-wrapped-guids-placeholder-device.txt'));
    expect(q.baseGuid).toEqual({ value: '0002c9030005cffa' });
    expect(q.issues.map((i) => i.text)).toEqual([]);
  });
});

describe("a field a page's highlighting broke after its name", () => {
  it("'PSID' and ':            MT_1240110019' on two lines at the margin are one field (mstflint manual's Connect-IB query)", () => {
    // The query as the page store holds it (NVIDIA mstflint 4.34.0-1 documentation, 'mstflint: Setting GUIDs and MACs').
    const q = parseMstflintQuery(['    # mstflint -d 41:00.0 q', '    Image type:      FS3', '    FW Version:      10.10.3000', '    FW Release Date: 29.4.2014',
      '    Description:     UID                GuidsNumber   Step', '    Base GUID1:      0002c903002ef500   8             1', '    Image VSD:', '    Device VSD: VSD    ',
      'PSID    ', ':            MT_1240110019', ''].join('\n'));
    expect([q.psid, q.fwVersion]).toEqual(['MT_1240110019', '10.10.3000']);
    expect(q.issues).toEqual([]);
  });
});

describe("a Key: value line flint never prints", () => {
  it('is named with its number (no field of the query), and the fields around it are read', () => {
    const real = readFileSync(new URL('./fixtures/real/mstflint/bf2-secure-fw-lshca-issue54.txt', import.meta.url), 'utf8').split('\n');
    const at = real.findIndex((l) => l.startsWith('PSID:'));
    const q = parseMstflintQuery([...real.slice(0, at), 'Server: node-07 (rack 4)', ...real.slice(at)].join('\n'));
    expect(q.psid).toBe('MT_0000000723');
    expect(q.fwVersion).toBe('24.33.1048');
    expect(q.issues).toContainEqual({ line: at + 1, text: 'Server: node-07 (rack 4)', message: 'not a field of an mstflint query' });
  });

  it("flint's own burn notes are no such line", () => {
    const q = parseMstflintQuery(readFileSync(new URL('./fixtures/real/mstflint/cx6-host13-downgrade-burn-tab-indented.txt', import.meta.url), 'utf8'));
    expect(q.issues).toEqual([]);
  });
});
