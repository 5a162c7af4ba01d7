import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseHdparm } from '../../analyzer/classes/ata/hdparm.js';

const REAL = new URL('./fixtures/report-outputs/hdparm/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, REAL), 'utf8');
const truth = (parse(read('intel-ssdsc2kw512g8.provenance.yaml')) as { truth: { model: string; serial: string; firmware: string; settings: Record<string, unknown> } }).truth;

describe('hdparm, on a real public output (test/ata/fixtures/report-outputs/hdparm, provenance next to it)', () => {
  it('-I: identity, and every IDENTIFY setting the ata class keeps, as a person reads them off the output', () => {
    const id = parseHdparm(read('intel-ssdsc2kw512g8-I.txt'));
    expect(id.issues).toEqual([]);
    expect({ model: id.model, serial: id.serial, firmware: id.firmware }).toEqual({ model: truth.model, serial: truth.serial, firmware: truth.firmware });
    expect(id.settings).toEqual(truth.settings);
  });

  it('-i: the same drive\'s model, firmware and serial from the kernel\'s cached identity, no IDENTIFY settings', () => {
    const id = parseHdparm(read('intel-ssdsc2kw512g8-i.txt'));
    expect({ model: id.model, serial: id.serial, firmware: id.firmware }).toEqual({ model: truth.model, serial: truth.serial, firmware: truth.firmware });
    expect(id.settings).toEqual({});
  });

  it('a feature marked not enabled, a spinning disk and a locked drive read as such; CRLF changes nothing', () => {
    const text = read('intel-ssdsc2kw512g8-I.txt')
      .replace('\t   *\tWrite cache\n', '\t    \tWrite cache\n')
      .replace('Nominal Media Rotation Rate: Solid State Device', 'Nominal Media Rotation Rate: 7200')
      .replace('\tnot\tlocked\n', '\t\tlocked\n');
    const id = parseHdparm(text.replace(/\n/g, '\r\n'));
    expect(id.settings).toMatchObject({ write_cache_supported: true, write_cache_enabled: false, rotation_rate: 7200, 'security.locked': true });
  });

  // hdparm 9.15's identify.c prints TRIM and its determinism on one line, 'Data Set Management %sdeterminate TRIM
  // supported'; 9.27 and later split it ('Data Set Management TRIM supported', 'Deterministic read data/ZEROs after TRIM').
  it.each([
    ['Data Set Management determinate TRIM supported', { trim: true, deterministic_read_after_trim: true, zeroes_after_trim: null }],
    ['Data Set Management indeterminate TRIM supported', { trim: true, deterministic_read_after_trim: false, zeroes_after_trim: null }],
  ])("hdparm 9.15's one TRIM line: %s", (line, settings) => {
    const text = read('intel-ssdsc2kw512g8-I.txt').replace(/\t   \*\tData Set Management TRIM supported.*\n(?:\t   \*\tDeterministic read \w+ after TRIM\n)*/, `\t   *\t${line}\n`);
    const id = parseHdparm(text);
    expect(id.issues).toEqual([]);
    expect(id.settings).toMatchObject(settings);
  });

  it('an unknown top-level line is an issue with its line number; everything else is still read', () => {
    const text = read('intel-ssdsc2kw512g8-I.txt').replace('Capabilities:\n', 'Something new:\nCapabilities:\n');
    const id = parseHdparm(text);
    expect(id.issues).toEqual([{ line: text.split('\n').indexOf('Something new:') + 1, text: 'Something new:', message: 'not a heading hdparm -I prints' }]);
    expect(id.settings).toEqual(truth.settings);
  });
});
