import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * An empty string where a path goes (a shell variable that expanded to nothing) is a usage error naming the option
 * or argument: `collect --root ""` used to collect the live host, `analyze --db ""` to use a temporary database and
 * exit 0, and the others to speak of a path with no name ("-o  is a directory", "cannot open : no such file").
 */
describe('an empty path is refused with one line naming what needed it, status 2', () => {
  beforeAll(ensureBuilt);

  it('in every command, for options and arguments alike', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.tar.gz');
    await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
    const out = join(dir, 'out.tar.gz');
    const cases: [string[], string][] = [
      [['collect', '--root', '', '-o', out], 'fwsnap collect: --root needs a directory name, not an empty string'],
      [['collect', '-o', ''], 'fwsnap collect: --output needs a file name, not an empty string'],
      [['check', '--root', ''], 'fwsnap check: --root needs a directory name, not an empty string'],
      [['analyze', good, '--db', ''], 'fwsnap analyze: --db needs a file name, not an empty string'],
      [['analyze', good, ''], 'fwsnap analyze: <bundle> is an empty string; give a path'],
      [['verify', ''], 'fwsnap verify: <bundle> is an empty string; give a path'],
      [['query', '', 'SELECT 1'], 'fwsnap query: <bundle-or-db> is an empty string; give a path'],
      [['redact', good, ''], 'fwsnap redact: <out> is an empty string; give a path'],
      [['diff', good, ''], 'fwsnap diff: <b> is an empty string; give a path'],
      [['fleet', ''], 'fwsnap fleet: <input> is an empty string; give a path'],
      [['import', '', '-o', out], 'fwsnap import: <report> is an empty string; give a path'],
      // Not a path, but as empty: it ran every source.
      [['collect', '--only', '', '-o', out], "error: option '--only <list>' argument '' is invalid. --only needs at least one source name"],
      [['collect', '--only', ' , ', '-o', out], "error: option '--only <list>' argument ' , ' is invalid. --only needs at least one source name"],
    ];
    for (const [args, line] of cases) {
      const r = await runCli(args, { cwd: dir });
      const said = args.map((a) => (a === '' ? "''" : a)).join(' ');
      expect(r.status, `${said}: ${r.stderr}`).toBe(2);
      expect(r.stderr, said).not.toMatch(STACK_TRACE);
      expect(r.stderr, said).toBe(`${line}\n`);
      expect(r.stdout, said).toBe('');
    }
    expect(existsSync(out)).toBe(false);
  }, 240_000);
});
