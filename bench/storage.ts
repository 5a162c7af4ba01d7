/**
 * What a host costs in the analyzer database, table by table (issue 16 item 2: a typical host ≤ 150 KB), for
 * three hosts: this host (`fwsnap collect`; root gives the full picture), the shared fake host (`fwsnap collect
 * --root` of the tree test/helpers/fake-host builds, the richest test host) and a host of the synthetic fleet
 * (bench/fleet). Each is measured twice: one bundle alone in its own database (the file's size after analyze,
 * schema and every table's first page included) and N bundles of it in one database (SQLite pages from `dbstat`
 * divided by N, so what every database has once is shared). From the two, what a host adds to a fleet database:
 * the marginal cost ((pages of N − pages of 1) / (N − 1): what each further host adds, its texts stored once with
 * the other hosts' where they are the same — all of them when the N bundles are of one host), and the same with
 * nothing shared (the marginal cost plus the bytes one bundle's texts fill in the shared tables). Given bundles
 * are measured the same way.
 * Run: npm run build && node dist/bench/storage.js [--hosts N] [--breakdown] [BUNDLE…]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { registerClassFunctions } from '../analyzer/db/class-schema.js';
import { generateFleet } from './fleet/generate.js';
import { buildFakehost } from '../test/helpers/fake-host/fakehost.js';
import { verdict } from './stats.js';

const cli = resolve(new URL('../cli/main.js', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-storage-bench-'));
const TARGET_KB = 150;

function run(argv: string[]): void {
  const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`fwsnap ${argv[0]} failed (${r.status}): ${r.stderr.slice(-2000)}`);
}

interface Measured {
  /** KB (1,000 bytes) a host. */
  kb: number;
  /** Bytes of each table and index, per host. */
  objects: { name: string; bytes: number }[];
}

/**
 * Analyses the bundles into a new database: the file's size and dbstat's pages, per bundle; all pages; and the
 * bytes filled in the tables bundles share (no bundle_id: artifact names, setting keys, kernel log texts…) and
 * their indexes.
 */
function measure(name: string, bundles: string[]): { file: Measured; pages: Measured; total: number; sharedUsed: number } {
  const dbPath = join(dir, `${name}.db`);
  run(['analyze', ...bundles, '--db', dbPath, '--format', 'json']);
  const db = new Database(dbPath, { readonly: true });
  // pragma_table_info() of a class's view prepares it, and the view may call a class's SQL function.
  registerClassFunctions(db);
  const n = (db.prepare(`SELECT count(*) AS n FROM bundles`).get() as { n: number }).n;
  const rows = db.prepare(`SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC, name`).all() as { name: string; bytes: number }[];
  const { used } = db.prepare(`SELECT coalesce(SUM(s.pgsize - s.unused), 0) AS used FROM dbstat s JOIN sqlite_master m ON m.name = s.name
    WHERE m.tbl_name NOT IN ('meta', 'bundles') AND NOT EXISTS (SELECT 1 FROM pragma_table_info(m.tbl_name) WHERE name = 'bundle_id')`).get() as { used: number };
  db.close();
  const objects = rows.map((r) => ({ name: r.name, bytes: r.bytes / n }));
  const pages = objects.reduce((s, r) => s + r.bytes, 0);
  return { file: { kb: statSync(dbPath).size / n / 1000, objects }, pages: { kb: pages / 1000, objects }, total: pages * n, sharedUsed: used };
}

function report(label: string, bundles: string[], breakdown: boolean): void {
  const one = measure(`${label}-one`, bundles.slice(0, 1));
  const all = measure(`${label}-all`, bundles);
  const line = (what: string, kb: number): string => `  ${what.padEnd(60)} ${kb.toFixed(1).padStart(7)} KB a host  ${verdict(kb <= TARGET_KB)} (≤ ${TARGET_KB} KB)`;
  const n = bundles.length;
  console.log(`${label}:`);
  console.log(line('one bundle alone in its own database (file size)', one.file.kb));
  console.log(line(`${n} bundles in one database (pages / ${n})`, all.pages.kb));
  if (n > 1) {
    const marginal = (all.total - one.total) / (n - 1);
    console.log(line(`marginal: each further host ((pages of ${n} − of 1) / ${n - 1})`, marginal / 1000));
    console.log(line('marginal with no text shared (+ its bytes in shared tables)', (marginal + one.sharedUsed) / 1000));
  }
  if (!breakdown) return;
  console.log(`    ${'table or index'.padEnd(40)} ${'alone'.padStart(8)} ${`of ${bundles.length}`.padStart(8)}  (KB a host)`);
  const alone = new Map(one.pages.objects.map((o) => [o.name, o.bytes]));
  for (const o of all.pages.objects) {
    console.log(`    ${o.name.padEnd(40)} ${((alone.get(o.name) ?? 0) / 1000).toFixed(1).padStart(8)} ${(o.bytes / 1000).toFixed(1).padStart(8)}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { hosts: { type: 'string', default: '8' }, breakdown: { type: 'boolean', default: false } } });
  const hosts = Number(values.hosts);
  if (!Number.isInteger(hosts) || hosts < 1) throw new Error(`--hosts must be a whole number ≥ 1, not ${values.hosts}`);
  const breakdown = values.breakdown!;
  if (positionals.length) {
    report('given bundles', positionals.map((b) => resolve(b)), breakdown);
    return;
  }
  const collected = (prefix: string, argv: string[]): string[] =>
    Array.from({ length: hosts }, (_, i) => {
      const b = join(dir, `${prefix}-${i}.tar.gz`);
      run(['collect', ...argv, '-o', b]);
      return b;
    });
  report('this host', collected('host', []), breakdown);
  const root = join(dir, 'fakehost');
  mkdirSync(root);
  await buildFakehost(root);
  report('fake host', collected('fake', ['--root', root]), breakdown);
  const { bundles } = await generateFleet({ n: hosts, seed: 1, dir: join(dir, 'fleet') });
  report('synthetic fleet host', bundles, breakdown);
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
