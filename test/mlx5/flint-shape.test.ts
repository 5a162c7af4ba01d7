/**
 * A flint query saved under a name of no tool, no command typed in it, is read by its fields
 * (collector/classes/mlx5/output-shape.ts), also where a page set its FW Version line in Markdown bold and where an
 * older flint printed only `FW Version(Running):`. Real samples: the mstflint corpus's Innova-2 issue (bold) and
 * FreeBSD ConnectX-3 (running only), each read as attachment.txt as under its saved name.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaySaved } from '../helpers/replay-tree.js';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { parse } from 'yaml';

const REAL = new URL('./fixtures/real/mstflint/', import.meta.url);
const SHAPES = outputShapes(CLASSES);

async function firmwareOf(name: string, data: Buffer): Promise<string[]> {
  const { db } = await replaySaved(name, data);
  return (db.prepare(`SELECT component || ' ' || version || ' ' || state AS f FROM firmware ORDER BY 1`).all() as { f: string }[]).map((r) => r.f);
}

describe('a flint query naming no tool, its FW Version in bold or only running', () => {
  for (const stem of ['cx5-innova2-bold-markdown-issue7', 'cx3-freebsd-running-only']) {
    it(`${stem}: told as flint q, and read as attachment.txt as under its saved name`, async () => {
      const data = readFileSync(new URL(`${stem}.txt`, REAL));
      const savedAs = (parse(readFileSync(new URL(`${stem}.provenance.yaml`, REAL), 'utf8')) as { saved_as: string }).saved_as;
      const bare = Buffer.from(data.toString('utf8').split('\n').filter((l) => !/flint/.test(l)).join('\n'));
      expect(shapedCommand(bare, SHAPES)).toEqual(['flint', 'q']);
      const named = await firmwareOf(savedAs, data);
      expect(named.length).toBeGreaterThan(0);
      expect(await firmwareOf('attachment.txt', bare)).toEqual(named);
    });
  }
});
