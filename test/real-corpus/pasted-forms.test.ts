import { describe, expect, it } from 'vitest';
import { FORMS, NAME_FORMS } from './pasted-forms.js';
import { batches, sweepSamples } from './paste-sweep.js';

/** The sweep's own parts: each form really changes an output, and a tree never holds one saved name twice. */

const OUTPUT = { text: 'pci/0000:3b:00.0:\n  driver mlx5_core\n  versions:\n      running:\n        fw.version 16.35.2000\n', format: 'text' as const, command: 'devlink dev info', savedAs: 'cmd/devlink/dev_info.out' };

/** Tabs back to spaces at 8-column stops, as a terminal shows them. */
const expand = (line: string): string => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
};

describe('pasted forms', () => {
  it('every form changes the output', () => {
    for (const [name, form] of Object.entries(FORMS)) expect(form(OUTPUT), name).not.toBe(OUTPUT.text);
  });

  it('tabs for spaces keeps every column where it was', () => {
    const tabbed = FORMS['tabs for spaces']!(OUTPUT);
    expect(tabbed).toContain('\t');
    expect(tabbed.split('\n').map(expand).join('\n')).toBe(OUTPUT.text);
  });

  it('an output published HTML-escaped is not escaped twice', () => {
    const escaped = { ...OUTPUT, text: 'pci&#x2F;0000:3b:00.0:\n' };
    expect(FORMS['HTML-escaped']!(escaped)).toBe(escaped.text);
  });

  it('name forms rename as a person would', () => {
    expect(NAME_FORMS['flint / mlxconfig for mstflint / mstconfig, and back']!('cmd/mstflint/-d_01:00.0_q.out', 'text')).toBe('cmd/flint/-d_01:00.0_q.out');
    expect(NAME_FORMS['q for query, and back']!('cmd/mlxconfig/-d_01:00.0_query.out', 'text')).toBe('cmd/mlxconfig/-d_01:00.0_q.out');
    expect(NAME_FORMS['devlink -jp for JSON']!('cmd/devlink/dev_info.out', 'json')).toBe('cmd/devlink/-jp_dev_info.out');
    expect(NAME_FORMS['devlink -jp for JSON']!('cmd/devlink/dev_info.out', 'text')).toBeUndefined();
    expect(NAME_FORMS['device as a /dev path']!('cmd/nvme/id-ctrl_nvme0n1_-H.out', 'text')).toBe('cmd/nvme/id-ctrl_%2fdev%2fnvme0n1_-H.out');
    expect(NAME_FORMS['smartctl -a for -x, and back']!('cmd/smartctl/-x_sda.out', 'text')).toBe('cmd/smartctl/-a_sda.out');
  });

  it('a tree never holds one saved name twice, and every sample is in one tree', () => {
    const samples = sweepSamples();
    const groups = batches(samples);
    for (const g of groups) expect(new Set(g.map((s) => s.savedAs)).size).toBe(g.length);
    expect(groups.flat()).toHaveLength(samples.length);
  });
});
