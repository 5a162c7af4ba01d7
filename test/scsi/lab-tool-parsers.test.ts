import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSgInq } from './lab-scenario.js';
import { REAL } from './real-samples.js';

const sample = (name: string): { text: string; truth: Record<string, unknown> } => ({
  text: readFileSync(`${REAL}${name}.txt`, 'utf8'),
  truth: (parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: Record<string, unknown> }).truth,
});

/** The lab compares the bundle with these tools' outputs; their readers are checked on public outputs first (lsscsi's is the scsi class's, test/scsi/lsscsi.test.ts). */
describe('readers of the lab\'s reference tools, on real public outputs', () => {
  it('sg_inq: vendor, product, revision and unit serial number, padding trimmed', () => {
    const s = sample('sg_inq-st8000as0022');
    // The truth's firmware is what the analyzer stores (the SAT revision marked as cut), not a field sg_inq prints.
    const { firmware: _stored, ...printed } = s.truth;
    expect(parseSgInq(s.text)).toEqual(printed);
  });
});
