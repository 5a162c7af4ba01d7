import { describe, expect, it } from 'vitest';
import { looksLikeJson } from '../../analyzer/parsers/json-output.js';
import { replaySaved } from '../helpers/replay-tree.js';

/**
 * A smartctl text output under a line a person wrote that starts with a brace: a forum's mistyped quote tag (`{QUOTE]`,
 * a real Ubuntu Forums post of 2011 of a Hitachi HDS728080PLA380, smartctl 5.38) was taken for the start of a JSON
 * document and the output refused as smartctl -j that is not valid JSON. A JSON object's first member is a quoted name,
 * so no such line opens one. Jira's code markers (`{code}`, `{noformat}`, undone as markup) are kept as guards.
 */
const OUTPUT = `smartctl version 5.38 [i686-pc-linux-gnu] Copyright (C) 2002-8 Bruce Allen
Home page is http://smartmontools.sourceforge.net/

=== START OF INFORMATION SECTION ===
Model Family:     Hitachi Deskstar 7K80 series
Device Model:     HDS728080PLA380
Serial Number:    PFDBU0SYTVENKX
Firmware Version: PF2OA63A
User Capacity:    80,000,000,000 bytes
Device is:        In smartctl database [for details use: -P show]
ATA Version is:   7
ATA Standard is:  ATA/ATAPI-7 T13 1532D revision 1
Local Time is:    Mon Dec 26 16:33:29 2011 CST
SMART support is: Available - device has SMART capability.
SMART support is: Enabled
`;

describe('a line opening with a brace above a smartctl text output', () => {
  for (const [open, close] of [['{QUOTE]', ''], ['{code}', '{code}\n'], ['{noformat}', '{noformat}\n'], ['{code:none}', '{code}\n']] as const) {
    it(`${open}: the text output is read, not refused as JSON`, async () => {
      const text = `${open}\n${OUTPUT}${close}`;
      expect(looksLikeJson(text)).toBe(false);
      const { db } = await replaySaved('smartctl -i sda.txt', text);
      try {
        expect(db.prepare(`SELECT parse_error FROM artifacts WHERE name LIKE 'cmd/smartctl/%' AND parse_error IS NOT NULL`).all()).toEqual([]);
        expect(db.prepare(`SELECT model, serial FROM devices WHERE class = 'ata'`).all()).toEqual([{ model: 'HDS728080PLA380', serial: 'PFDBU0SYTVENKX' }]);
      } finally {
        db.close();
      }
    });
  }

  it('a JSON document still opens with a brace and a quoted name, on its line or the next, or an empty object', () => {
    expect(looksLikeJson('{"json_format_version":[1,0]}')).toBe(true);
    expect(looksLikeJson('{\n  "json_format_version": [\n    1,\n    0\n  ]\n}\n')).toBe(true);
    expect(looksLikeJson('{ }')).toBe(true);
    expect(looksLikeJson('$ smartctl -j -i /dev/sda\n{\n  "smartctl": {}\n}\n')).toBe(true);
  });
});
