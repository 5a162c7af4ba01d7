import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dmiAttributesOf, parseDmidecode } from '../../analyzer/classes/platform/dmidecode.js';
import { firmwareInventoryOf, type FirmwareInventoryEntry } from '../../analyzer/classes/platform/firmware-inventory.js';

const REAL = new URL('./fixtures/real/dmidecode/', import.meta.url);
const samples = readdirSync(REAL).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

interface Truth {
  version: string;
  smbios: string;
  structures?: number;
  attributes: Record<string, string>;
  /** Each type 45 structure (Firmware Inventory Information) as a person reads it, where the output has any. */
  firmware_inventory?: Omit<FirmwareInventoryEntry, 'line'>[];
}

describe('dmidecode text, on real public outputs (test/platform/fixtures/real/dmidecode, provenance next to each)', () => {
  it('has its samples, at least ten', () => expect(samples.length).toBeGreaterThanOrEqual(10));
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
      expect(firmwareInventoryOf(d).map(({ line: _, ...e }) => e)).toEqual(truth.firmware_inventory ?? []);
    });
  }

  it('every sample that prints a type 45 structure declares its firmware inventory', () => {
    const printed = samples.filter((n) => /\nFirmware Inventory Information|, DMI type 45,/.test(readFileSync(new URL(`${n}.txt`, REAL), 'utf8')));
    expect(printed.length).toBeGreaterThanOrEqual(5);
    for (const n of printed) expect((parse(readFileSync(new URL(`${n}.provenance.yaml`, REAL), 'utf8')) as { truth: Truth }).truth.firmware_inventory, n).toBeDefined();
  });

  it('a type 45 structure dmidecode before 3.5 printed as Unknown Type, its bytes cut short (fewer than its length), lists no firmware', () => {
    const d = parseDmidecode('Handle 0x000C, DMI type 45, 26 bytes\nUnknown Type\n\tHeader and Data:\n\t\t2D 1A 0C 00 01 02 00 00 00 00 00 00 00 00 00 00\n');
    expect(d.issues).toEqual([]);
    expect(firmwareInventoryOf(d)).toEqual([]);
  });

  it('a type 45 structure dmidecode before 3.5 printed as Unknown Type, its bytes and strings, reads as dmidecode 3.5+ prints it for the same model', () => {
    const inventory = (name: string): Omit<FirmwareInventoryEntry, 'line'>[] =>
      firmwareInventoryOf(parseDmidecode(readFileSync(new URL(`${name}.txt`, REAL), 'utf8'))).map(({ line: _, ...e }) => e);
    for (const [bytes, decoded] of [
      ['msi-s3661-3.2-type-45-bytes', 'msi-s3661-3.6-firmware-inventory'],
      ['asrockrack-genoad12m3-3.2-type-45-bytes', 'asrockrack-genoad12m3-hashed-line'],
    ] as const) {
      expect(inventory(bytes).length, bytes).toBeGreaterThan(0);
      expect(inventory(bytes), bytes).toEqual(inventory(decoded));
    }
  });

  it('dmidecode -u (every structure as its bytes, no name line, each string as its bytes then its text) reads the same', () => {
    const text = readFileSync(new URL('msi-s3661-3.2-type-45-bytes.txt', REAL), 'utf8');
    const hex = (s: string): string[] => {
      const b = [...Buffer.from(`${s}\0`, 'latin1')].map((x) => x.toString(16).toUpperCase().padStart(2, '0'));
      return Array.from({ length: Math.ceil(b.length / 16) }, (_, i) => b.slice(i * 16, i * 16 + 16).join(' '));
    };
    // The Strings lists as -u prints them, and no `Unknown Type` line.
    const dumped = text.replace(/\nUnknown Type\n/g, '\n').replace(/(\tStrings:\n)((?:\t\t.*\n)+)/g, (_, head: string, list: string) =>
      head + list.split('\n').filter((l) => l !== '').map((l) => [...hex(l.slice(2)), l.slice(2)].map((x) => `\t\t${x}\n`).join('')).join(''));
    expect(dumped).toContain('\t\t42 49 4F 53 20 46 69 72 6D 77 61 72 65 00\n\t\tBIOS Firmware\n');
    const d = parseDmidecode(dumped);
    expect(d.issues).toEqual([]);
    expect(firmwareInventoryOf(d).map((e) => e.version)).toEqual(['ES366AOC.10G', '2.15', 'F0016.41C000']);
    expect(firmwareInventoryOf(d).map(({ line: _, ...e }) => e)).toEqual(firmwareInventoryOf(parseDmidecode(text)).map(({ line: _, ...e }) => e));
  });

  it('type 45 bytes: a string index past the strings, an unknown image size, a state out of the specification, and a count the length cannot hold', () => {
    const d = parseDmidecode('Handle 0x0030, DMI type 45, 26 bytes\nUnknown Type\n\tHeader and Data:\n\t\t2D 1A 30 00 01 03 00 00 00 00 00 00 00 00 10 00\n\t\t00 00 00 00 03 00 0B 02 00 00\n\tStrings:\n\t\tBMC\n');
    expect(firmwareInventoryOf(d).map(({ line: _, ...e }) => e)).toEqual([
      { handle: '0x0030', componentName: 'BMC', version: undefined, firmwareId: undefined, releaseDate: undefined, manufacturer: undefined, lowestSupportedVersion: undefined, imageSize: '1 MB', updatable: true, writeProtect: true, state: undefined, associated: [] },
    ]);
  });

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

  it('dmidecode -q (no header, no Handle lines, a blank line between structures) reads as the full output does', () => {
    const text = readFileSync(new URL('rhev-kvm-3.0.txt', REAL), 'utf8');
    const quiet = text.split('\n').filter((l) => !/^(?:Handle 0x|# dmidecode|SMBIOS |Getting SMBIOS|Scanning |\d+ structures|Table at)/.test(l)).join('\n').replace(/^\n+/, '');
    const d = parseDmidecode(quiet);
    expect(d.issues).toEqual([]);
    expect(d.structures.map((x) => x.name)).toEqual(parseDmidecode(text).structures.map((x) => x.name));
    expect(dmiAttributesOf(d)).toEqual(dmiAttributesOf(parseDmidecode(text)));
  });

  it("grep's excerpt of the output: the command typed with its pipe, and the -- between matches, are no unread lines", () => {
    const d = parseDmidecode('sudo dmidecode | grep -A3 "Information"\nHandle 0x0000, DMI type 0, 24 bytes\nBIOS Information\n\tVendor: SeaBIOS\n\tVersion: 1.9.1-5.el7_3.2\n--\nHandle 0x0100, DMI type 1, 27 bytes\nSystem Information\n\tManufacturer: Red Hat\n\tProduct Name: RHEV Hypervisor\n');
    expect(d.issues).toEqual([]);
    expect(Object.fromEntries(dmiAttributesOf(d))).toEqual({ bios_vendor: 'SeaBIOS', bios_version: '1.9.1-5.el7_3.2', sys_vendor: 'Red Hat', product_name: 'RHEV Hypervisor' });
  });

  it('no SMBIOS table: no structures, no attributes, no issue', () => {
    const d = parseDmidecode('# dmidecode 2.11\n# No SMBIOS nor DMI entry point found, sorry.\n');
    expect(d).toMatchObject({ version: '2.11', structures: [], issues: [] });
    expect(dmiAttributesOf(d).size).toBe(0);
  });
});
