import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../analyzer/db/database.js';
import { SCHEMA_SQL } from '../../../analyzer/db/schema.js';
import { SqliteSink } from '../../../analyzer/db/sink.js';
import { classTables } from '../../../analyzer/db/class-schema.js';
import { shippedFacts } from '../../../analyzer/classes/index.js';
import { UndeclaredFactError } from '../../../analyzer/facts/contract.js';
import { describeVersion } from '../../../analyzer/load/describe-version.js';

// Tables only one class fills are that class's: it declares their DDL, views and functions (analyzer/classes/<name>/tables.ts);
// the shared schema names none of them, and the sink writes a row only into a table some class declares.
const declared = classTables().flatMap((t) => Object.keys(t.doc).map((name) => ({ className: t.className, name })));
const created = (sql: string): string[] => [...sql.matchAll(/CREATE (?:TABLE|VIEW|INDEX|TRIGGER) IF NOT EXISTS (\w+)/g)].map((m) => m[1]!);

describe('tables a class declares', () => {
  it('the shared schema creates none of them; each class creates exactly what it documents (tables and views)', () => {
    expect(declared.length).toBeGreaterThan(0);
    const shared = created(SCHEMA_SQL);
    for (const d of declared) expect(shared, d.name).not.toContain(d.name);
    for (const t of classTables()) {
      const own = created(t.ddl);
      const tablesAndViews = [...t.ddl.matchAll(/CREATE (?:TABLE|VIEW) IF NOT EXISTS (\w+)/g)].map((m) => m[1]!);
      expect(tablesAndViews.sort(), t.className).toEqual(Object.keys(t.doc).sort());
      for (const r of t.rows) expect(own, `${t.className}: rows of ${r.table}`).toContain(r.table);
      for (const c of t.content ?? []) expect(own, `${t.className}: content ${c}`).toContain(c);
    }
  });

  it('a new database has every declared table and view', () => {
    const db = openDatabase(':memory:');
    try {
      const names = new Set((db.prepare(`SELECT name FROM sqlite_master`).all() as { name: string }[]).map((r) => r.name));
      for (const d of declared) expect(names.has(d.name), d.name).toBe(true);
    } finally {
      db.close();
    }
  });

  it('docs/schema.md names every one of them', () => {
    const doc = readFileSync('docs/schema.md', 'utf8');
    for (const d of declared) expect(doc, `${d.name} (class ${d.className})`).toContain(`\`${d.name}\``);
  });

  it('the sink refuses a row for a table no class declares, and names it', () => {
    const db = openDatabase(':memory:');
    try {
      db.prepare(`INSERT INTO bundles (id, path, loaded_at, complete) VALUES (1, 'b', 'now', 1)`).run();
      const sink = new SqliteSink(db, 1, describeVersion, shippedFacts(), 'throw');
      expect(() => sink.row('firmware', { device_key: 'x' })).toThrow(UndeclaredFactError);
      expect(() => sink.row('no_such_table', { device_key: 'x' })).toThrow(/no_such_table, which no class declares/);
      expect(() => sink.content('firmware', Buffer.alloc(32), {})).toThrow(/not declared/);
    } finally {
      db.close();
    }
  });
});
