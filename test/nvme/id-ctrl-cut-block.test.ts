/**
 * A block a person cut out of an `nvme id-ctrl -H` output to show one field (`frmw : 0x16` and its bit lines, nvme-cli
 * issue 1866), with no filter named: no vid and no mn, yet every line is the output's own. Before, it was refused as
 * 'not nvme id-ctrl output'; it is an excerpt, its fields read, the vid and mn it left out unknown. Text that is not
 * id-ctrl's own stays refused. Real sample: test/nvme/fixtures/real/id-ctrl/samsung-pm9a1-nvmecli1866-H-frmw-block-only.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIdCtrlText } from '../../analyzer/classes/nvme/nvme-text.js';
import { ParseError } from '../../analyzer/parsers/errors.js';

const BLOCK = readFileSync(new URL('./fixtures/real/id-ctrl/samsung-pm9a1-nvmecli1866-H-frmw-block-only.txt', import.meta.url), 'utf8');
const WHOLE = readFileSync(new URL('./fixtures/real/id-ctrl/crucial-p3plus-ct4000p3pssd8-jp-diary-H.txt', import.meta.url), 'utf8');

describe('a block cut out of an id-ctrl output, no filter named', () => {
  it('the real frmw block: frmw and what it means read, no model or serial', () => {
    const r = parseIdCtrlText(BLOCK);
    expect([r.frmw, r.firmwareSlots, r.slot1ReadOnly, r.activationWithoutReset, r.model, r.serial, r.issues]).toEqual([0x16, 3, false, true, undefined, undefined, []]);
  });

  it('any run of whole fields of a real output (its oacs to its lpa block) reads as those fields there', () => {
    const lines = WHOLE.split('\n');
    const from = lines.findIndex((l) => /^oacs\s*:/.test(l));
    const to = lines.findIndex((l) => /^elpe\s*:/.test(l));
    expect(from).toBeGreaterThan(0);
    const r = parseIdCtrlText(lines.slice(from, to).join('\n'));
    const whole = parseIdCtrlText(WHOLE);
    expect([r.frmw, r.fields.oacs, r.fields.lpa]).toEqual([whole.frmw, whole.fields.oacs, whole.fields.lpa]);
  });

  it("with a person's sentence at the margin between its lines, still the block (the sentence noted)", () => {
    const lines = BLOCK.split('\n');
    const noted = [...lines.slice(0, 3), 'The values below were read after the reboot.', ...lines.slice(3)].join('\n');
    expect(parseIdCtrlText(noted)).toMatchObject({ frmw: 0x16, firmwareSlots: 3 });
  });

  it('lines that are not all id-ctrl fields are still no id-ctrl output', () => {
    for (const text of ['status : ok\nhealth : good\n', 'frmw : 0x16\nfoo_bar : 12\n', 'Model : X\nSerial : Y\n', '']) {
      expect(() => parseIdCtrlText(text), text).toThrow(ParseError);
    }
  });
});
