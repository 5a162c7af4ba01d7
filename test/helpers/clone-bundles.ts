import type { Db } from '../../analyzer/db/database.js';

interface Column {
  name: string;
  type: string;
  pk: number;
}

/**
 * Makes `total` bundles of the `base` bundles already in `db` by copying every row that names a bundle (each copy
 * a host of its own: `<hostname>-c<n>`), so that a test can hold thousands of hosts without analysing them. Tables
 * are found in the schema, so the copy follows schema changes. Returns the ids of all bundles, base first.
 */
export function cloneBundles(db: Db, base: readonly number[], total: number): number[] {
  const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
  const columnsOf = (table: string): Column[] => db.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(table) as Column[];
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS clone_map (old_id INTEGER, new_id INTEGER, copy INTEGER)`);
  const hasRowid = (table: string): boolean => {
    try {
      db.prepare(`SELECT rowid FROM "${table}" LIMIT 0`);
      return true;
    } catch {
      return false;
    }
  };
  const copies = tables
    .filter((t) => t !== 'bundles' && columnsOf(t).some((c) => c.name === 'bundle_id'))
    .map((t) => {
      // A table's own integer key is left to SQLite; every other column copied, the bundle id moved.
      const cols = columnsOf(t).filter((c) => !(c.pk === 1 && c.type.toUpperCase() === 'INTEGER' && c.name !== 'bundle_id' && columnsOf(t).filter((x) => x.pk).length === 1));
      const names = cols.map((c) => `"${c.name}"`).join(', ');
      const values = cols.map((c) => (c.name === 'bundle_id' ? 'm.new_id' : `t."${c.name}"`)).join(', ');
      // Rows keep their order within a bundle (reports list rows by rowid).
      const order = hasRowid(t) ? ', t.rowid' : '';
      return db.prepare(`INSERT INTO "${t}" (${names}) SELECT ${values} FROM temp.clone_map m CROSS JOIN "${t}" t ON t.bundle_id = m.old_id ORDER BY m.new_id${order}`);
    });
  const bundleCols = columnsOf('bundles').filter((c) => c.name !== 'id').map((c) => c.name);
  const bundleValues = bundleCols.map((c) =>
    c === 'hostname' ? `b.hostname || '-c' || m.copy` : c === 'path' ? `b.path || '#' || m.copy` : c === 'manifest_sha256' ? 'NULL' : `b."${c}"`,
  );
  const copyBundles = db.prepare(
    `INSERT INTO bundles (id, ${bundleCols.map((c) => `"${c}"`).join(', ')}) SELECT m.new_id, ${bundleValues.join(', ')} FROM temp.clone_map m CROSS JOIN bundles b ON b.id = m.old_id ORDER BY m.new_id`,
  );
  const map = db.prepare(`INSERT INTO temp.clone_map VALUES (?, ?, ?)`);
  const ids = [...base];
  let next = (db.prepare(`SELECT MAX(id) AS n FROM bundles`).get() as { n: number }).n + 1;
  db.transaction(() => {
    db.exec(`DELETE FROM temp.clone_map`);
    for (let copy = 1; ids.length < total; copy++) {
      for (const old of base.slice(0, total - ids.length)) {
        map.run(old, next, copy);
        ids.push(next++);
      }
    }
    copyBundles.run();
    for (const c of copies) c.run();
  })();
  return ids;
}
