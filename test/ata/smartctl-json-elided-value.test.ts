/**
 * A member whose value a person elided (`"serial_number": ...,`, `"serial_number": …`, `"argv": [...]`) in the middle of
 * a JSON document: the members around it are read, the elided member is absent (never a value: not `[]`), and its line
 * is named as elided. Before, the whole document was 'not valid JSON' (or `[...]` read as an empty array).
 * Real samples, edited: smartctl 7.3 -j of an HGST HMS5C4040BLE640 (libblockdev's test data), its serial_number's value
 * and argv's list replaced by elisions; smartctl 7.5 --json=c of an HGST HUH721010ALE600 (one line), its serial_number's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';
import { parseSmartctlJson } from '../../analyzer/classes/ata/smartctl.js';
import { readJsonOutput } from '../../analyzer/parsers/json-output.js';

const sample = (name: string): string => readFileSync(new URL(`./fixtures/real/smartctl/${name}`, import.meta.url), 'utf8');
const edited = (text: string, from: string, to: string): string => {
  const out = text.replace(from, to);
  expect(out).not.toBe(text);
  return out;
};

describe('a JSON member whose value a person elided', () => {
  const pretty = sample('hgst-hms5c4040ble640-ata-libblockdev-json-smartctl73.json');

  it.each(['"serial_number": ...,', '"serial_number": …,', '"serial_number": (...),'])('%s: the members around it are read, the serial absent', (elision) => {
    const text = edited(pretty, '"serial_number": "PL01234567890J",', elision);
    const info = parseSmartctlJson(text);
    expect([info.model, info.firmware, info.serial]).toEqual(['HGST HMS5C4040BLE640', 'MPAOA5D0', undefined]);
    expect(readJsonOutput('smartctl-json', text).elided?.map((i) => [i.line, i.text])).toEqual([[43, elision]]);
  });

  it('`"argv": [...]` is no empty list: the member is absent', () => {
    const argv = pretty.slice(pretty.indexOf('"argv": ['), pretty.indexOf('],', pretty.indexOf('"argv": [')) + 2);
    const text = edited(pretty, argv, '"argv": [...],');
    const read = readJsonOutput('test', text);
    const smartctl = (read.doc as { smartctl: Record<string, unknown> }).smartctl;
    expect(['argv' in smartctl, smartctl.svn_revision, smartctl.exit_status, read.elided?.map((e) => e.text)]).toEqual([false, '5338', 0, ['"argv": [...],']]);
  });

  it('a list or an object whose lines a person elided (`"argv": [` / `...` / `],`) is no empty one: the member is absent', () => {
    const argv = pretty.slice(pretty.indexOf('"argv": ['), pretty.indexOf('],', pretty.indexOf('"argv": [')) + 2);
    const db = pretty.slice(pretty.indexOf('"drive_database_version": {'), pretty.indexOf('},', pretty.indexOf('"drive_database_version": {')) + 2);
    for (const [elision, line] of [['...', 15], ['…', 15], ['[...]', 15]] as const) {
      const text = edited(edited(pretty, argv, `"argv": [\n      ${elision}\n    ],`), db, '"drive_database_version": {\n      ...\n    },');
      const read = readJsonOutput('test', text);
      const smartctl = (read.doc as { smartctl: Record<string, unknown> }).smartctl;
      expect(['argv' in smartctl, 'drive_database_version' in smartctl, smartctl.svn_revision, smartctl.exit_status], elision).toEqual([false, false, '5338', 0]);
      expect(read.elided?.map((e) => [e.line, e.text]), elision).toEqual([[line, elision], [line + 3, '...']]);
      expect(parseSmartctlJson(text).firmware).toBe('MPAOA5D0');
    }
  });

  it('the last member of an object, and a member of a one-line document', () => {
    expect(readJsonOutput('test', '{\n  "a": 1,\n  "b": …\n}\n').doc).toEqual({ a: 1 });
    const compact = sample('hgst-huh721010ale600-sat-nasty-json-compact-serial-masked-smartctl75.json');
    const text = edited(compact, '"serial_number":"XXXXXXXX",', '"serial_number":...,');
    const info = parseSmartctlJson(text);
    expect([info.model, info.firmware, info.serial, readJsonOutput('smartctl-json', text).elided?.map((i) => i.line)]).toEqual(['HGST HUH721010ALE600', 'LHACT38Q', undefined, [1]]);
  });

  it('loaded, the elided line is one PARSE-LINE issue, as every JSON reader names it', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tree', 'cmd', 'smartctl'), { recursive: true });
    writeFileSync(join(dir, 'tree', 'cmd', 'smartctl', 'sda.json'), edited(pretty, '"serial_number": "PL01234567890J",', '"serial_number": ...,'));
    await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
    const { db } = await analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
    try {
      expect(db.prepare(`SELECT code, message FROM collection_issues WHERE code LIKE 'PARSE%'`).all()).toEqual([
        { code: 'PARSE-LINE', message: 'smartctl-json: line 43 ""serial_number": ...,": a person elided members of the JSON output here: what it holds around them is read' },
      ]);
    } finally {
      db.close();
    }
  });
});
