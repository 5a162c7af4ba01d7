import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseNvmeList } from '../../analyzer/classes/nvme/nvme-list.js';

const REAL = new URL('./fixtures/report-outputs/nvme-list/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, REAL), 'utf8');
const truth = (name: string): unknown => (parse(read(`${name}.provenance.yaml`)) as { truth: unknown }).truth;

describe('nvme list (the nvme class\'s parser, for imported reports), on real public outputs', () => {
  it('text: node, controller, serial, model and firmware by column heading (firmware right-aligned in its column)', () => {
    const p = parseNvmeList(read('intel-600p-lkml.txt'));
    expect(p.issues).toEqual([]);
    expect(p.entries).toEqual(truth('intel-600p-lkml'));
  });

  it('JSON (-o json): the same fields by key', () => {
    const p = parseNvmeList(read('ceph-nvme-loop.json'));
    expect(p.issues).toEqual([]);
    expect(p.entries).toEqual(truth('ceph-nvme-loop'));
  });

  it('nvme-cli 2.x adds a Generic column and widens fields: columns are found by heading, not place', () => {
    const text = [
      'Node                  Generic               SN                   Model                                    Namespace  Usage                      Format           FW Rev  ',
      '--------------------- --------------------- -------------------- ---------------------------------------- ---------- -------------------------- ---------------- --------',
      '/dev/nvme0n1          /dev/ng0n1            BTPY65250EQN512F     INTEL SSDPEKKW512G7                      0x1        512.11  GB / 512.11  GB    512   B +  0 B    PSF121C',
    ].join('\r\n');
    expect(parseNvmeList(text).entries).toEqual(truth('intel-600p-lkml'));
  });

  it('a line without a device node is an issue with its line number; JSON that does not parse is an issue', () => {
    const text = `${read('intel-600p-lkml.txt')}garbage here\n`;
    expect(parseNvmeList(text).issues).toEqual([{ line: 4, text: 'garbage here', message: expect.stringMatching(/not a namespace line/) }]);
    expect(parseNvmeList('{"Devices": [').issues).toHaveLength(1);
    expect(parseNvmeList('').issues).toEqual([]);
  });
});
