import { closeSync, openSync, readSync } from 'node:fs';
import type { Command } from 'commander';
import { SpoolError } from '../bundle/entry-spool.js';
import { DatabaseError, openDatabase, openReadOnly, type Db } from '../analyzer/db/database.js';
import { BundleUnusable, loadBundle } from '../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { runRules } from '../analyzer/rules/run.js';
import { registerSqlFunctions } from '../analyzer/rules/sql-functions.js';
import { hexId, PCI_ID_NAME } from '../analyzer/report/ids.js';
import { jsonTerminalSafe, terminalSafe } from '../bundle/terminal-safe.js';
import { CliError } from './exit.js';
import { withExamples } from './help.js';
import { openableFile } from './input-path.js';
import { bundleArgument, STDIN_NAME } from './stdin-bundle.js';
import { oneOf } from './options.js';

const OUTS = ['table', 'json', 'csv'] as const;
type Out = (typeof OUTS)[number];

function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** A cell as text, control characters escaped (table and CSV are read in terminals and editors; JSON keeps exact values). */
const show = (v: unknown): string => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : terminalSafe(String(v)));

export function formatRows(rows: Record<string, unknown>[], rawColumns: string[], out: Out): string {
  // PCI ids as lspci prints them (15b3:101d); the database keeps integers, so `WHERE vendor_id = 0x15b3` still works.
  const ids = rawColumns.filter((c) => PCI_ID_NAME.test(c));
  if (ids.length) rows = rows.map((r) => ({ ...r, ...Object.fromEntries(ids.map((c) => [c, typeof r[c] === 'number' && Number.isInteger(r[c]) && (r[c] as number) >= 0 ? hexId(r[c] as number) : r[c]])) }));
  if (out === 'json') return jsonTerminalSafe(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v), 2)) + '\n';
  const columns = rawColumns.map(terminalSafe);
  rows = rows.map((r) => Object.fromEntries(rawColumns.map((c, i) => [columns[i]!, r[c]])));
  if (out === 'csv') {
    const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    return [columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(show(r[c]))).join(','))].join('\n') + '\n';
  }
  // A loop, not Math.max(...rows): spreading a large result overflows the stack.
  const widths = columns.map((c) => {
    let w = c.length;
    for (const r of rows) w = Math.max(w, show(r[c]).length);
    return Math.min(60, w);
  });
  const line = (cells: string[]): string => cells.map((s, i) => (s.length > widths[i]! ? s.slice(0, widths[i]! - 1) + '…' : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => show(r[c]))))].join('\n') + `\n(${rows.length} rows)\n`;
}

async function openTarget(target: string): Promise<Db> {
  if (!isGzip(target)) {
    let db: Db;
    try {
      db = openReadOnly(target);
      db.prepare(`SELECT count(*) FROM sqlite_master`).get();
    } catch (e) {
      throw new CliError(`cannot open ${target}: neither a bundle nor an analyzer database (${(e as Error).message})`);
    }
    registerSqlFunctions(db);
    return db;
  }
  // A private temporary database (SQLite spills it to disk), so a bundle's rows never all sit in memory.
  const db = openDatabase('');
  const load = await loadBundle(db, target);
  runRules(db, load.bundleId, loadRules(defaultRulesDir()));
  db.pragma('query_only = ON');
  registerSqlFunctions(db);
  return db;
}

export function registerQuery(program: Command): void {
  const cmd = program
    .command('query')
    .description('run one read-only SQL statement on a bundle (loaded in memory) or an analyzer database')
    .argument('<bundle-or-db>', 'a bundle (- : read it from stdin) or an analyzer database')
    .argument('<sql>')
    .option('--format <format>', 'table, json or csv', oneOf('--format', OUTS), 'table' as Out);
  withExamples(cmd, [
    ["fwsnap query host7.tar.gz \"SELECT device_key, component, version FROM firmware WHERE state = 'running'\"", 'running firmware of every device of one bundle'],
    ['fwsnap query --format csv fleet.db "SELECT hostname, collected_at FROM bundles"', 'the hosts of a kept database, as CSV'],
  ]);
  cmd.action(async (target: string, sql: string, o: { format: Out }) => {
      if (target !== STDIN_NAME) openableFile(target);
      const file = await bundleArgument(target);
      let db: Db;
      try {
        db = await openTarget(file);
      } catch (e) {
        if (e instanceof BundleUnusable || e instanceof DatabaseError || e instanceof SpoolError) throw new CliError(`${e.message}`);
        throw e;
      }
      let text: string;
      try {
        const stmt = db.prepare(sql);
        if (!stmt.reader) throw new Error('only statements that return rows are allowed (the connection is read-only)');
        const columns = stmt.columns().map((c) => c.name);
        const rows = stmt.all() as Record<string, unknown>[];
        text = formatRows(rows, columns, o.format);
      } catch (e) {
        throw new CliError(`${(e as Error).message}`);
      } finally {
        db.close();
      }
      process.stdout.write(text);
      process.exitCode = 0;
    });
}
