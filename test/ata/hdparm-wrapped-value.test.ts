import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHdparmDisks } from '../../analyzer/classes/ata/hdparm.js';

/**
 * A real hdparm -I of a Samsung SSD 860 EVO 4TB in a linux-btrfs reply (2019): the mail client wrapped the Transport
 * line at the margin ('… SATA 1.0a, SATA II' / 'Extensions, SATA Rev 2.5, SATA Rev 2.6, SATA Rev 3.0').
 */
const SAMPLE = readFileSync(new URL('./fixtures/real/hdparm/samsung-860-evo-4tb-linux-btrfs-mail-transport-wrapped.txt', import.meta.url), 'utf8');

describe('hdparm -I: a list value wrapped at the margin', () => {
  it('reads the wrapped rest as the value\'s, no unread line', () => {
    const [disk] = parseHdparmDisks(SAMPLE).disks;
    expect([disk!.model, disk!.serial, disk!.firmware, disk!.wwn]).toEqual(['Samsung SSD 860 EVO 4TB', 'S3YPNWAK101163T', 'RVT02B6Q', '5002538e7001e8a7']);
    expect(disk!.issues.filter((i) => i.text.startsWith('Extensions'))).toEqual([]);
    expect(disk!.settings).toMatchObject({ ncq: true, trim: true, zeroes_after_trim: true, devsleep: true });
  });

  it('a person\'s sentence at the margin under a list value is still named', () => {
    const text = SAMPLE.replace('Extensions, SATA Rev 2.5, SATA Rev 2.6, SATA Rev 3.0', 'I tried this, it failed');
    expect(parseHdparmDisks(text).disks[0]!.issues.map((i) => i.text)).toContain('I tried this, it failed');
  });
});

/**
 * A real hdparm -I of a Maxtor 4A250J0, quoted in a linux-kernel reply (2006): the mail client broke the Standby timer
 * line at its margin ('… no device specific ' / 'minimum'); before, the rest was an unread line.
 */
const QUOTED = readFileSync(new URL('./fixtures/real/hdparm/maxtor-4a250j0-lkml-2006-quoted-mail-wrapped.txt', import.meta.url), 'utf8');

describe('hdparm -I: a line a mail client broke at its margin', () => {
  it('joins the rest to its line, no unread line', () => {
    const [disk] = parseHdparmDisks(QUOTED).disks;
    expect([disk!.model, disk!.serial, disk!.firmware]).toEqual(['Maxtor 4A250J0', 'A809GX2E', 'RAMB1TV0']);
    expect(disk!.issues.filter((i) => i.text.includes('minimum'))).toEqual([]);
    expect(disk!.settings).toMatchObject({ 'security.supported': true, 'security.frozen': false, smart_enabled: true, lba48: true, sectors: 490234752 });
  });

  it('a person\'s question at the margin under an indented line is still named', () => {
    const text = QUOTED.replace('> Checksum: correct\n', '>         Device num = 1 determined by the jumper and then\n> why is it slow?\n> Checksum: correct\n');
    expect(parseHdparmDisks(text).disks[0]!.issues.map((i) => i.text)).toContain('why is it slow?');
  });
});
