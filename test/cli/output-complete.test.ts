import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { CLI, ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';
import { bundleWithExtras, runThroughPipe, runToFile, sameRun } from './pipe-helpers.js';

// Before the fix every command called process.exit() with stdout still queued: a pipe got 65,536 bytes.
const ROWS = 100_000;
const manyRows = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS}) SELECT i, 'row ' || i || ' of a long query result' AS label FROM n`;

describe('output written to a slow pipe arrives complete', () => {
  beforeAll(ensureBuilt);

  it('query: several MB of CSV, JSON and table', () => {
    const dir = tempDir();
    const bundle = join(dir, 'fake.tar.gz');
    expect(fwsnap(['collect', '--root', FAKEHOST, '-o', bundle]).status).toBe(0);
    // The rows come from the statement alone: an analyzer database, loaded once, spares six loads of the bundle and
    // its rules (they took this test close to its time limit on a loaded machine).
    const db = join(dir, 'fake.db');
    expect(fwsnap(['analyze', bundle, '--db', db, '--format', 'json']).status).toBe(1);
    for (const format of ['csv', 'json', 'table']) {
      const args = ['query', db, manyRows, '--format', format];
      const file = runToFile(dir, args);
      expect(file.status, file.stderr).toBe(0);
      if (format === 'csv') expect(file.text.trimEnd().split('\n')).toHaveLength(ROWS + 1);
      if (format === 'json') expect((JSON.parse(file.text) as unknown[]).length).toBe(ROWS);
      if (format === 'table') expect(file.text.endsWith(`(${ROWS} rows)\n`)).toBe(true);
      expect(file.text.length).toBeGreaterThan(2_000_000);
      const piped = runThroughPipe(dir, args);
      expect(piped.status, piped.stderr).toBe(0);
      expect(piped.text.length).toBe(file.text.length);
      expect(sameRun(piped.text) === sameRun(file.text)).toBe(true);
    }
    // Eight runs, six of them writing 2–4 MB each: 24 s at a load of 12 on 2 cores (37 s when each query loaded the bundle).
  }, 180_000);

  it('verify and analyze: hundreds of KB of problems in text and JSON', async () => {
    const dir = tempDir();
    const bundle = join(dir, 'extras.tar.gz');
    await bundleWithExtras(bundle, 1000);
    const cases: [string[], number][] = [
      [['verify', bundle], 1],
      [['analyze', bundle, '--format', 'json'], 3],
    ];
    for (const [args, status] of cases) {
      const file = runToFile(dir, args);
      expect(file.status).toBe(status);
      expect(file.text.length).toBeGreaterThan(300_000);
      if (args[0] === 'analyze') expect((JSON.parse(file.text) as { bundles: { problems: unknown[] }[] }).bundles[0]!.problems.length).toBeGreaterThanOrEqual(3000);
      else expect(file.text.match(/^ {2}(extra|link|unsafe-name) /gm)?.length).toBeGreaterThanOrEqual(3000);
      const piped = runThroughPipe(dir, args);
      expect(piped.status, piped.stderr).toBe(status);
      expect(piped.text.length).toBe(file.text.length);
      expect(sameRun(piped.text) === sameRun(file.text)).toBe(true);
    }
  });

  it('a reader that stops early ends fwsnap quietly (no stack trace), status 141 like SIGPIPE', () => {
    const dir = tempDir();
    const bundle = join(dir, 'fake.tar.gz');
    expect(fwsnap(['collect', '--root', FAKEHOST, '-o', bundle]).status).toBe(0);
    const r = spawnSync('bash', ['-c', 'node "$CLI" query "$B" "$SQL" --format csv 2>"$ERR" | head -c 100 >/dev/null; echo "${PIPESTATUS[0]}"'], {
      env: { ...process.env, CLI, B: bundle, SQL: manyRows, ERR: join(dir, 'err') },
      encoding: 'utf8',
    });
    expect(r.stdout.trim()).toBe('141');
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('');
  });
});
