import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { generateFleet } from '../../bench/fleet/generate.js';
import { suiteDir } from '../cli/fake-bundle.js';
import { cloneBundles } from '../helpers/clone-bundles.js';
import { MB, runCli } from '../helpers/run-cli.js';

const HOSTS = 10_000;
/** Generous: fleet of these 10,000 hosts peaks at 220-245 MB here; before it was built bundle by bundle, 418-583 MB (json) and 436 MB (html). */
const BOUND = 400 * MB;

describe(`fwsnap fleet over ${HOSTS.toLocaleString('en')} hosts stays in bounded memory`, () => {
  const dir = suiteDir();
  const db = join(dir, 'fleet.db');
  beforeAll(async () => {
    // Ten varied synthetic hosts (mixed firmware, NV settings and links), copied row by row up to 10,000 hosts.
    const { bundles } = await generateFleet({ n: 10, seed: 3, dir });
    const r = await analyze({ bundles, db, jobs: 1, minSeverity: 'low' });
    expect(cloneBundles(r.db, r.bundleIds, HOSTS)).toHaveLength(HOSTS);
    r.db.close();
  }, 600_000);

  for (const format of ['json', 'html'] as const) {
    it(`--format ${format}: every host in the matrix, peak RSS under ${BOUND / MB} MB`, async () => {
      const r = await runCli(['fleet', db, '--format', format], { timeoutMs: 1_500_000 });
      console.log(`fleet --format ${format} of ${HOSTS} hosts: peak RSS ${(r.peakRss / MB).toFixed(0)} MB`);
      expect(r.stderr).toBe('');
      // Fleet findings: the copies differ in firmware, NV settings and PCIe links.
      expect(r.status).toBe(1);
      // The hosts come first (JSON: the host list; HTML: the count), the last copies among them.
      expect(r.stdout).toContain(format === 'json' ? `-c${HOSTS / 10 - 1}",` : `data-hosts="${HOSTS}"`);
      expect(r.peakRss).toBeGreaterThan(0);
      expect(r.peakRss).toBeLessThan(BOUND);
    }, 1_800_000);
  }
});
