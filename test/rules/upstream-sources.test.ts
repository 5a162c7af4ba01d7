import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPSTREAM_SOURCES } from '../../analyzer/classes/upstream.js';
import { kernelTreeFromEnv } from '../../analyzer/rules/upstream/kernel-tree.js';
import { checkSources } from '../../analyzer/rules/upstream/sync.js';

const RULES = join(import.meta.dirname, '../../rules');
const tree = kernelTreeFromEnv();

describe('rule files generated from upstream kernel tables', () => {
  it('are exactly what the generator makes of the committed tables', () => {
    const stale = checkSources(RULES, UPSTREAM_SOURCES).filter((s) => s.rulesStale).map((s) => s.source.rulesFile);
    expect(stale, 'regenerate with `npm run rules:upstream -- --write`').toEqual([]);
  }, 60_000);

  // CI fetches the newest Debian kernel source and points FWSNAP_KERNEL_SRC at it (see .ci/run).
  it.runIf(tree !== undefined || process.env.CI === 'true')('hold the tables the kernel source has today, and name its version', () => {
    expect(tree, 'FWSNAP_KERNEL_SRC must name a kernel tree in CI').toBeDefined();
    for (const s of checkSources(RULES, UPSTREAM_SOURCES, tree)) {
      const d = s.source.describe(s.table);
      process.stdout.write(`${s.source.rulesFile}: Linux ${d.kernel} ${d.file}, ${d.rules} rules\n`);
      if (d.kernel !== tree!.version) {
        // Debian moved to a newer kernel than the tables follow: the tables must still be readable from it.
        process.stdout.write(`NOTICE ${s.source.tableFile} follows Linux ${d.kernel}, the newest source is ${tree!.version}: run npm run rules:upstream -- --write\n`);
        expect(() => s.source.extract(tree!)).not.toThrow();
        continue;
      }
      expect(s.tableStale, `${s.source.tableFile} differs from Linux ${tree!.version} ${s.source.files.join(', ')}: run npm run rules:upstream -- --write`).toBe(false);
    }
  }, 60_000);

  it('rules:upstream answers a wrong option or a missing tree with status 2 and one line, no stack trace', () => {
    const cli = join(import.meta.dirname, '../../dist/analyzer/rules/upstream/cli.js');
    for (const args of [['--bogus'], ['--kernel-src', '/nonexistent-kernel-tree']]) {
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
