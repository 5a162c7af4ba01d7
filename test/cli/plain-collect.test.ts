import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { COLLECT_DEFAULTS, registerCollect, type CollectCommandOptions } from '../../cli/collect-command.js';
import { plainCollect } from '../../cli/early-start.js';
import { parseTimeout } from '../../cli/options.js';
import { SOURCE_NAMES } from '../../collector/classes/index.js';
import { readManifest } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';
import { ensureBuilt } from './cli-helpers.js';

/**
 * A plain `fwsnap collect` (only -o, --timeout, --force, -q/-v) runs without commander (cli/early-start.ts,
 * plainCollect; collect-command.ts, runPlainCollect): ~10 ms less of the collector's start. It must mean what
 * commander makes of the same command line, and any other command line must still go through commander.
 */

/** What commander hands collect's action for a command line, and the verbosity the global options set. */
function commanderParse(args: string[]): { options: CollectCommandOptions; verbosity: string } {
  const program = new Command();
  program.exitOverride().option('-q, --quiet').option('-v, --verbose');
  registerCollect(program);
  let options: CollectCommandOptions | undefined;
  program.commands.find((c) => c.name() === 'collect')!.action((o: CollectCommandOptions) => void (options = o));
  program.parse(['node', 'fwsnap', ...args]);
  const g = program.opts<{ quiet?: boolean; verbose?: boolean }>();
  return { options: options!, verbosity: g.quiet ? 'quiet' : g.verbose ? 'verbose' : 'normal' };
}

describe('a plain collect command line, read without commander', () => {
  const plainLines = [
    ['collect'],
    ['collect', '-q', '--force', '-o', 'b.tar.gz'],
    ['collect', '--output', 'x.tar.gz', '-v'],
    ['collect', '--output=x.tar.gz', '--timeout=2.5', '--quiet'],
    ['collect', '--timeout', '30', '--verbose', '--force', '--force'],
    ['collect', '-o', '-'],
  ];

  it('means what commander makes of it: the same options (defaults included) and verbosity', () => {
    for (const args of plainLines) {
      const p = plainCollect(args);
      expect(p, args.join(' ')).toBeDefined();
      const mine = { ...COLLECT_DEFAULTS, output: p!.output, force: p!.force, timeout: p!.timeout === undefined ? COLLECT_DEFAULTS.timeout : parseTimeout(p!.timeout) };
      const theirs = commanderParse(args);
      expect(mine, args.join(' ')).toEqual({ ...theirs.options, output: theirs.options.output });
      expect(p!.verbosity, args.join(' ')).toBe(theirs.verbosity);
    }
  });

  it('is any other command line: left to commander (another option, help, a repeat, a missing or dash value, -q with -v, options first)', () => {
    for (const args of [
      ['check'],
      ['collect', '--only', 'pci'],
      ['collect', '--root', '/tmp'],
      ['collect', '--redact'],
      ['collect', '--include-gpu'],
      ['collect', '-h'],
      ['collect', '--help'],
      ['collect', '-o', 'a', '-o', 'b'],
      ['collect', '-o'],
      ['collect', '-o', '--force'],
      ['collect', '--output='],
      ['collect', '-ob.tar.gz'],
      ['collect', '-qo', 'b.tar.gz'],
      ['collect', '-q', '-v'],
      ['collect', 'extra'],
      ['-q', 'collect'],
      ['collect', '--', '-o'],
    ]) expect(plainCollect(args), args.join(' ')).toBeUndefined();
  });

  describe('through the command line', () => {
    beforeAll(ensureBuilt);
    const main = resolve('dist/cli/main.js');
    /** Runs the CLI with a preload that writes, at exit, the CommonJS modules it loaded (commander is one) to `loadedOut`. */
    const run = (args: string[], loadedOut: string) => {
      const preload = `${loadedOut}.cjs`;
      writeFileSync(preload, `const { writeFileSync } = require('node:fs');
process.once('exit', () => { if (/main\\.js$/.test(process.argv[1] ?? '')) writeFileSync(${JSON.stringify(loadedOut)}, Object.keys(require.cache).join('\\n')); });
`);
      return spawnSync(process.execPath, ['--require', preload, main, ...args], { encoding: 'utf8', timeout: 120_000 });
    };

    it('collects this host without loading commander, the same sources and artifacts as through commander', async () => {
      const dir = tempDir();
      const plain = run(['collect', '-q', '--force', '-o', join(dir, 'plain.tar.gz')], join(dir, 'plain.loaded'));
      expect(plain.status, plain.stderr).toBe(0);
      expect(readFileSync(join(dir, 'plain.loaded'), 'utf8')).not.toMatch(/[/\\]commander[/\\]/);
      // Every source named with --only is not a plain command line: commander parses it, and the collection is the same.
      const viaCommander = run(['collect', '-q', '--force', '--only', SOURCE_NAMES.join(','), '-o', join(dir, 'commander.tar.gz')], join(dir, 'commander.loaded'));
      expect(viaCommander.status, viaCommander.stderr).toBe(0);
      expect(readFileSync(join(dir, 'commander.loaded'), 'utf8')).toMatch(/[/\\]commander[/\\]/);
      const of = async (b: string) => {
        const m = await readManifest(join(dir, b));
        return { artifacts: m.artifacts.map((a) => a.name).sort(), sources: m.sources.map((x) => `${x.name} ${x.status}`) };
      };
      expect(await of('plain.tar.gz')).toEqual(await of('commander.tar.gz'));
    }, 180_000);

    it('says what is wrong through commander, as before: a bad --timeout, -q with -v, an existing output without --force', () => {
      const dir = tempDir();
      const bad = run(['collect', '--timeout', '0', '-o', join(dir, 'b.tar.gz')], join(dir, 'bad.loaded'));
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^error: option '--timeout <seconds>' argument '0' is invalid\. --timeout must be a positive number of seconds$/m);
      const tiny = run(['collect', '--timeout', '1e-9', '-o', join(dir, 'b.tar.gz')], join(dir, 'tiny.loaded'));
      expect(tiny.status).toBe(2);
      expect(tiny.stderr).toMatch(/^error: option '--timeout <seconds>' argument '1e-9' is invalid\. --timeout must be at least 0\.001 seconds \(1 ms\)$/m);
      const both = run(['collect', '-q', '-v', '-o', join(dir, 'b.tar.gz')], join(dir, 'both.loaded'));
      expect(both.status).toBe(2);
      expect(both.stderr).toMatch(/^fwsnap collect: -q\/--quiet and -v\/--verbose exclude each other$/m);
      writeFileSync(join(dir, 'exists.tar.gz'), 'x');
      const exists = run(['collect', '-q', '-o', join(dir, 'exists.tar.gz')], join(dir, 'exists.loaded'));
      expect(exists.status).toBe(2);
      expect(exists.stderr).toMatch(/^fwsnap collect: -o .*exists\.tar\.gz already exists; give --force to replace it$/m);
      expect(readFileSync(join(dir, 'exists.loaded'), 'utf8')).not.toMatch(/[/\\]commander[/\\]/);
    }, 180_000);
  });
});
