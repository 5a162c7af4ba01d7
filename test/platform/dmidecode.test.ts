import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dmiAttributesOf, parseDmidecode } from '../../analyzer/classes/platform/dmidecode.js';

const REAL = new URL('./fixtures/real/dmidecode/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

interface Truth {
  version: string;
  smbios: string;
  structures?: number;
  attributes: Record<string, string>;
}

describe('dmidecode text, on real public outputs (test/platform/fixtures/real/dmidecode, provenance next to each)', () => {
  it('has the four samples', () => expect(samples).toHaveLength(4));
  for (const name of samples) {
    it(`${name}: the header, every structure, and the /sys/class/dmi/id attributes sysfs would show`, () => {
      const text = readFileSync(new URL(`${name}.txt`, REAL), 'utf8');
      const truth = (parse(readFileSync(new URL(`${name}.provenance.yaml`, REAL), 'utf8')) as { truth: Truth }).truth;
      const d = parseDmidecode(text);
      expect(d.issues).toEqual([]);
      expect(d.version).toBe(truth.version);
      expect(d.smbios).toBe(truth.smbios);
      expect(d.structures).toHaveLength(truth.structures ?? (text.match(/^Handle 0x/gm) ?? []).length);
      expect(Object.fromEntries(dmiAttributesOf(d))).toEqual(truth.attributes);
    });
  }

  it('CRLF line ends read the same', () => {
    const text = readFileSync(new URL('rhev-kvm-3.0.txt', REAL), 'utf8');
    expect(dmiAttributesOf(parseDmidecode(text.replace(/\n/g, '\r\n')))).toEqual(dmiAttributesOf(parseDmidecode(text)));
  });

  it('a line that fits nowhere is an issue with its line number; the structures around it are kept', () => {
    const text = readFileSync(new URL('rhev-kvm-3.0.txt', REAL), 'utf8').replace('\tWake-up Type: Power Switch\n', '\tWake-up Type: Power Switch\nthis line was pasted here\n');
    const d = parseDmidecode(text);
    const line = text.split('\n').indexOf('this line was pasted here') + 1;
    expect(d.issues).toEqual([{ line, text: 'this line was pasted here', message: 'not a field of the structure above' }]);
    expect(dmiAttributesOf(d).get('product_family')).toBe('Red Hat Enterprise Linux');
    expect(dmiAttributesOf(d).get('chassis_type')).toBe('1');
  });

  it('no SMBIOS table: no structures, no attributes, no issue', () => {
    const d = parseDmidecode('# dmidecode 2.11\n# No SMBIOS nor DMI entry point found, sorry.\n');
    expect(d).toMatchObject({ version: '2.11', structures: [], issues: [] });
    expect(dmiAttributesOf(d).size).toBe(0);
  });
});
