/**
 * An amd-smi `firmware` or `static` output saved under a name of no tool, no command typed in it, is told by its lines
 * (collector/classes/gpu/output-shape.ts): every real amd-smi sample, its command line taken off, is told as the
 * subcommand it was saved as and read as attachment.txt as under its saved name; their JSON forms by their members;
 * rocm-smi's and nvidia-smi's outputs are not amd-smi's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLASSES } from '../../collector/classes/index.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { replaySaved } from '../helpers/replay-tree.js';

const REAL = new URL('./fixtures/real/', import.meta.url);
const SHAPES = outputShapes(CLASSES);
const stems = (prefix: string): string[] => readdirSync(REAL).filter((f) => f.startsWith(prefix) && f.endsWith('.txt')).map((f) => f.slice(0, -4));

async function firmwareOf(name: string, data: Buffer): Promise<string[]> {
  const { db } = await replaySaved(name, data);
  return (db.prepare(`SELECT device_key || ' ' || component || ' ' || version || ' ' || state AS f FROM firmware ORDER BY 1`).all() as { f: string }[]).map((r) => r.f);
}

describe('amd-smi firmware and static naming no tool', () => {
  for (const stem of stems('amd-smi-')) {
    it(`${stem}: told as the subcommand it was saved as, read as attachment.txt as under its saved name`, async () => {
      const data = readFileSync(new URL(`${stem}.txt`, REAL));
      const savedAs = (parse(readFileSync(new URL(`${stem}.provenance.yaml`, REAL), 'utf8')) as { saved_as: string }).saved_as;
      const bare = Buffer.from(data.toString('utf8').split('\n').filter((l) => !/amd-smi/.test(l)).join('\n'));
      const verb = /firmware/.test(savedAs) ? 'firmware' : 'static';
      expect(shapedCommand(bare, SHAPES)).toEqual(['amd-smi', verb]);
      const named = await firmwareOf(savedAs, data);
      expect(named.length).toBeGreaterThan(0);
      expect(await firmwareOf('attachment.txt', bare)).toEqual(named);
    });
  }

  it('their JSON forms are told by their members', () => {
    expect(shapedCommand(Buffer.from('[{"gpu": 0, "fw_list": [{"fw_id": "SMU", "fw_version": "0.85.117.1"}]}]'), SHAPES)).toEqual(['amd-smi', 'firmware', '--json']);
    expect(shapedCommand(Buffer.from('[{"gpu": 0, "asic": {"market_name": "MI300X"}, "ifwi": {"version": "00106507"}}]'), SHAPES)).toEqual(['amd-smi', 'static', '--json']);
  });

  it('no rocm-smi or nvidia-smi output is told as amd-smi\'s', () => {
    const others = readdirSync(REAL).filter((f) => /^(?:rocm-smi|nvidia-smi)/.test(f) && /\.(?:txt|json|xml)$/.test(f));
    expect(others.length).toBeGreaterThan(5);
    for (const f of others) expect(shapedCommand(readFileSync(new URL(f, REAL)), SHAPES)?.[0], f).not.toBe('amd-smi');
  });
});
