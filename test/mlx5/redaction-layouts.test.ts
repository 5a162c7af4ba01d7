import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../bundle/redact/redactor.js';
import { REDACTION } from '../../collector/classes/index.js';

const REAL = 'test/mlx5/fixtures/real/mlxlink/';
const redact = (r: Redactor, name: string, text: string): string => Buffer.from(r.redact(name, undefined, Buffer.from(text))!).toString('utf8');
const serialLines = (text: string): string[] => text.split('\n').filter((l) => /serial/i.test(l));

describe("the mlx5 class's redaction layouts", () => {
  it("mlxlink -m: a cable's Vendor Serial Number that reads as hex gets a serial token, not a MAC one (real: an OSFP DAC's C2604279049-2)", () => {
    const r = new Redactor({ catalog: REDACTION });
    const original = readFileSync(`${REAL}cx7-ndr-show-module-35-col-trailing-spaces-dac-notes.txt`, 'utf8');
    const out = redact(r, 'cmd/mlxlink/-d_mt4129_pciconf0_--show_module.out', original);
    expect(serialLines(out)).toEqual(['Vendor Serial Number               : SN00000000001']);
    expect(out.replace('SN00000000001', 'C2604279049-2')).toBe(original);
    expect(Object.keys(r.tokens.toJson().tokens.mac)).toEqual([]);
  });

  it('a serial with spaces is replaced whole; N/A kept; mlxlink --json, --show_device and mlxcables spellings', () => {
    const r = new Redactor({ catalog: REDACTION });
    const text = 'State                              : \x1b[32mActive\n\x1b[0mVendor Serial Number               : FS 2101 2345\nSerial Number                   : N/A\n';
    expect(serialLines(redact(r, 'cmd/mlxlink/-m.out', text))).toEqual(['\x1b[0mVendor Serial Number               : SN0000000001', 'Serial Number                   : N/A']);
    const json = '{"Module Info": {"Vendor Serial Number": "ABC123DEF456"}, "Device Info": {"Serial Number": "MT2239XZ0123"}}';
    expect(JSON.parse(redact(r, 'cmd/mlxlink/-d_mt4129_pciconf0_-m_--json.out', json))).toEqual({ 'Module Info': { 'Vendor Serial Number': 'SN0000000002' }, 'Device Info': { 'Serial Number': 'SN0000000003' } });
    expect(serialLines(redact(r, 'cmd/mlxcables/_.out', 'Vendor        : Mellanox\nSerial number : MT1626VS03327\n'))).toEqual(['Serial number : SN00000000004']);
  });
});
