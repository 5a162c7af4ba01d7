import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { classSqlFunctions } from '../../analyzer/db/class-schema.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { ENGINE_SQL_FUNCTIONS, registerSqlFunctions } from '../../analyzer/rules/sql-functions.js';

const CLI = join(__dirname, '../../dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'fwsnap-query-fns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const names = (db: Database.Database): Set<string> =>
  new Set((db.prepare('SELECT DISTINCT name FROM pragma_function_list').all() as { name: string }[]).map((r) => r.name));

describe('SQL functions fwsnap registers', () => {
  const listed = [...ENGINE_SQL_FUNCTIONS, ...classSqlFunctions()];

  it('are exactly the ones listed: every function a query connection has beyond SQLite\'s own', () => {
    const stock = names(new Database(':memory:'));
    const db = openDatabase(join(dir, 'a.db'));
    registerSqlFunctions(db);
    const added = [...names(db)].filter((n) => !stock.has(n)).sort();
    db.close();
    expect(added).toEqual(listed.map((f) => f.name).sort());
    expect(listed.map((f) => f.name)).toContain('pci_cap_fields');
    for (const f of listed) expect(f.call.startsWith(`${f.name}(`)).toBe(true);
  });

  it('are named by `fwsnap query --help` and the man page, with the class that declares each', () => {
    const help = execFileSync(process.execPath, [CLI, 'query', '--help'], { encoding: 'utf8' });
    const man = readFileSync(join(__dirname, '../../docs/man/fwsnap.1'), 'utf8').replace(/\\-/g, '-');
    for (const f of listed) {
      expect(help).toContain(f.call);
      expect(man).toContain(f.call);
    }
    for (const f of classSqlFunctions()) expect(help).toContain(`(declared by the ${f.className} class)`);
    expect(help.indexOf('SQL functions')).toBeLessThan(help.indexOf('Examples:'));
  });
});
