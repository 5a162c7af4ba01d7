import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAtaIdWords, decodeAtaIdentify } from '../../analyzer/classes/ata/ata.js';
import { parseHdparm } from '../../analyzer/classes/ata/hdparm.js';
import { storedRows } from '../helpers/stored-rows.js';

/**
 * hdparm -I prints a drive's sector sizes (`Logical  Sector size: 512 bytes`, `Physical Sector size: 4096 bytes`,
 * `Logical Sector-0 offset: 0 bytes`, or one `Logical/Physical Sector size:` line when word 106 is not valid): stored in
 * the `ata` namespace as logical_sector_size, physical_sector_size and logical_sector_offset, and the same keys from the
 * IDENTIFY words sysfs gives. Real outputs of test/ata/fixtures/real/hdparm (provenance beside each).
 */
const real = (name: string): Buffer => readFileSync(new URL(`./fixtures/real/hdparm/${name}.txt`, import.meta.url));
const SIZES = ['logical_sector_size', 'physical_sector_size', 'logical_sector_offset'];

describe('hdparm -I sector sizes', () => {
  it.each([
    ['crucial-ct128mx100ssd1-forum-bbcode-then-T', { logical_sector_size: 512, physical_sector_size: 4096, logical_sector_offset: 0 }],
    // `Logical  Sector size: 512 bytes [ Supported: 256 2048 ]` (a drive that can be formatted to other sizes).
    ['toshiba-mg09aca18te-truenas-masked-serial', { logical_sector_size: 512, physical_sector_size: 4096, logical_sector_offset: 0 }],
    // An older drive without a valid word 106: one line, no offset.
    ['hitachi-hds722020ala330-foxwiki-flat-indentation', { logical_sector_size: 512, physical_sector_size: 512 }],
  ])('%s: read off the output', (name, sizes) => {
    const settings = parseHdparm(real(name).toString('utf8')).settings;
    expect(Object.fromEntries(SIZES.filter((k) => k in settings).map((k) => [k, settings[k]]))).toEqual(sizes);
  });

  it('stored on the drive of a saved output', async () => {
    const { rows } = await storedRows('hdparm -I sda.txt', real('crucial-ct128mx100ssd1-forum-bbcode-then-T'));
    expect(rows.filter((r) => SIZES.some((k) => r.includes(` ata ${k} `)))).toEqual([
      'setting ata:sda ata logical_sector_offset 0', 'setting ata:sda ata logical_sector_size 512', 'setting ata:sda ata physical_sector_size 4096',
    ]);
  });
});

describe('the same sizes from IDENTIFY words (sysfs id)', () => {
  const SAMSUNG = readFileSync(new URL('./fixtures/samsung-870-qvo-id.txt', import.meta.url), 'utf8');
  // What hdparm 9.65 --Istdin printed for the Samsung 870 QVO's words with words 106, 117–118 and 209 set so.
  it.each([
    [{}, { logicalSectorSize: 512, physicalSectorSize: 512, logicalSectorOffset: 0 }],
    [{ 106: 0x6003, 209: 0x4001 }, { logicalSectorSize: 512, physicalSectorSize: 4096, logicalSectorOffset: 512 }],
    [{ 106: 0x6003, 209: 0x0001 }, { logicalSectorSize: 512, physicalSectorSize: 4096, logicalSectorOffset: null }],
    [{ 106: 0x0000, 209: 0x4001 }, { logicalSectorSize: 512, physicalSectorSize: 512, logicalSectorOffset: null }],
    [{ 106: 0x7003, 117: 0x0800, 118: 0, 209: 0x4001 }, { logicalSectorSize: 4096, physicalSectorSize: 32768, logicalSectorOffset: 4096 }],
  ])('words %o', (mods, sizes) => {
    const words = parseAtaIdWords(SAMSUNG);
    for (const [i, v] of Object.entries(mods)) words[Number(i)] = v;
    const id = decodeAtaIdentify(words);
    expect({ logicalSectorSize: id.logicalSectorSize, physicalSectorSize: id.physicalSectorSize, logicalSectorOffset: id.logicalSectorOffset }).toEqual(sizes);
  });
});
