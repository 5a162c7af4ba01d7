import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseLsscsi, parseSgInq } from '../lab/scenarios/scsi.js';
import { REAL } from './real-samples.js';

const sample = (name: string): { text: string; truth: unknown } => ({
  text: readFileSync(`${REAL}${name}.txt`, 'utf8'),
  truth: (parse(readFileSync(`${REAL}${name}.provenance.yaml`, 'utf8')) as { truth: unknown }).truth,
});

/** The lab compares the bundle with these tools' outputs; their readers are checked on public outputs first. */
describe('readers of the lab\'s reference tools, on real public outputs', () => {
  it('lsscsi: H:C:T:L, type, vendor, model, revision and node of each line', () => {
    const s = sample('lsscsi-insights-core');
    expect(parseLsscsi(s.text)).toEqual(s.truth);
  });
  it('lsscsi: NVMe lines ([N:…]) and blank lines are not SCSI devices', () => {
    expect(parseLsscsi('[N:0:0:1]    disk    QEMU NVMe Ctrl__1                          /dev/nvme0n1\n\n')).toEqual([]);
  });
  it('sg_inq: vendor, product, revision and unit serial number, padding trimmed', () => {
    const s = sample('sg_inq-st8000as0022');
    expect(parseSgInq(s.text)).toEqual(s.truth);
  });
});
