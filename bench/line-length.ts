/**
 * Analysis cost against the length of a line: a captured tree whose text outputs (every text tool's saved name) hold
 * one line of a repeated shape, at a short and a long length (default 100,000 and 1,000,000 characters), is collected
 * and analysed; the cost per character above a tree of the same names holding a one-word line is compared between the
 * two lengths (target: ratio under 1.5, i.e. linear in the line). The shapes are those that once made a text pattern
 * quadratic (test/hostile/long-lines.test.ts guards them against a hang) and a few ordinary ones. CPU time, medians.
 * Run: npm run build && node dist/bench/line-length.js [short] [long] [--rounds N] [--shapes a,b]
 * With FWSNAP_BENCH_BASE=<another build's dist/>, that build analyses the same bundles too, alternating.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { baseBuild, median, timeCommand } from './stats.js';
import { TEXT_TOOL_NAMES } from './text-tool-names.js';

const SHAPES: Record<string, string> = {
  'deep JSON array': '[[]]',
  'deep JSON object': '{"a":',
  'colon and space': ': ',
  'equals and space': '= ',
  hashes: '#',
  'at signs': '@',
  'escaped newlines': '\\n',
  'a settings line': 'Speed: 1000Mb/s ',
  words: 'firmware version ',
};

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const rounds = Number(option('--rounds') ?? 3);
const only = option('--shapes')?.split(',');
const [SHORT, LONG] = [Number(args[0] ?? 100_000), Number(args[1] ?? 1_000_000)];
if (!(SHORT > 0 && LONG > SHORT && rounds > 0)) throw new Error('usage: node dist/bench/line-length.js [short] [long] [--rounds N] [--shapes a,b]');
const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const base = baseBuild();

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-lines-'));

/** A bundle of every text tool's name holding `line`. */
function bundleOf(tag: string, line: string): string {
  const root = join(dir, tag);
  for (const name of TEXT_TOOL_NAMES) {
    const path = join(root, 'cmd', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${line}\n`);
  }
  const out = join(dir, `${tag}.tar.gz`);
  const c = timeCommand([process.execPath, cli, 'collect', '--root', root, '-o', out]);
  if (c.status !== 0) throw new Error(`collect of ${tag} failed (${c.status}): ${c.stderr.slice(0, 1000)}`);
  return out;
}

/** Median CPU milliseconds of analysing `bundle`, with this build and (alternating) the base build. */
function analyse(bundle: string): { mine: number; base?: number } {
  const mine: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = base && i % 2 ? [base.cli, cli] : base ? [cli, base.cli] : [cli];
    for (const main of order) {
      const db = join(dir, 'a.db');
      rmSync(db, { force: true });
      const r = timeCommand([process.execPath, main, 'analyze', bundle, '--db', db, '--jobs', '1']);
      if (r.status !== 0 && r.status !== 1) throw new Error(`analyze of ${bundle} failed (${r.status}): ${r.stderr.slice(0, 1000)}`);
      (main === cli ? mine : theirs).push(r.cpuMs);
    }
  }
  return base ? { mine: median(mine), base: median(theirs) } : { mine: median(mine) };
}

const repeat = (motif: string, length: number): string => motif.repeat(Math.ceil(length / motif.length)).slice(0, length);

try {
  const floor = analyse(bundleOf('floor', 'x'));
  console.log(`${TEXT_TOOL_NAMES.length} text outputs; a one-word line each: CPU ${floor.mine.toFixed(0)} ms${floor.base === undefined ? '' : ` (base ${floor.base.toFixed(0)} ms)`}`);
  console.log(`per 1,000 characters of line in each output, above that floor; at ${SHORT} and ${LONG} characters:`);
  let worst = 0;
  for (const [shape, motif] of Object.entries(SHAPES)) {
    if (only && !only.includes(shape)) continue;
    const perK = (length: number, cost: { mine: number; base?: number }): { mine: number; base?: number } => {
      const k = (length / 1000) * TEXT_TOOL_NAMES.length;
      const mine = Math.max(cost.mine - floor.mine, 1) / k;
      return cost.base === undefined || floor.base === undefined ? { mine } : { mine, base: Math.max(cost.base - floor.base, 1) / k };
    };
    const short = perK(SHORT, analyse(bundleOf(`${shape}-short`.replace(/\W+/g, '-'), repeat(motif, SHORT))));
    const long = perK(LONG, analyse(bundleOf(`${shape}-long`.replace(/\W+/g, '-'), repeat(motif, LONG))));
    const ratio = long.mine / short.mine;
    worst = Math.max(worst, ratio);
    const baseSaid = short.base !== undefined && long.base !== undefined ? `; base ${short.base.toFixed(2)} → ${long.base.toFixed(2)}, ratio ${(long.base / short.base).toFixed(2)}` : '';
    console.log(`  ${shape.padEnd(18)} ${short.mine.toFixed(2)} → ${long.mine.toFixed(2)} ms CPU, ratio ${ratio.toFixed(2)}${baseSaid}`);
  }
  console.log(`worst ratio (long / short, per character) ${worst.toFixed(2)} (target < 1.5): ${worst < 1.5 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
