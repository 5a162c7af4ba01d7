import { CLASSES } from '../classes/index.js';
import type { NamedClassTables } from './class-tables.js';
import type { Db } from './database.js';

/** The tables every registered class declares (analyzer/classes/<name>/tables.ts), in registration order. */
export function classTables(): NamedClassTables[] {
  return CLASSES.flatMap((c) => (c.tables ? [{ className: c.name, ...c.tables }] : []));
}

/** The DDL of every class's tables and views, run after the shared schema. */
export function classSchemaSql(): string {
  return classTables().map((t) => t.ddl).join('\n');
}

/** How a per-bundle class table names its artifact, or undefined for a table no class declares for rows. */
export function classRowTable(table: string): 'artifact' | 'artifact_no' | undefined {
  for (const t of classTables()) for (const r of t.rows) if (r.table === table) return r.artifact;
  return undefined;
}

export function isClassContentTable(table: string): boolean {
  return classTables().some((t) => t.content?.includes(table));
}

/** The classes' SQL functions, on a connection (their views call them). */
export function registerClassFunctions(db: Db): void {
  for (const t of classTables()) {
    for (const [name, f] of Object.entries(t.functions ?? {})) db.function(name, { deterministic: true }, f.fn);
  }
}

/** Every SQL function the classes register: its call, what it gives and the class that declares it. */
export function classSqlFunctions(): { name: string; call: string; gives: string; className: string }[] {
  return classTables().flatMap((t) => Object.entries(t.functions ?? {}).map(([name, f]) => ({ name, call: f.call, gives: f.gives, className: t.className })));
}
