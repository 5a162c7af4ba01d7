/**
 * A person's elision in a devlink JSON output (`-j`) is named by the load as smartctl's and nvme's are: one PARSE-LINE
 * issue naming the line, whichever reader read the document. Before, devlink's JSON readers read such a document and
 * named nothing. Real samples, edited: devlink dev info -jp of a Broadcom BCM57414 (bnxt_en board serial series, v2),
 * its board.serial_number's value elided and a member on a line of its own cut to `...`; devlink dev param -j of mlx5's
 * hairpin queue size (one line), its type's value elided.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { collect } from '../../collector/collect.js';
import { tempDir } from '../helpers/tmp.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/${p}`, import.meta.url), 'utf8');
const edited = (text: string, ...pairs: [string, string][]): string =>
  pairs.reduce((t, [from, to]) => {
    expect(t.includes(from), from).toBe(true);
    return t.replace(from, to);
  }, text);
const MESSAGE = 'a person elided members of the JSON output here: what it holds around them is read';

/** The PARSE-LINE issues and the stored firmware of a tree holding one saved output. */
async function load(name: string, text: string): Promise<{ lines: string[]; firmware: unknown[] }> {
  const dir = tempDir();
  const p = join(dir, 'tree', name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
  await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'tree'), isolation: 'inline' });
  const { db } = await analyze({ bundles: [join(dir, 'b.tar.gz')], minSeverity: 'info' });
  try {
    const issues = db.prepare(`SELECT code, message FROM collection_issues WHERE code LIKE 'PARSE%'`).all() as { code: string; message: string }[];
    return {
      lines: issues.map((i) => `${i.code} ${i.message.replace(/^[\w-]+: /, '')}`),
      firmware: db.prepare(`SELECT component, version FROM firmware WHERE state = 'running' ORDER BY component`).all(),
    };
  } finally {
    db.close();
  }
}

describe('a devlink JSON output with an elision', () => {
  it('dev info -jp: each elided line is named once, the rest read', async () => {
    const text = edited(real('devlink-dev-info/bnxt-board-serial-pretty.json'), ['"board.serial_number": "433551F+172300000",', '"board.serial_number": ...,'], ['                    "fw.ncsi": "0.0.0.0",\n', '                    ...\n']);
    const r = await load('cmd/devlink/output.out', text);
    expect(r.lines).toEqual([`PARSE-LINE line 7 ""board.serial_number": ...,": ${MESSAGE}`, `PARSE-LINE line 19 "...": ${MESSAGE}`]);
    expect(r.firmware).toContainEqual({ component: 'fw.roce', version: '216.1.16.0' });
  });

  it('dev param -j on one line: the line is named', async () => {
    const text = edited(real('devlink-param/mlx5-hairpin-compact-json.json'), ['"type":"driver-specific",', '"type":...,']);
    const r = await load('cmd/devlink/output.out', `$ devlink dev param show -j\n${text}`);
    expect(r.lines).toEqual([`PARSE-LINE line 2 "${text.trim()}": ${MESSAGE}`]);
  });
});
