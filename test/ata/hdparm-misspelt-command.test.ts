import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHdparmDisks } from '../../analyzer/classes/ata/hdparm.js';

/**
 * A real hdparm -I of a Maxtor 6Y080L0 in a 2004 linux-kernel mail, under the command as the writer typed it, misspelt
 * and with no prompt (`hdparam -I /dev/hdc`): the text layer knows no such program, so before, the line was an unread
 * line of hdparm. The line above the `/dev/hdc:` heading that names that disk after options is the command typed.
 */
const SAMPLE = readFileSync(new URL('./fixtures/real/hdparm/maxtor-6y080l0-lkml-2004-hdparam-typo-command.txt', import.meta.url), 'utf8');

describe('hdparm -I under its command line, misspelt', () => {
  it('takes the line naming the heading\'s disk as the command, no unread line', () => {
    const { disks, issues } = parseHdparmDisks(SAMPLE);
    expect(disks.map((d) => [d.disk, d.model, d.serial, d.firmware])).toEqual([['/dev/hdc', 'Maxtor 6Y080L0', 'Y3LLPCHE', 'YAR41BW0']]);
    expect(issues).toEqual([]);
  });

  it('a line naming another disk above the heading is still named', () => {
    const { issues } = parseHdparmDisks(SAMPLE.replace('hdparam -I /dev/hdc', 'hdparam -I /dev/hda'));
    expect(issues.map((i) => i.text)).toEqual(['hdparam -I /dev/hda']);
  });

  it('a command with a prompt\'s last character glued to it above the next heading is the command too', () => {
    const sample = readFileSync(new URL('./fixtures/real/hdparm/kingston-sa400s37120g-usb-cable-forum-cut-glued-prompt-then-t.txt', import.meta.url), 'utf8');
    const { disks, issues } = parseHdparmDisks(sample);
    expect(disks[0]).toMatchObject({ model: 'KINGSTON SA400S37120G', firmware: 'SBFK71E0' });
    expect(issues).toEqual([]);
  });
});
