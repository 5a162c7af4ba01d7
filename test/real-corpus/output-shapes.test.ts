/**
 * A tool output saved under a name of no tool, with no command typed in it (`attachment.txt`, a ticket's attachment), is
 * read as the output its lines show it is (collector/output-shapes.ts, each class's `shape`). Truth comes from the real
 * corpus: every public sample whose provenance names the tool it is the output of (its `saved_as`) is given to the
 * shapes without that name. A shape never names another tool; the outputs of each tool with a shape are mostly told;
 * and one sample of each such tool read as `attachment.txt` gives the firmware and settings its saved name gives.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { CLASSES } from '../../collector/classes/index.js';
import { collect } from '../../collector/collect.js';
import { outputShapes, shapedCommand } from '../../collector/output-shapes.js';
import { looseOutputTool } from '../../collector/tree-loose-outputs.js';
import { typedParts } from '../../collector/typed-commands.js';
import { realSamples } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';

const TEST = new URL('..', import.meta.url).pathname;
const SHAPES = outputShapes(CLASSES);
const OWNER = new Map(CLASSES.flatMap((c) => Object.keys(c.commands ?? {}).map((t) => [t, c.name] as const)));
const TOOLS = new Set(OWNER.keys());
/** Tools that print one another's output: mstflint is flint, mstconfig mlxconfig (mstflint's open-source builds); mlxup and mstfwmanager print mlxfwmanager's query. */
const SAME: Record<string, string> = { mstflint: 'flint', mstconfig: 'mlxconfig', mstfwmanager: 'mlxfwmanager', mlxup: 'mlxfwmanager' };
/** The share of a tool's untyped samples its shape must tell, at least (what it told when the shapes were made, less a margin). */
const TOLD: Record<string, number> = { devlink: 0.9, mlxfwmanager: 0.6, smartctl: 0.95, ethtool: 0.95, 'nvidia-smi': 0.75, lscpu: 0.8, hdparm: 0.8, lspci: 0.85, mlxconfig: 0.5, flint: 0.4, efibootmgr: 0.8, fwupdmgr: 0.8, 'rocm-smi': 0.8 };

interface Sample {
  file: string;
  savedAs: string;
  tool: string;
  data: Buffer;
}

function samples(): Sample[] {
  return realSamples(TEST, true).flatMap((r) => {
    const savedAs = r.provenance.saved_as;
    if (typeof savedAs !== 'string') return [];
    const tool = /^cmd\/([^/]+)\//.exec(savedAs)?.[1] ?? (savedAs.includes('/') ? undefined : looseOutputTool(savedAs, TOOLS));
    if (tool === undefined || !TOOLS.has(tool)) return [];
    return [{ file: r.file.slice(TEST.length), savedAs, tool: SAME[tool] ?? tool, data: readFileSync(r.file) }];
  });
}

const ALL = samples();
/** Samples with no command typed in them: those only their shape can tell. */
const UNTYPED = ALL.filter((s) => typedParts(s.data, TOOLS).length === 0);

describe('a text naming no tool is read as the output its lines show', () => {
  it('the corpus gives every shaped tool samples to tell', () => {
    expect(ALL.length).toBeGreaterThan(1000);
    for (const tool of Object.keys(TOLD)) expect(UNTYPED.filter((s) => s.tool === tool).length, tool).toBeGreaterThanOrEqual(5);
  });

  it('no real output is taken for another tool\'s', () => {
    const wrong = UNTYPED.flatMap((s) => {
      const argv = shapedCommand(s.data, SHAPES);
      return argv !== undefined && (SAME[argv[0]!] ?? argv[0]) !== s.tool ? [`${s.file} (${s.tool}): ${argv.join(' ')}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('most outputs of each shaped tool are told', () => {
    const share = Object.fromEntries(Object.keys(TOLD).map((tool) => {
      const of = UNTYPED.filter((s) => s.tool === tool);
      return [tool, of.filter((s) => shapedCommand(s.data, SHAPES)?.[0] === tool).length / of.length];
    }));
    for (const [tool, least] of Object.entries(TOLD)) expect(share[tool], tool).toBeGreaterThanOrEqual(least);
  });

  it('read as attachment.txt, an output gives the firmware and settings it gives under its saved name (one sample per shaped tool)', async () => {
    for (const tool of Object.keys(TOLD)) {
      const s = UNTYPED.find((x) => x.tool === tool && shapedCommand(x.data, SHAPES) !== undefined)!;
      const firmware = async (name: string): Promise<string[]> => {
        const dir = tempDir();
        const tree = join(dir, 'tree');
        mkdirSync(dirname(join(tree, name)), { recursive: true });
        writeFileSync(join(tree, name), s.data);
        const out = join(dir, 'b.tar.gz');
        const r = await collect({ output: out, root: tree, only: [OWNER.get(tool)!], isolation: 'inline' });
        expect(r.manifest.artifacts.some((a) => a.replayedFrom?.startsWith(name)), `${s.file} as ${name} read`).toBe(true);
        const db = openDatabase(':memory:');
        await loadBundle(db, out);
        const rows = db.prepare(`SELECT 'firmware ' || component || ' ' || version || ' ' || state AS f FROM firmware UNION ALL SELECT 'setting ' || namespace || ' ' || key || ' ' || value FROM settings ORDER BY 1`).all() as { f: string }[];
        return rows.map((r) => r.f);
      };
      const named = await firmware(s.savedAs);
      expect(named.length, `${s.file} gives firmware or settings`).toBeGreaterThan(0);
      expect(await firmware('attachment.txt'), s.file).toEqual(named);
    }
  });
});

describe('a text two outputs share is no one tool\'s', () => {
  it('lscpu and lspci lines in one text, no command typed: neither shape takes it, so it is kept unread, not read as one of them', () => {
    const lscpu = UNTYPED.find((s) => s.tool === 'lscpu' && shapedCommand(s.data, SHAPES) !== undefined)!;
    const lspci = UNTYPED.find((s) => s.tool === 'lspci' && shapedCommand(s.data, SHAPES) !== undefined)!;
    expect(shapedCommand(Buffer.concat([lscpu.data, Buffer.from('\n'), lspci.data]), SHAPES)).toBeUndefined();
  });
});
