import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../analyzer/analyze.js';
import { generateFleet } from '../../bench/fleet/generate.js';
import { suiteDir } from '../cli/fake-bundle.js';
import { cloneBundles } from '../helpers/clone-bundles.js';
import { MB } from '../helpers/run-cli.js';

const CHILD = resolve('test/helpers/report-memory-child.mjs');
const HOSTS = 10_000;
/** Generous: streamed, 10,000 hosts peak at about 130 MB; the same reports built whole peak at 640-660 MB (same bytes). */
const BOUND = 400 * MB;

interface ChildResult {
  bundles: number;
  bytes: number;
  sha256: string;
  tail: string;
  peakRss: number;
}

function runChild(db: string, format: string, mode?: string): Promise<ChildResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CHILD, db, format, ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => (status === 0 ? done(JSON.parse(out) as ChildResult) : fail(new Error(`child exited ${status}: ${err.slice(-2000)}`))));
  });
}

describe(`Markdown and HTML reports of ${HOSTS.toLocaleString('en')} hosts are written in bounded memory`, () => {
  const dir = suiteDir();
  const db = join(dir, 'fleet.db');
  beforeAll(async () => {
    // Ten varied synthetic hosts (some with planted problems), copied row by row up to 10,000 hosts.
    const { bundles } = await generateFleet({ n: 10, seed: 3, dir });
    const r = await analyze({ bundles, db, jobs: 1, minSeverity: 'low' });
    expect(r.report.findings.length).toBeGreaterThan(0);
    expect(cloneBundles(r.db, r.bundleIds, HOSTS)).toHaveLength(HOSTS);
    r.db.close();
  }, 600_000);

  for (const format of ['markdown', 'html'] as const) {
    it(`${format}: every host written, peak RSS under ${BOUND / MB} MB`, async () => {
      const r = await runChild(db, format);
      console.log(`${format} report of ${r.bundles} hosts: ${(r.bytes / MB).toFixed(1)} MB written, peak RSS ${(r.peakRss / MB).toFixed(0)} MB`);
      expect(r.bundles).toBe(HOSTS);
      expect(r.tail).toMatch(format === 'html' ? /<\/body><\/html>\n$/ : /\n$/);
      // Every host is in it: each has an inventory of several entries.
      expect(r.bytes).toBeGreaterThan(HOSTS * 1000);
      expect(r.peakRss).toBeLessThan(BOUND);
    }, 1_800_000);
  }
});
