/**
 * `fwsnap analyze` of a bundle at the entry limit (issue 16): 299,999 empty files listed in the manifest, the
 * most a bundle may hold with it (DEFAULT_LIMITS.maxEntries). Every entry is remembered to the end, so this is
 * the largest a bundle's bookkeeping gets. It peaked at 285–307 MB while the reader, the spool and the fact
 * sink each kept a map of names (280 MB here with the old build, through FWSNAP_TEST_CLI); with one name index
 * shared by them it is about 190–210 MB. The bound sits between the two, clear of both (peak RSS of the built
 * CLI in a child process, whatever the machine's load).
 *
 * Without a heap limit V8 on a large machine may leave garbage uncollected well past the live set: one run in
 * three peaked at 308–315 MB with the same live data (190 MB in the other two). The CLI runs with its old space
 * held to HEAP_MB, so what is measured is what analyze keeps, not when the collector ran: a live set over the
 * limit ends the CLI out of memory, and the run fails by its status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../bundle/reader.js';
import { writeGeneratedBundle } from '../fixtures/hostile/sizes.js';
import { MB, runCli, STACK_TRACE } from '../helpers/run-cli.js';

const AT_THE_LIMIT_BOUND = 250 * MB;
const HEAP_MB = 128;
const entries = DEFAULT_LIMITS.maxEntries - 1;
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-limit-'));
const bundle = join(dir, 'limit.tar.gz');

beforeAll(async () => {
  await writeGeneratedBundle(bundle, Array.from({ length: entries }, (_, i) => ({
    name: `sys/devices/pci0000:${(i >> 12).toString(16).padStart(2, '0')}/0000:${((i >> 4) & 0xff).toString(16).padStart(2, '0')}:00.${i & 7}/empty${i & 15}`,
    size: 0,
    pieces: () => [],
  })));
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a bundle at the 300,000-entry limit', () => {
  it(`analyze loads every entry under ${AT_THE_LIMIT_BOUND / MB} MB`, async () => {
    const db = join(dir, 'a.db');
    // Minutes on a loaded machine or under emulation; the bound is on memory, not time.
    const r = await runCli(['analyze', bundle, '--db', db, '--format', 'json'], { cwd: dir, env: { ...process.env, TMPDIR: dir, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` }, timeoutMs: 1_500_000 });
    const said = `exit ${r.status}, ${Math.round(r.peakRss / MB)} MB peak, ${r.ms} ms\n${r.stderr.slice(0, 600)}`;
    expect(r.stderr, said).not.toMatch(STACK_TRACE);
    expect([0, 1], said).toContain(r.status);
    expect(r.peakRss, said).toBeGreaterThan(0);
    expect(r.peakRss, said).toBeLessThanOrEqual(AT_THE_LIMIT_BOUND);
    const rows = new Database(db, { readonly: true });
    try {
      const verified = rows.prepare('SELECT COUNT(*) AS n FROM artifacts WHERE verified = 1').get() as { n: number };
      expect(verified.n).toBe(entries);
    } finally {
      rows.close();
    }
  }, 1_800_000);
});
