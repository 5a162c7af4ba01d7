import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../faults/fault-helpers.js';
import { writeBundle } from '../helpers/bundle.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/tmp.js';

const FORMATS = ['text', 'json', 'markdown', 'html'];

/**
 * A small bundle that loads; a file that is not a bundle, a gzip holding no tar, a bundle cut inside its first
 * header (one cut later loads what verified, status 3), a directory, a missing path.
 */
async function inputs(): Promise<{ good: string; bad: Record<string, string> }> {
  const dir = tempDir();
  const good = join(dir, 'good.tar.gz');
  await writeBundle(good, [{ name: 'proc/sys/kernel/osrelease', data: '6.1.0\n' }]);
  const whole = readFileSync(good);
  const bad = {
    missing: join(dir, 'missing.tar.gz'),
    'not a bundle': join(dir, 'notes.txt'),
    'gzip, not tar': join(dir, 'text.tar.gz'),
    'cut short': join(dir, 'cut.tar.gz'),
    'a directory': join(dir, 'dir.tar.gz'),
  };
  writeFileSync(bad['not a bundle'], 'these are not the bytes of a bundle\n');
  writeFileSync(bad['gzip, not tar'], gzipSync('not a tar archive\n'.repeat(100)));
  writeFileSync(bad['cut short'], whole.subarray(0, 20));
  mkdirSync(bad['a directory']);
  return { good, bad };
}

describe('analyze of bundles that cannot be opened (exit 2, one line each on stderr, nothing lost)', () => {
  beforeAll(ensureBuilt);

  it('a single such bundle: nothing on stdout in any format, one line naming it on stderr, status 2', async () => {
    const { bad } = await inputs();
    for (const [what, path] of Object.entries(bad)) {
      for (const format of FORMATS) {
        const r = await runCli(['analyze', '--format', format, path]);
        const said = `${what}, --format ${format}`;
        expect(r.status, `${said}: ${r.stderr}`).toBe(2);
        expect(r.stdout, said).toBe('');
        expect(r.stderr, said).not.toMatch(STACK_TRACE);
        const lines = r.stderr.trimEnd().split('\n');
        expect(lines, said).toHaveLength(1);
        expect(lines[0], said).toContain(`${path}: unusable bundle — `);
      }
    }
  }, 240_000);

  it('several, all unusable: nothing on stdout, each named on stderr', async () => {
    const { bad } = await inputs();
    const r = await runCli(['analyze', ...Object.values(bad)]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    for (const path of Object.values(bad)) expect(r.stderr).toContain(`${path}: unusable bundle — `);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(Object.keys(bad).length);
  }, 60_000);

  it('one unusable among usable ones: the others are still reported, the bad one named on stderr, status 2', async () => {
    const { good, bad } = await inputs();
    for (const format of FORMATS) {
      const r = await runCli(['analyze', '--format', format, good, bad['gzip, not tar']]);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${bad['gzip, not tar']}: unusable bundle — `);
      expect(r.stdout, format).toContain('testhost');
      if (format === 'json') expect(JSON.parse(r.stdout).bundles.map((b: { path: string }) => b.path)).toEqual([good]);
    }
  }, 120_000);
});
