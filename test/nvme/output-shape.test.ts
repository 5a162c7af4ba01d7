/**
 * nvme-cli's outputs saved under a name of no tool, with no command typed in them (`attachment.txt`), are read as the
 * subcommand their fields show (collector/classes/nvme/output-shape.ts). Truth from the real corpus: every nvme-cli sample
 * with no command typed in it is given to the shapes without its name; what the shape tells is the subcommand it was
 * saved as, never another (test/real-corpus/output-shapes checks no other tool's output is taken for nvme-cli's).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { typedParts } from '../../collector/typed-commands.js';
import { realSamples } from '../helpers/real-corpus.js';

const TEST = new URL('..', import.meta.url).pathname;
const SHAPES = outputShapes(CLASSES);
const TOOLS = new Set(CLASSES.flatMap((c) => Object.keys(c.commands ?? {})));
const SUBCOMMAND = /^(?:id-ctrl|id-ns|fw-log|smart-log|error-log|list-subsys|list)$/;

const subOf = (words: readonly string[]): string | undefined => words.find((w) => SUBCOMMAND.test(w));

const UNTYPED = realSamples(TEST, true).flatMap((r) => {
  const savedAs = r.provenance.saved_as;
  if (typeof savedAs !== 'string' || !savedAs.startsWith('cmd/nvme/')) return [];
  const data = readFileSync(r.file);
  if (typedParts(data, TOOLS).length) return [];
  const saved = subOf(savedAs.slice('cmd/nvme/'.length).split(/[\s_.]+/));
  return saved === undefined ? [] : [{ file: r.file.slice(TEST.length), savedAs, saved, data }];
});

async function rowsOf(name: string, data: Buffer): Promise<string[]> {
  const { db } = await replaySaved(name, data);
  return (db.prepare(`SELECT 'firmware ' || component || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).all() as { f: string }[]).map((r) => r.f);
}

describe('an nvme-cli output saved under a name of no tool is read as the subcommand its fields show', () => {
  it('names the subcommand it was saved as, and tells at least half of them (logs naming no node are not read)', () => {
    expect(UNTYPED.length).toBeGreaterThan(20);
    const told = UNTYPED.map((s) => ({ s, argv: shapedCommand(s.data, SHAPES) }));
    const wrong = told.filter(({ s, argv }) => argv !== undefined && (argv[0] !== 'nvme' || subOf(argv) !== s.saved)).map(({ s, argv }) => `${s.file} (${s.savedAs}): ${argv!.join(' ')}`);
    expect(wrong).toEqual([]);
    expect(told.filter((t) => t.argv !== undefined).length / told.length).toBeGreaterThanOrEqual(0.5);
    for (const sub of ['id-ctrl', 'fw-log', 'smart-log']) expect(told.some((t) => t.s.saved === sub && t.argv !== undefined), sub).toBe(true);
  });

  it('as attachment.txt, an id-ctrl, a fw-log and a smart-log give the firmware and settings they give under their saved names', async () => {
    for (const sub of ['id-ctrl', 'fw-log', 'smart-log']) {
      const s = UNTYPED.find((x) => x.saved === sub && shapedCommand(x.data, SHAPES) !== undefined)!;
      const named = await rowsOf(s.savedAs, s.data);
      expect(named.length, s.file).toBeGreaterThan(0);
      expect(await rowsOf('attachment.txt', s.data), s.file).toEqual(named);
    }
  });

  it('a text holding an id-ctrl and a fw-log, none typed, is neither', () => {
    const a = UNTYPED.find((x) => x.saved === 'id-ctrl' && shapedCommand(x.data, SHAPES) !== undefined)!;
    const b = UNTYPED.find((x) => x.saved === 'fw-log' && shapedCommand(x.data, SHAPES) !== undefined)!;
    expect(shapedCommand(Buffer.concat([a.data, Buffer.from('\n'), b.data]), SHAPES)).toBeUndefined();
  });
});
