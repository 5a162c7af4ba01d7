import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { CLI, ensureBuilt, FAKEHOST, fwsnap } from './cli-helpers.js';

const STACK = /^\s+at .+[:(]/m;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the CLI asynchronously, so that two can share a database at the same time. */
function start(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status, signal) => resolve({ status, signal, stderr }));
  });
}

async function until(path: string, ms = 600_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} never appeared`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function bundles(db: string): { id: number; complete: number; results: number }[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(`SELECT b.id, b.complete, (SELECT COUNT(*) FROM rule_results r WHERE r.bundle_id = b.id) AS results FROM bundles b ORDER BY b.id`).all() as {
      id: number;
      complete: number;
      results: number;
    }[];
  } finally {
    d.close();
  }
}

describe('--db: failures name the file, concurrent writers wait, a killed analysis leaves nothing half-done', () => {
  beforeAll(ensureBuilt);

  // Each call collects anew: a different bundle (its manifest differs), which a database loads besides the others.
  function fake(dir: string, name = 'fake.tar.gz'): string {
    const bundle = join(dir, name);
    expect(fwsnap(['collect', '--root', FAKEHOST, '-o', bundle], { timeout: 600_000 }).status).toBe(0);
    return bundle;
  }

  it('a --db that cannot be opened, created or used: exit 2 and a message naming it', () => {
    const dir = tempDir();
    const bundle = fake(dir);
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'this is text, not SQLite\n'.repeat(100));
    const asDir = join(dir, 'dir.db');
    mkdirSync(asDir);
    for (const [db, why] of [
      [join(dir, 'missing', 'x.db'), /: the directory \S+missing does not exist$/m],
      [notDb, /is not an SQLite database|not a database/],
      [asDir, /cannot be opened or created|directory/],
    ] as const) {
      const r = fwsnap(['analyze', bundle, '--db', db]);
      expect(r.status, r.stderr).toBe(2);
      // "database FILE: why", or "database FILE is a directory" when the path is not a regular file.
      expect([`database ${db}: `, `database ${db} is `].some((named) => r.stderr.includes(named)), r.stderr).toBe(true);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  // Synchronised on what each process has reached, never on how long it takes: a loaded machine only makes it slower.
  it('two writers: the second waits for the lock; with a short busy timeout it gives up with a plain message', async () => {
    const dir = tempDir();
    const bundle = fake(dir);
    const other = fake(dir, 'other.tar.gz');
    const db = join(dir, 'shared.db');
    const [held, waiting, release] = ['held', 'waiting', 'release'].map((f) => join(dir, f));
    let holderDone = false;
    const holder = start(['analyze', bundle, '--db', db], { FWSNAP_TEST_HOOK: 'after-load:hold', FWSNAP_TEST_HOOK_READY: held, FWSNAP_TEST_HOOK_RELEASE: release });
    void holder.then(() => (holderDone = true));
    await until(held);
    const impatient = await start(['analyze', bundle, '--db', db], { FWSNAP_DB_BUSY_TIMEOUT_MS: '300' });
    expect(impatient.status, impatient.stderr).toBe(2);
    expect(impatient.stderr.trim()).toBe(`fwsnap analyze: database ${db}: another process holds its lock (waited 0.3 s); try again when it has finished`);
    // The patient writer goes for the lock while the holder still has it, and is still waiting a second later.
    let patientDone = false;
    const patient = start(['analyze', other, '--db', db], { FWSNAP_TEST_HOOK: 'before-open:mark', FWSNAP_TEST_HOOK_READY: waiting, FWSNAP_DB_BUSY_TIMEOUT_MS: '600000' });
    void patient.then(() => (patientDone = true));
    await until(waiting);
    await new Promise((r) => setTimeout(r, 1000));
    expect(patientDone, 'the second writer finished while the first held the lock').toBe(false);
    expect(holderDone).toBe(false);
    writeFileSync(release, '');
    const first = await holder;
    expect(first.status, first.stderr).toBe(1);
    const second = await patient;
    expect(second.status, second.stderr).toBe(1);
    const rows = bundles(db);
    expect(rows).toHaveLength(2);
    for (const b of rows) expect(b.results).toBeGreaterThan(0);
  }, 900_000);

  it('killed between loading a bundle and running its rules: the bundle is not in the database at all', async () => {
    const dir = tempDir();
    const bundle = fake(dir);
    const db = join(dir, 'fleet.db');
    expect(fwsnap(['analyze', bundle, '--db', db]).status).toBe(1);
    const other = fake(dir, 'other.tar.gz');
    const killed = await start(['analyze', other, '--db', db], { FWSNAP_TEST_HOOK: 'after-load:kill' });
    expect(killed.signal).toBe('SIGKILL');
    const rows = bundles(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.complete).toBe(1);
    expect(rows[0]!.results).toBeGreaterThan(0);
    // The database is still usable afterwards.
    expect(fwsnap(['analyze', other, '--db', db]).status).toBe(1);
    expect(bundles(db)).toHaveLength(2);
    for (const b of bundles(db)) expect(b.results).toBeGreaterThan(0);
  }, 600_000);
});
