import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions, type AnalyzeResult } from '../../../analyzer/analyze.js';
import { generateFleet } from '../../../bench/fleet/generate.js';
import { spawnSync } from 'node:child_process';
import { CLI, ensureBuilt, fwsnap } from '../../cli/cli-helpers.js';
import { suiteDir } from '../../cli/fake-bundle.js';

/** Every row of every table, in insertion order per bundle; only the load time differs between two runs. */
function contents(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name <> 'meta' ORDER BY name`).all() as { name: string; sql: string }[];
    return Object.fromEntries(
      tables.map(({ name: t, sql }) => {
        // Shared tables (vendor_files) have no bundle_id; WITHOUT ROWID tables are in key order.
        const perBundle = (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'bundle_id'`).get(t) as unknown) !== undefined;
        const order = [perBundle ? 'bundle_id' : '', /WITHOUT\s+ROWID/i.test(sql) ? '' : 'rowid'].filter(Boolean).join(', ');
        const rows = db.prepare(t === 'bundles' ? `SELECT * FROM bundles ORDER BY id` : `SELECT * FROM "${t}"${order ? ` ORDER BY ${order}` : ''}`).all() as Record<string, unknown>[];
        return [t, rows.map(({ loaded_at: _, ...r }) => JSON.stringify(r))];
      }),
    );
  }
  finally {
    db.close();
  }
}

/** What analyze says of a run, without the database handle and the report's time. */
function outcome(r: AnalyzeResult): unknown {
  const load = (l: AnalyzeResult['loads'][number]): unknown => ({ ...l });
  return {
    exitCode: r.exitCode,
    loads: r.loads.map(load),
    reused: r.reused.map(load),
    unusable: r.unusable.map((u) => u.message),
    report: { ...r.report, generatedAt: '' },
  };
}

async function run(o: AnalyzeOptions): Promise<unknown> {
  const r = await analyze(o);
  try {
    return outcome(r);
  } finally {
    r.db.close();
  }
}

/** Damages one byte of the file `proc/sys/kernel/hostname` inside a bundle: it no longer matches its sha256. */
function damageHostname(path: string, hostname: string): void {
  const tar = gunzipSync(readFileSync(path));
  let at = -1;
  for (let i = tar.indexOf(`${hostname}\n`); i >= 0; i = tar.indexOf(`${hostname}\n`, i + 1)) if (i % 512 === 0) at = i;
  expect(at, 'the hostname file in the tar').toBeGreaterThan(0);
  tar[at] = 'N'.charCodeAt(0);
  writeFileSync(path, gzipSync(tar));
}

describe('parallel ingest (worker threads) gives the database and results of the main-thread path', () => {
  const dir = suiteDir();
  let mixed: string[] = [];
  let bundles: string[] = [];
  beforeAll(async () => {
    ensureBuilt();
    ({ bundles } = await generateFleet({ n: 7, seed: 16, dir }));
    const partial = join(dir, 'partial.tar.gz');
    copyFileSync(bundles[6]!, partial);
    damageHostname(partial, 'node-00007');
    const garbage = join(dir, 'garbage.tar.gz');
    writeFileSync(garbage, 'not a bundle at all\n');
    const copy = join(dir, 'copy-of-node-00002.tar.gz');
    copyFileSync(bundles[1]!, copy);
    // Good bundles, a partial one, an unusable one, a missing one, the same file twice and a copy under another name.
    mixed = [bundles[0]!, bundles[1]!, partial, garbage, bundles[2]!, join(dir, 'missing.tar.gz'), bundles[0]!, copy, bundles[3]!, bundles[4]!, bundles[5]!];
  }, 180_000);
  afterEach(() => {
    delete process.env.FWSNAP_TEST_HOOK;
  });

  it('on a mixed set (good, partial, unusable, missing, duplicate bundles), then again with --replace', async () => {
    const seq = join(dir, 'sequential.db');
    const par = join(dir, 'parallel.db');
    const first = await run({ bundles: mixed, db: seq, jobs: 1 });
    expect(await run({ bundles: mixed, db: par, jobs: 2 })).toEqual(first);
    const r = first as { exitCode: number; unusable: string[]; loads: { complete: boolean }[]; reused: unknown[] };
    expect(r.exitCode).toBe(2);
    expect(r.unusable).toHaveLength(2);
    // Said as what it is on both paths, not as a corrupt archive.
    expect(r.unusable).toContain(`${join(dir, 'missing.tar.gz')}: unusable bundle — no such file`);
    expect(r.loads).toHaveLength(7);
    expect(r.loads.filter((l) => !l.complete)).toHaveLength(1);
    expect(r.reused).toHaveLength(2);
    expect(contents(par)).toEqual(contents(seq));
    const c = contents(seq);
    expect(c.bundles).toHaveLength(7);
    expect(c.rule_results!.length).toBeGreaterThan(100);

    // A second run into the same databases: kept copies are judged again; --replace reloads them.
    const again = [bundles[5]!, bundles[6]!, bundles[0]!];
    expect(await run({ bundles: again, db: par, jobs: 2 })).toEqual(await run({ bundles: again, db: seq, jobs: 1 }));
    expect(await run({ bundles: again, db: par, jobs: 2, replace: true })).toEqual(await run({ bundles: again, db: seq, jobs: 1, replace: true }));
    expect(contents(par)).toEqual(contents(seq));
  }, 180_000);

  it('a thread that fails or dies costs only the bundle it was loading, which is reported unusable with the reason', async () => {
    process.env.FWSNAP_TEST_HOOK = 'load-worker:exit:node-00002.tar.gz';
    const died = await analyze({ bundles: bundles.slice(0, 5), jobs: 2 });
    died.db.close();
    expect(died.exitCode).toBe(2);
    expect(died.loads.map((l) => l.path)).toEqual([bundles[0], bundles[2], bundles[3], bundles[4]]);
    expect(died.unusable.map((u) => u.message)).toEqual([`${bundles[1]}: unusable bundle — the thread loading it stopped (exit code 70); nothing of it was loaded`]);

    process.env.FWSNAP_TEST_HOOK = 'load-worker:throw:node-00004.tar.gz';
    const threw = await analyze({ bundles: bundles.slice(0, 5), jobs: 2 });
    threw.db.close();
    expect(threw.loads).toHaveLength(4);
    expect(threw.unusable.map((u) => u.message)).toEqual([`${bundles[3]}: unusable bundle — could not be loaded (RangeError: planted failure)`]);
  }, 120_000);

  it('killed after loading a batch in threads, before its rules ran: none of its bundles is in the database', () => {
    const db = join(dir, 'killed.db');
    const killed = spawnSync(process.execPath, [CLI, 'analyze', ...bundles.slice(0, 5), '--db', db, '--jobs', '2'], { env: { ...process.env, FWSNAP_TEST_HOOK: 'after-load:kill' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(contents(db).bundles).toEqual([]);
    const r = fwsnap(['analyze', ...bundles.slice(0, 5), '--db', db, '--jobs', '2', '--format', 'json']);
    expect([0, 1], r.stderr).toContain(r.status);
    expect(contents(db).bundles).toHaveLength(5);
  }, 120_000);

  it('--jobs takes a whole number from 1 to 256 (status 2 otherwise)', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '257']) {
      const r = fwsnap(['analyze', bundles[0]!, '--jobs', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--jobs must be a whole number from 1 to 256');
    }
  });
});
