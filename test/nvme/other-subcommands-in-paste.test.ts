/**
 * One paste of a person's nvme-cli session: `nvme list`, then the `nvme id-ctrl -H` the file is saved as, then `nvme
 * format` and `nvme sanitize-log`. The other subcommands' outputs are theirs, each noted once, not lines of the id-ctrl.
 * The fixture is the 'nvme-cli' fence of a Japanese blog post (Akira Kanai, '20240306日記: NVMeが壊れた', a Crucial P3 Plus
 * 4 TB gone read-only; the search index's file 58117253122), as published; its id-ctrl alone is the corpus sample
 * id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runsOtherSubcommand } from '../../analyzer/classes/nvme/other-commands.js';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';

const SESSION = readFileSync(new URL('./fixtures/id-ctrl-H-in-nvme-cli-session-ct4000p3pssd8.txt', import.meta.url), 'utf8');

describe('other nvme-cli subcommands in the paste of one', () => {
  it('their outputs are noted once each; the id-ctrl is read whole', () => {
    const r = parseIdCtrlText(SESSION);
    expect(r.idCtrl).toMatchObject({ serial: '2242E67C541A', model: 'CT4000P3PSSD8', firmware: 'P9CR40A', firmwareSlots: 1, powerStateCount: 5 });
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([
      [2, '3 line(s) of the output of "sudo nvme  list" not read'],
      // nvme format's warning sentences at the end of its run read as a person's words: the text layer's, around the paste.
      [241, '2 line(s) of the output of "sudo nvme format /dev/nvme0n1 -s 2" not read'],
      [254, '2 line(s) of the output of "sudo nvme sanitize-log /dev/nvme0" not read'],
    ]);
  });

  it('an nvme list table pasted above with no command line is nvme list\'s, noted once (rpi-eeprom issue 718)', () => {
    const r = parseIdCtrlText(readFileSync(new URL('./fixtures/replies/wdc-sn530-rpi-eeprom718-list-above-H-cut.txt', import.meta.url), 'utf8'));
    expect(r.idCtrl).toMatchObject({ serial: '21116W804277', firmware: '21160001' });
    expect(r.issues.map((i) => [i.line, i.message])).toEqual([[2, '3 line(s) of the output of "nvme list" not read']]);
    // A table's heading alone, with no dashes under it, is no nvme list.
    expect(parseIdCtrlText('Node SN Model\nvid : 0x15b7\nsn : X\nmn : Y\n').issues).toHaveLength(1);
  });

  it('under its own heading the output is the id-ctrl again, though the last command line typed above ran another subcommand (a stable@ reply)', () => {
    const r = parseIdCtrlText(readFileSync(new URL('./fixtures/replies/samsung-mzwlr3t8hbls-stable-mail-quoted-after-id-ns-runs.txt', import.meta.url), 'utf8'));
    expect(r.idCtrl).toMatchObject({ vid: 0x144d, serial: 'S64VNE0R602271', model: 'SAMSUNG MZWLR3T8HBLS-00AU3', firmware: 'MPK94R5Q' });
    expect(r.issues.filter((i) => / of the output of /.test(i.message)).map((i) => i.message)).toEqual([
      '1 line(s) of the output of "nvme id-ns -n 1 /dev/nvme1 | grep eui64" not read',
      '1 line(s) of the output of "nvme id-ns -n 2 /dev/nvme1 | grep eui64" not read',
      '7 line(s) of the output of "nvme id-ns -n 3 /dev/nvme1 | grep eui64" not read',
    ]);
  });

  it("a vendor plugin's form and nvme-cli 3's two words are the subcommand itself; a loop of it is too", () => {
    expect(runsOtherSubcommand('nvme wdc id-ctrl /dev/nvme13n1', 'id-ctrl')).toBe(false);
    expect(runsOtherSubcommand('sudo nvme id ctrl /dev/nvme0', 'id-ctrl')).toBe(false);
    expect(runsOtherSubcommand('for d in /dev/nvme[0-9]; do nvme smart-log $d; done', 'smart-log')).toBe(false);
    expect(runsOtherSubcommand('nvme intel smart-log-add /dev/nvme0', 'smart-log')).toBe(true);
    expect(runsOtherSubcommand('smartctl -x /dev/nvme0', 'id-ctrl')).toBe(false);
  });
});
