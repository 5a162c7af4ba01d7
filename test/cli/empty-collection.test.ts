import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, fwsnap } from './cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * `collect --root` of a tree holding nothing fwsnap reads (an empty or wrong folder) writes a bundle with no
 * artifact. That bundle verifies; analyze and query read it and say what its sources said, instead of calling
 * it unusable ("no verifiable entry"), which sent the user looking for a corrupt file.
 */
describe('a bundle of a collection that read nothing', () => {
  beforeAll(ensureBuilt);

  it('verifies, and analyze and query read it, showing each source skipped', () => {
    const out = join(tempDir(), 'empty.tar.gz');
    const c = fwsnap(['collect', '--root', tempDir(), '-o', out]);
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^artifacts: 0,/m);
    expect(fwsnap(['verify', out]).status).toBe(0);
    const a = fwsnap(['analyze', out]);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stderr).not.toMatch(/unusable/);
    expect(a.stdout).toMatch(/^ {2}source \S+: skipped — /m);
    const q = fwsnap(['query', out, "SELECT count(*) AS n FROM sources WHERE status = 'skipped'", '--format', 'csv']);
    expect(q.status, q.stderr).toBe(0);
    expect(Number(q.stdout.trim().split('\n')[1])).toBeGreaterThan(5);
  });
});
