import { describe, expect, it } from 'vitest';
import { parseLspciText, selectedFunction } from '../../analyzer/classes/pci/lspci-text.js';

/**
 * `lspci -vvv -s <slot> | grep -A N "<capability>"` keeps a capability and the lines after it, not the function's
 * header: the function is the one the selector names, from the command line pasted above or the saved name.
 */
const CUT = [
  '        Capabilities: [c0] Vital Product Data',
  '                Product Name: Example DPU',
  '                Read-only fields:',
  '                        [PN] Part number: 0PCFPCA00',
  '                        [SN] Serial number: SERIAL01',
  '                        [RV] Reserved: checksum good, 128 byte(s) reserved',
  '                End',
].join('\n');

describe('lspci text cut by grep -A below the header', () => {
  it('hangs on the function the command line pasted above selects', () => {
    const r = parseLspciText(`$ sudo lspci -vvv -s 1b:00.0 | grep -A 6 "Vital Product Data"\n${CUT}\n`);
    expect(r.issues).toEqual([]);
    expect(r.functions.map((f) => f.bdf)).toEqual(['0000:1b:00.0']);
    expect(r.functions[0]!.vpd?.fields['SN']).toBe('SERIAL01');
    expect(r.functions[0]!.className).toBeNull();
    expect(r.functions[0]!.description).toBeNull();
  });

  it('reads a quoted selector as the shell does', () => {
    const r = parseLspciText(`$ lspci -s "04:00.0" -vvv | grep -A 6 Vital\n${CUT}\n`);
    expect(r.issues).toEqual([]);
    expect(r.functions.map((f) => f.bdf)).toEqual(['0000:04:00.0']);
  });

  it('hangs on the function the saved name selects when no command line is pasted', () => {
    const r = parseLspciText(`${CUT}\n`, { selector: '0000:3b:00.1' });
    expect(r.issues).toEqual([]);
    expect(r.functions.map((f) => [f.bdf, f.vpd?.productName])).toEqual([['0000:3b:00.1', 'Example DPU']]);
  });

  it('stays unread lines without a selector, or with one that may name several functions', () => {
    expect(parseLspciText(`${CUT}\n`).issues).toHaveLength(7);
    expect(parseLspciText(`$ lspci -vvv -s 1b: | grep -A 6 "Vital Product Data"\n${CUT}\n`).issues).toHaveLength(7);
    expect(parseLspciText(`${CUT}\n`, { selector: '.1' }).functions).toEqual([]);
  });

  it.each([
    ['The values below were read after the reboot.'],
    ['Note: the values below were read after the reboot.'],
    ['EDIT: this part is from the second card, see below.'],
  ])("keeps the VPD below a person's sentence at the margin inside it: %s", (sentence) => {
    const cut = CUT.replace(/\n(?= +\[SN\])/, `\n${sentence}\n`);
    const r = parseLspciText(`$ sudo lspci -vvv -s 1b:00.0 | grep -A 7 "Vital Product Data"\n${cut}\n`);
    expect(r.functions.map((f) => [f.bdf, f.vpd])).toEqual([
      ['0000:1b:00.0', { productName: 'Example DPU', fields: { PN: '0PCFPCA00', SN: 'SERIAL01', RV: 'checksum good, 128 byte(s) reserved' } }],
    ]);
    expect(r.issues.map((i) => [i.line, i.text])).toEqual([[6, sentence]]);
  });

  it('ends the VPD at a top-level line lspci prints at the margin of a cut', () => {
    const r = parseLspciText(`${CUT}\n        Kernel driver in use: ionic\n`, { selector: '1b:00.0' });
    expect(r.issues).toEqual([]);
    expect(r.functions[0]!.driver).toBe('ionic');
    expect(r.functions[0]!.vpd?.fields['SN']).toBe('SERIAL01');
  });

  it('reads a full selector only', () => {
    expect(selectedFunction('1b:00.0')).toBe('0000:1b:00.0');
    expect(selectedFunction('0001:3B:00.7')).toBe('0001:3b:00.7');
    expect(selectedFunction('1b:00')).toBeUndefined();
    expect(selectedFunction('1b:')).toBeUndefined();
    expect(selectedFunction(undefined)).toBeUndefined();
  });
});
