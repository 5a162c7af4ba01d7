import type { Db } from './database.js';

/** A value a class table holds. */
export type SqlValue = string | number | bigint | Buffer | null;

/**
 * Tables, views and SQL functions a device class declares (analyzer/classes/<name>/tables.ts) for facts that do not
 * fit the shared tables. The shared database code creates them after its own schema and writes their rows through
 * the sink without knowing what they mean.
 */
export interface ClassTables {
  /** `CREATE TABLE/INDEX/VIEW/TRIGGER IF NOT EXISTS …` run after the shared schema, every time a database opens. */
  ddl: string;
  /**
   * Per-bundle tables (a `bundle_id` column referencing bundles) the class writes with `sink.row()`, and the column
   * that names each row's artifact: `artifact` (its name) or `artifact_no` (its number in the bundle, see
   * artifact_rows.no); rows of an artifact that does not verify are withdrawn by that column.
   */
  rows: readonly { table: string; artifact: 'artifact' | 'artifact_no' }[];
  /**
   * Tables of content kept once per database (`id INTEGER PRIMARY KEY` = 53 bits of `sha256 BLOB NOT NULL`, the
   * content's hash, then the content's columns), written with `sink.content()`. The class deletes content no row
   * names any more (a trigger in its ddl).
   */
  content?: readonly string[];
  /**
   * Deterministic SQL functions the class's views use, registered on every connection fwsnap opens (the stock
   * sqlite3 shell lacks them); `fwsnap query --help` and the man page list them with their call and what they give.
   */
  functions?: Readonly<Record<string, SqlFunction>>;
  /**
   * Brings the class's part of a database of an older schema version up to date, before `ddl` runs (the shared
   * schema is already current). Runs inside a transaction.
   */
  upgrade?: (db: Db, fromVersion: number) => void;
  /**
   * Before the shared schema is brought up to date from an older version: moves the class's tables of an older shape
   * aside (and drops its views), for `upgrade` to copy into the current shape. Runs inside a transaction.
   */
  setAside?: (db: Db, fromVersion: number) => void;
  /**
   * Writes the class's rows of one bundle its own way (numbered rows, texts shared by bundles) where `sink.row()` is
   * not enough: loaders get it from `sink.tables(writer)`, made once per bundle.
   */
  writer?: TableWriter<unknown>;
  /**
   * What `fwsnap diff` compares of one device from the class's tables: each value by a kind and an item that are
   * the same on both sides (e.g. kind `PCIe link`, item `current`). When several rows give the same kind and item,
   * the first one counts.
   */
  diff?: (db: Db, bundle: number, deviceKey: string) => Iterable<ComparedValue>;
  /**
   * A view of many rows that rules read with a text test on every row, copied once per rule run instead of joined again
   * by each rule (rules/rule-snapshots.ts): before the rules, `create` makes the temporary table `view` (unqualified
   * reads of that name then find it first) and `fill` copies main.`view`'s rows of the bundles in temp.rule_bundles
   * into it, in the view's order; the table is dropped after the rules.
   */
  ruleSnapshot?: { view: string; create: string; fill: string };
  /** Every table and view the class declares, with one line saying what it holds (checked against docs/schema.md). */
  doc: Readonly<Record<string, string>>;
}

/** What a class's table writer (ClassTables.writer) gets of the bundle being loaded. */
export interface TableWriting {
  readonly db: Db;
  readonly bundleId: number;
  /** The number of artifact `name` in this bundle (artifact_nos), given on first use; null for none. */
  artifactNo(name: string | null): number | null;
  /** The artifact named, else the one being loaded, else null. */
  artifact(name?: string): string | null;
  /** Ids of texts in a table of (id, `column`) that bundles share (text-ids.ts): written on first use, a collision refused. */
  sharedText(table: string, column: string): (text: string) => number;
}

/** Makes a class's writer for one bundle. */
export type TableWriter<W> = (w: TableWriting) => W;

/** One value `fwsnap diff` compares (docs/report-format.md): a kind such as `PCIe link`, an item such as `current`. */
export interface ComparedValue {
  kind: string;
  item: string;
  value: string;
}

/** A deterministic SQL function a class registers. */
export interface SqlFunction {
  /** How it is called, e.g. `pci_cap_fields(data, size, offset)`. */
  call: string;
  /** What it returns, in one line. */
  gives: string;
  fn: (...args: unknown[]) => SqlValue;
}

/** A class's tables with its name, as the registry hands them to the database code. */
export interface NamedClassTables extends ClassTables {
  className: string;
}

/** The id of content in a content table: 53 bits of its sha256, as text ids are (text-ids.ts). */
export function contentId(sha256: Buffer): number {
  return Number(sha256.readBigInt64BE(0) >> 11n);
}
