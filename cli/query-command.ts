import { closeSync, openSync, readSync } from 'node:fs';
import type { Command } from 'commander';
import { openDatabase, openReadOnly, type Db } from '../analyzer/db/database.js';
import { BundleUnusable, loadBundle } from '../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { runRules } from '../analyzer/rules/run.js';
import { registerSqlFunctions } from '../analyzer/rules/sql-functions.js';
import '../analyzer/rules/builtins.js';

type Out = 'table' | 'json' | 'csv';

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : String(v));

export function formatRows(rows: Record<string, unknown>[], columns: string[], out: Out): string {
  if (out === 'json') return JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v), 2) + '\n';
  if (out === 'csv') {
    const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return [columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(show(r[c]))).join(','))].join('\n') + '\n';
  }
  const widths = columns.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => show(r[c]).length))));
  const line = (cells: string[]): string => cells.map((s, i) => (s.length > widths[i]! ? s.slice(0, widths[i]! - 1) + '…' : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => show(r[c]))))].join('\n') + `\n(${rows.length} rows)\n`;
}

async function openTarget(target: string): Promise<Db> {
  if (!isGzip(target)) {
    const db = openReadOnly(target);
    registerSqlFunctions(db);
    return db;
  }
  const db = openDatabase(':memory:');
  const load = await loadBundle(db, target);
  runRules(db, load.bundleId, loadRules(defaultRulesDir()));
  db.pragma('query_only = ON');
  registerSqlFunctions(db);
  return db;
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('run one read-only SQL statement on a bundle (loaded in memory) or an analyzer database')
    .argument('<bundle-or-db>')
    .argument('<sql>')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (target: string, sql: string, o: { format: Out }) => {
      if (!['table', 'json', 'csv'].includes(o.format)) {
        process.stderr.write('fwsnap query: --format must be table, json or csv\n');
        process.exit(2);
      }
      let db: Db;
      try {
        db = await openTarget(target);
      } catch (e) {
        process.stderr.write(`fwsnap query: ${target}: ${e instanceof BundleUnusable ? e.message : (e as Error).message}\n`);
        process.exit(2);
      }
      try {
        const stmt = db.prepare(sql);
        if (!stmt.reader) throw new Error('only statements that return rows are allowed (the connection is read-only)');
        const columns = stmt.columns().map((c) => c.name);
        const rows = stmt.all() as Record<string, unknown>[];
        process.stdout.write(formatRows(rows, columns, o.format));
        process.exit(0);
      } catch (e) {
        process.stderr.write(`fwsnap query: ${(e as Error).message}\n`);
        process.exit(2);
      }
    });
}
