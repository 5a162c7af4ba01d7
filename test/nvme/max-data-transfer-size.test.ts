import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storedRows } from '../helpers/stored-rows.js';

/**
 * MDTS, the largest data transfer a controller takes: nvme-cli's id-ctrl prints the field (`mdts      : 6`), smartctl
 * 2^MDTS pages (nvmeprint.cpp, 6.5 – 7.5: `Maximum Data Transfer Size:         64 Pages`, `-` for 0 with -x; 7.5's -j
 * `nvme_maximum_data_transfer_pages`). Both are the controller's `nvme.id-ctrl` `mdts`, as nvme-cli prints it; before,
 * neither was stored. Real outputs of test/nvme/fixtures/real (provenance beside each): the id-ctrl and the smartctl
 * output one person published of one drive.
 */
const real = (path: string): Buffer => readFileSync(new URL(`./fixtures/real/${path}`, import.meta.url));
const mdts = async (savedAs: string, path: string): Promise<string[]> =>
  (await storedRows(savedAs, real(path))).rows.filter((r) => / nvme\.id-ctrl mdts /.test(r)).map((r) => r.split(' ').at(-1)!);

describe('MDTS: nvme-cli id-ctrl and smartctl store one value', () => {
  it.each([
    ['T-FORCE TM8FPL500G', ['cmd/nvme/nvme id-ctrl nvme0n1 -H.txt', 'id-ctrl/tforce-tm8fpl500g-truenas-notes-H-margin-bits.txt'], ['cmd/smartctl/smartctl -x nvme0n1.txt', 'smartctl/tforce-tm8fpl500g-truenas-notes-smartctl72.txt'], '6'],
    ['Crucial CT4000P3PSSD8', ['cmd/nvme/id-ctrl -H nvme0n1.txt', 'id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt'], ['cmd/smartctl/smartctl --all nvme0.txt', 'smartctl/crucial-p3plus-ct4000p3pssd8-jp-diary-failed-masked.txt'], '6'],
    ['Samsung SSD 980 PRO 1TB', ['cmd/nvme/id-ctrl_-H_nvme0.out', 'id-ctrl/samsung-980pro-rpi5-eeprom-issue-H-cut.txt'], ['cmd/smartctl/-d_nvme_--all_sda.out', 'smartctl/samsung-980-pro-windows.txt'], '7'],
  ] as const)('%s: id-ctrl and smartctl text', async (_, [idName, idPath], [smartName, smartPath], value) => {
    expect(await mdts(idName, idPath)).toEqual([value]);
    expect(await mdts(smartName, smartPath)).toEqual([value]);
  });

  it('smartctl 7.5 -j: nvme_maximum_data_transfer_pages 32 is mdts 5 (a PELADN 512GB)', async () => {
    expect(await mdts('cmd/smartctl/nvme0.json', 'smartctl/peladn-512gb-realtek-beszel-json-smartctl75.json')).toEqual(['5']);
  });

  it('smartctl -x of a controller reporting no limit (`-`) is mdts 0', async () => {
    const text = real('smartctl/tforce-tm8fpl500g-truenas-notes-smartctl72.txt').toString('utf8').replace(/(Maximum Data Transfer Size:\s+)64 Pages/, '$1-');
    expect(text).toContain('Maximum Data Transfer Size:         -');
    expect((await storedRows('cmd/smartctl/smartctl -x nvme0n1.txt', Buffer.from(text))).rows.filter((r) => / nvme\.id-ctrl mdts /.test(r)).map((r) => r.split(' ').at(-1))).toEqual(['0']);
  });
});
