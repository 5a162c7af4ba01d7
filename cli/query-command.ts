import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { SpoolError } from '../bundle/entry-spool.js';
import { OPEN_ERROR_WORDS, openErrorWords } from '../bundle/input-file.js';
import { otherFormatAt } from '../bundle/other-format.js';
import { DatabaseError, openDatabase, openReadOnly, type Db } from '../analyzer/db/database.js';
import { BundleUnusable, loadBundle } from '../analyzer/load/load-bundle.js';
import { defaultRulesDir, loadRules } from '../analyzer/rules/load-rules.js';
import { runRules } from '../analyzer/rules/run.js';
import { ENGINE_SQL_FUNCTIONS, registerSqlFunctions } from '../analyzer/rules/sql-functions.js';
import { classSqlFunctions } from '../analyzer/db/class-schema.js';
import { CliError } from './exit.js';
import { withExamples, withNotes } from './help.js';
import { openableFile } from './input-path.js';
import { bundleArgument, displayName, STDIN_NAME } from './stdin-bundle.js';
import { oneOf } from './options.js';
import { OUTS, writeRows, type Out } from './query-rows.js';


/** The first two bytes of a file, read (a /proc file says 0 bytes in its size and holds text). */
function firstBytes(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    return b.subarray(0, readSync(fd, b, 0, 2, 0));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CliError(`cannot read ${displayName(path)}: ${err.code && !OPEN_ERROR_WORDS[err.code] ? `${err.message.replace(/^[A-Z]+: /, '').replace(/, read$/, '')} (${err.code})` : openErrorWords(e)}`);
  } finally {
    closeSync(fd);
  }
}

/** Text for stdout, written in pieces of 64 KiB; each write waits while stdout cannot take more. */
export function stdoutWriter(): { write: (text: string) => Promise<void>; flush: () => Promise<void> } {
  let pending = '';
  const flush = async (): Promise<void> => {
    if (!pending) return;
    const text = pending;
    pending = '';
    if (process.stdout.write(text)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        process.stdout.off('drain', done);
        process.stdout.off('error', done);
        process.stdout.off('close', done);
        resolve();
      };
      process.stdout.on('drain', done);
      process.stdout.on('error', done);
      process.stdout.on('close', done);
    });
  };
  return {
    write: async (text) => {
      pending += text;
      if (pending.length >= 64 * 1024) await flush();
    },
    flush,
  };
}

async function openTarget(target: string): Promise<Db> {
  // A device or a pipe would be read as an empty database (or block): `-` is how a bundle comes through a pipe.
  if (!statSync(target).isFile()) throw new CliError(`cannot open ${target}: not a regular file (give - to read a bundle from stdin)`);
  const head = firstBytes(target);
  if (!(head.length === 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    let db: Db;
    let tables: number;
    try {
      db = openReadOnly(target);
      tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n;
    } catch (e) {
      const other = otherFormatAt(target);
      const why = other === undefined ? (e as Error).message : `the file is ${other}, not a gzip-compressed tar (.tar.gz) as fwsnap collect writes`;
      throw new CliError(`cannot open ${target}: neither a bundle nor an analyzer database (${why})`);
    }
    // SQLite takes an empty file for an empty database, and a file whose size says 0 (/proc) for an empty one too.
    if (tables === 0) {
      db.close();
      throw new CliError(`cannot open ${target}: neither a bundle nor an analyzer database (${head.length === 0 ? 'it is empty' : 'it holds no table'})`);
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
  withNotes(cmd, {
    title: 'SQL functions fwsnap registers (the stock sqlite3 shell lacks them)',
    entries: [
      ...ENGINE_SQL_FUNCTIONS.map((f): [string, string] => [f.call, f.gives]),
      ...classSqlFunctions().map((f): [string, string] => [f.call, `${f.gives} (declared by the ${f.className} class)`]),
    ],
  });
  withExamples(cmd, [
    ["fwsnap query host7.tar.gz \"SELECT device_key, component, version FROM firmware WHERE state = 'running'\"", 'running firmware of every device of one bundle'],
    ['fwsnap query --format csv fleet.db "SELECT hostname, collected_at FROM bundles"', 'the hosts of a kept database, as CSV'],
  ]);
  cmd.action(async (target: string, sql: string, o: { format: Out }) => {
      if (target !== STDIN_NAME) openableFile(target, '', { pipes: true });
      const file = await bundleArgument(target);
      let db: Db;
      try {
        db = await openTarget(file);
      } catch (e) {
        if (e instanceof BundleUnusable || e instanceof DatabaseError || e instanceof SpoolError) throw new CliError(`${e.message}`);
        throw e;
      }
      // Rows go out as the statement yields them: a result of any size costs the memory of a few.
      const out = stdoutWriter();
      try {
        if (!sql.trim()) throw new Error('no SQL statement given');
        const stmt = db.prepare(sql);
        if (!stmt.reader) throw new Error('only statements that return rows are allowed (the connection is read-only)');
        const columns = stmt.columns().map((c) => c.name);
        await writeRows(stmt.iterate() as Iterable<Record<string, unknown>>, columns, o.format, out.write);
        await out.flush();
      } catch (e) {
        throw new CliError(`${(e as Error).message}`);
      } finally {
        db.close();
      }
      process.exitCode = 0;
    });
}
