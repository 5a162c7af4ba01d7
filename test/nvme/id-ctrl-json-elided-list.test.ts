/**
 * nvme id-ctrl -o json whose power state list a person elided over three lines (`"psds":[` / `...` / `]`): the power
 * states are unknown, as for the one-line `"psds":[...]`, not none. Before, the text layer took the elision's line out
 * and the list was read as empty: a controller with no power state. Real sample, edited: nvme-cli 2.3's id-ctrl -o json of
 * the lab's emulated controller (its one power state descriptor elided).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIdCtrlJson } from '../../analyzer/classes/nvme/nvme-json.js';
import { readJsonOutput } from '../../analyzer/parsers/json-output.js';

const real = readFileSync(new URL('./fixtures/real/id-ctrl/qemu-lab-nvme-cli-2.3-json.json', import.meta.url), 'utf8');

describe('an id-ctrl JSON list elided over lines', () => {
  const psds = real.slice(real.indexOf('"psds":['), real.lastIndexOf(']') + 1);
  const text = real.replace(psds, '"psds":[\n    ...\n  ]');

  it('its power states are unknown, not none; the rest is read and the elision named', () => {
    expect(text).not.toBe(real);
    expect(parseIdCtrlJson(real).powerStates).toHaveLength(1);
    const facts = parseIdCtrlJson(text);
    expect([facts.powerStates, facts.subnqn]).toEqual([undefined, 'nqn.2019-08.org.qemu:FWSNAPLABNVME01']);
    expect(readJsonOutput('nvme-id-ctrl-json', text).elided?.map((e) => e.text)).toEqual(['...']);
  });

  it('a list a printer left empty over two lines is still an empty one', () => {
    expect(parseIdCtrlJson(real.replace(psds, '"psds":[\n  ]')).powerStates).toEqual([]);
  });
});

describe("an id-ctrl JSON list whose only element a person elided", () => {
  const psds = real.slice(real.indexOf('"psds":['), real.lastIndexOf(']') + 1);

  it('over lines (`"psds":[` / `{` / `...` / `}` / `]`) or on one line (`"psds":[{...}]`): the power states are unknown, not none', () => {
    for (const elided of ['"psds":[\n    {\n      ...\n    }\n  ]', '"psds":[{...}]', '"psds":[ { … } ]']) {
      const text = real.replace(psds, elided);
      expect(text).not.toBe(real);
      const facts = parseIdCtrlJson(text);
      expect([elided, facts.powerStates, facts.subnqn]).toEqual([elided, undefined, 'nqn.2019-08.org.qemu:FWSNAPLABNVME01']);
    }
  });

  it('an element elided beside others leaves the others read', () => {
    expect(readJsonOutput('test', '{\n  "a": [1, {…}],\n  "b": [\n    {\n      "c": 2\n    },\n    {\n      ...\n    }\n  ]\n}\n').doc).toEqual({ a: [1], b: [{ c: 2 }] });
  });
});
