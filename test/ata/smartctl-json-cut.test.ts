/**
 * A smartctl -j output cut short (a paste or a thread's stored copy that stops inside it) is read up to its last whole
 * member, and the member that was cut is an unread line; before, the whole output was "not valid JSON" and nothing was
 * stored. The corpus holds one published so (test/nvme's dell-ent-nvme-cm7-beszel1899-json-cut); here a SAS drive's
 * whole smartctl -j output of the corpus is cut as a paste limit cuts it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson } from '../../analyzer/classes/ata/smartctl.js';
import { closeCutJson, looksLikeJson } from '../../analyzer/parsers/json-output.js';

// An HP MAS3735NC SAS drive's smartctl 7.4 -j output.
const WHOLE = readFileSync(new URL('./fixtures/real/smartctl/hp-mas3735nc-sas-json-smartctl74.json', import.meta.url), 'utf8');
const whole = parseSmartctlJson(WHOLE);
// Cut inside the first member after the serial (a key, half printed).
const cutAt = WHOLE.indexOf('"', WHOLE.indexOf('\n', WHOLE.indexOf('"serial_number"')) + 1) + 4;
const CUT = WHOLE.slice(0, cutAt);

describe('a smartctl -j output cut short', () => {
  it('is read up to its last whole member, the cut member\'s line named', () => {
    const info = parseSmartctlJson(CUT);
    expect({ protocol: info.protocol, model: info.model, serial: info.serial }).toEqual({ protocol: whole.protocol, model: whole.model, serial: whole.serial });
    expect(info.serial).toBeTruthy();
    const lines = CUT.split('\n');
    expect(info.issues).toEqual([{ line: lines.length, text: expect.stringContaining(lines.at(-1)!.trim()), message: expect.stringContaining('cut short') }]);
    // Words a person wrote after the cut output do not move the cut.
    expect(parseSmartctlJson(`${CUT}\nthe rest did not fit, sorry, see the attachment\n`).issues.map((i) => i.line)).toEqual([lines.length]);
  });

  it('a whole document is never "closed": valid or not, it is what it is', () => {
    expect(closeCutJson('{"a": 1, "b": [1, 2]}')).toBeUndefined();
    expect(closeCutJson('{"a": 1, "b": oops}')).toBeUndefined();
    expect(closeCutJson('{"a": {"b": "x,y", "c": [1, 2')).toEqual({ closed: '{"a": {"b": "x,y", "c": [1]}}', at: 26 });
  });
});

describe('a smartctl -j output below a prompt that is no sentence', () => {
  // netdata#18249: zsh's two-line prompt (`root@NBox [date] [~]`, `➜ # smartctl --json --all /dev/sda --device sat`)
  // above the JSON, cut inside form_factor where the stored copy of the thread stops. Before: "no JSON object in the output".
  const PROMPTED = readFileSync(new URL('./fixtures/real/smartctl/wd-wd100ezaz-netdata18249-zsh-prompt-json-cut.json', import.meta.url), 'utf8');

  it('is read from its first line opening an object, the cut named', () => {
    const info = parseSmartctlJson(PROMPTED);
    expect({ protocol: info.protocol, model: info.model, firmware: info.firmware }).toEqual({ protocol: 'ATA', model: 'WDC WD100EZAZ-11TDBA0', firmware: '83.H0A83' });
    expect(info.issues.map((i) => [i.line, i.message])).toEqual([[PROMPTED.trimEnd().split('\n').length, expect.stringContaining('cut short')]]);
  });

  it('indented or quoted as a whole, its prompt is still the prompt and the output JSON (before: read as smartctl text and refused)', () => {
    for (const pasted of [PROMPTED.replace(/^(?=.)/gm, '    '), PROMPTED.replace(/^/gm, '> ')]) {
      expect(looksLikeJson(pasted)).toBe(true);
      expect(parseSmartctlJson(pasted).firmware).toBe('83.H0A83');
    }
  });
});
