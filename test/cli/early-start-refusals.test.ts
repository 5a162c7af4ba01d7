import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { earlyStart } from '../../cli/early-start.js';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * `fwsnap collect` command lines the full parser (commander and the collect command's checks) refuses with status 2
 * before collecting anything. The early start (cli/early-start.ts) must refuse each of them too: otherwise the first
 * source's worker reads the host's devices for a command that then fails.
 */
function refusals(dir: string): string[][] {
  const existing = join(dir, 'exists.tar.gz');
  writeFileSync(existing, 'x');
  mkdirSync(join(dir, 'a-dir'));
  return [
    ['collect', '--bogus'],
    ['collect', '-o', join(dir, 'b.tar.gz'), '--bogus'],
    ...['abc', '', '-1', '0', '1e-9', '0.0009', 'NaN', 'Infinity', '1e10', '400000', '0x'].map((t) => ['collect', '--timeout', t]),
    ['collect', '--timeout=abc'],
    ['collect', '--timeout='],
    ['collect', '--timeout'],
    ['collect', '-o'],
    ['collect', '--output='],
    ['collect', '-q', '-v'],
    ['-v', 'collect', '--quiet'],
    ['-o', join(dir, 'b.tar.gz'), 'collect'],
    ['--timeout', '5', 'collect'],
    ['collect', 'extra'],
    ['collect', '-o', join(dir, 'a-dir')],
    ['collect', '-o', join(dir, 'no-such-dir', 'b.tar.gz')],
    ['collect', '-o', existing],
    ['collect', '--output', existing, '--timeout', '5'],
  ];
}

describe('the early start of a collect refuses every command line the full parser refuses', () => {
  beforeAll(ensureBuilt);

  it('each is refused by the CLI with status 2 and one line, and the early parse starts no worker on it', async () => {
    const dir = tempDir();
    for (const args of refusals(dir)) {
      expect(earlyStart(args), args.join(' ')).toBeUndefined();
      expect(earlyStart(args, false), args.join(' ')).toBeUndefined();
      const r = await runCli(args, { cwd: dir });
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(STACK_TRACE);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  }, 300_000);

  it('still starts early on a plain collect with valid values', () => {
    const dir = tempDir();
    const sent = { source: '', root: '/', includeEeprom: false, includeGpu: false };
    const existing = join(dir, 'exists.tar.gz');
    writeFileSync(existing, 'x');
    for (const args of [
      ['collect'],
      ['collect', '-o', '-'],
      ['collect', '-o', join(dir, 'new.tar.gz'), '--timeout', '2.5'],
      ['collect', `--output=${join(dir, 'new.tar.gz')}`, '--timeout=30'],
      ['collect', '-o', existing, '--force'],
      ['collect', '--force', '-o', existing],
      ['-q', 'collect', '-o', join(dir, 'new.tar.gz')],
    ])
      expect(earlyStart(args), args.join(' ')).toEqual(sent);
  });
});
