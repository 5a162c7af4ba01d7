/**
 * A JSON document in which a person elided members (`...`, `…`, `[...]` on a line of their own, or `...` between the
 * members of a one-line document) is read for what it holds around the elision, each elision named as a line not read.
 * Before, an elision before a closing bracket (a comma left before it) or inside a one-line document made the whole output
 * "not valid JSON". Real form: nvme-cli pull request 998 elides members of each `nvme list -o json` device with `...`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmartctlJson } from '../../../analyzer/classes/ata/smartctl.js';
import { parseFwLogJson } from '../../../analyzer/classes/nvme/nvme-json.js';
import { readJsonOutput } from '../../../analyzer/parsers/json-output.js';
import { observeText, type CleanText, type LineIssue } from '../../../analyzer/parsers/text-input.js';

/** The elisions the text layer left for the load to name (once a line), as it read the document. */
const namedElided = (seen: readonly CleanText[]): LineIssue[] => [...new Map(seen.flatMap((c) => c.elided ?? []).map((i) => [i.line, i])).values()];
const elidedAt = (read: { elided?: { line: number }[] }): number[] => (read.elided ?? []).map((e) => e.line);

describe('a JSON document with members elided by a person', () => {
  it('an elision before a closing bracket: the members before it are read', () => {
    const read = readJsonOutput('test', '{\n  "a": 1,\n  "b": {\n    "c": 2,\n    ...\n  },\n  "d": [\n    3,\n    …\n  ]\n}\n');
    expect(read.doc).toEqual({ a: 1, b: { c: 2 }, d: [3] });
    expect(elidedAt(read)).toEqual([5, 9]);
  });

  it('an elision between members, as `[...]` or in a one-line document', () => {
    expect(readJsonOutput('test', '{\n  "a": 1,\n  [...]\n  "b": 2\n}\n')).toMatchObject({ doc: { a: 1, b: 2 } });
    const oneLine = readJsonOutput('test', '$ nvme fw-log -o json /dev/nvme0\n{"a":1, ... ,"b":"x...y"}\n');
    expect([oneLine.doc, elidedAt(oneLine)]).toEqual([{ a: 1, b: 'x...y' }, [2]]);
  });

  it("a person's `...` in the words around the document is no elision of it, nor a `...` inside a string", () => {
    const read = readJsonOutput('test', 'Here it is...\n{\n  "a": "x...y",\n  "b": 2\n}\nAny idea...?\n');
    expect([read.doc, read.elided]).toEqual([{ a: 'x...y', b: 2 }, undefined]);
  });

  it('smartctl -j and nvme fw-log -o json with an elision before a closing brace are read, the elision left to the load to name', () => {
    const smart = readFileSync(new URL('../../ata/fixtures/real/smartctl/wd-wd100ezaz-netdata18249-zsh-prompt-json-cut.json', import.meta.url), 'utf8');
    const elided = smart.replace('      "--device",\n      "sat"\n    ],', '      "--device",\n      ...\n    ],');
    expect(elided).not.toBe(smart);
    const info = observeText(() => parseSmartctlJson(elided));
    expect([info.value.firmware, namedElided(info.seen).map((i) => i.text)]).toEqual(['83.H0A83', ['...']]);
    const fw = readFileSync(new URL('../../nvme/fixtures/real/fw-log/abcdf-nvme-cli-1.3-issue182-json.json', import.meta.url), 'utf8');
    const log = observeText(() => parseFwLogJson(fw.replace('    "Firmware Rev Slot 6" : "0 (........)"', '    ...')));
    expect([log.value.activeSlot, namedElided(log.seen).map((e) => e.line)]).toEqual([2, [14]]);
  });
});
