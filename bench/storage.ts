/**
 * What a host costs in the analyzer database, table by table (issue 16 item 2: a typical host ≤ 150 KB):
 * the bundles given, or else 8 bundles of this host (`fwsnap collect`, needs root for the full picture) and
 * 8 hosts of the synthetic fleet (bench/fleet), each set analysed into its own database. Sizes are SQLite
 * pages (the `dbstat` table) divided by the number of bundles, so per-database overhead (schema, meta) is shared.
 * Run: npm run build && node dist/bench/storage.js [BUNDLE…]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { generateFleet } from './fleet/generate.js';
import { verdict } from './stats.js';

const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-storage-bench-'));
const TARGET_KB = 150;

function run(argv: string[]): void {
  const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`fwsnap ${argv[0]} failed (${r.status}): ${r.stderr.slice(-2000)}`);
}

/** Per-bundle KiB of each table and index (objects under 2 KiB a bundle are summed as "other"). */
function measure(label: string, bundles: string[]): void {
  const dbPath = join(dir, `${label.replace(/\W+/g, '-')}.db`);
  run(['analyze', ...bundles, '--db', dbPath, '--format', 'json']);
  const db = new Database(dbPath, { readonly: true });
  const n = (db.prepare(`SELECT count(*) AS n FROM bundles`).get() as { n: number }).n;
  const rows = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC`).all() as { name: string; bytes: number }[];
  db.close();
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  const kb = (b: number): string => (b / 1024 / n).toFixed(1).padStart(7);
  const perHost = total / 1024 / n;
  console.log(`${label}: ${n} bundles, database ${(statSync(dbPath).size / 1024).toFixed(0)} KiB; per host ${perHost.toFixed(1)} KiB; target ≤ ${TARGET_KB} KB: ${verdict(perHost * 1.024 <= TARGET_KB)}`);
  let other = 0;
  for (const r of rows) {
    if (r.bytes / n < 2048) other += r.bytes;
    else console.log(`  ${r.name.padEnd(36)} ${kb(r.bytes)} KiB/host`);
  }
  console.log(`  ${'(other objects)'.padEnd(36)} ${kb(other)} KiB/host`);
}

try {
  const given = process.argv.slice(2);
  if (given.length) measure('given bundles', given.map((b) => resolve(b)));
  else {
    const own: string[] = [];
    for (let i = 0; i < 8; i++) {
      const b = join(dir, `host-${i}.tar.gz`);
      run(['collect', '-o', b]);
      own.push(b);
    }
    measure('this host', own);
    const { bundles } = await generateFleet({ n: 8, seed: 1, dir: join(dir, 'fleet') });
    measure('synthetic fleet', bundles);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
