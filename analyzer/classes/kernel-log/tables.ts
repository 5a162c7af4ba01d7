import type { ClassTables, TableWriting } from '../../db/class-tables.js';
import type { Db } from '../../db/database.js';
import { cachedStatement } from '../../db/statements.js';
import { convertKernelLog, setKernelLogAside } from './upgrade.js';

/** One line of the kernel log as kernel_log holds it. */
export interface KernelLogRow {
  seq: number | null;
  usec: number | null;
  /** null where the log was plain `dmesg` text, which prints no priority. */
  level: number | null;
  deviceKey: string | null;
  text: string;
  artifact?: string;
}

export const KERNEL_LOG_DDL = `
-- Each distinct message text once per database (id: analyzer/db/text-ids.ts): a repeated line costs a row of numbers.
CREATE TABLE IF NOT EXISTS kernel_log_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
-- Clustered by bundle: a kernel-log rule reads the batch's bundles, not every bundle's log.
CREATE TABLE IF NOT EXISTS kernel_log_rows (
  bundle_id INTEGER NOT NULL REFERENCES bundles(id) ON DELETE CASCADE,
  no INTEGER NOT NULL,
  seq INTEGER,
  usec INTEGER,
  level INTEGER,
  device_key TEXT,
  text_id INTEGER NOT NULL,
  artifact_no INTEGER,
  PRIMARY KEY (bundle_id, no)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS kernel_log AS
SELECT k.bundle_id, k.seq, k.usec, k.level, k.device_key, t.text, a.name AS artifact, k.no AS rowid
FROM kernel_log_rows k JOIN kernel_log_texts t ON t.id = k.text_id
LEFT JOIN artifact_rows x ON x.bundle_id = k.bundle_id AND x.no = k.artifact_no LEFT JOIN artifact_names a ON a.id = x.name_id;
`;

/** Writes a bundle's kernel log line by line: numbered in log order, each text once per database. */
export interface KernelLogWriter {
  line(l: KernelLogRow): void;
}

export function kernelLogWriter(w: TableWriting): KernelLogWriter {
  const insert = cachedStatement(w.db, `INSERT INTO kernel_log_rows (bundle_id, no, seq, usec, level, device_key, text_id, artifact_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const textId = w.sharedText('kernel_log_texts', 'text');
  let no = 0;
  return {
    line: (l) => void insert.run(w.bundleId, ++no, l.seq, l.usec, l.level, l.deviceKey, textId(l.text), w.artifactNo(w.artifact(l.artifact))),
  };
}

/**
 * The rule-run copy of kernel_log (ClassTables.ruleSnapshot): the view's columns and rows for the bundles being judged,
 * each line's text in the row. Rules scan it instead of looking every line's text up in kernel_log_texts again, which
 * cost a busy host's 140,000 distinct lines about 0.2 s a rule.
 */
const KERNEL_LOG_SNAPSHOT = {
  view: 'kernel_log',
  create: `CREATE TEMP TABLE kernel_log (bundle_id INTEGER NOT NULL, seq INTEGER, usec INTEGER, level INTEGER, device_key TEXT, text TEXT NOT NULL,
    artifact TEXT, rowid INTEGER NOT NULL, PRIMARY KEY (bundle_id, rowid)) WITHOUT ROWID`,
  fill: `INSERT INTO temp.kernel_log SELECT bundle_id, seq, usec, level, device_key, text, artifact, rowid FROM main.kernel_log
    WHERE bundle_id IN (SELECT bundle_id FROM temp.rule_bundles)`,
};

function upgrade(db: Db): void {
  convertKernelLog(db, KERNEL_LOG_DDL);
}

export const kernelLogTables: ClassTables = {
  ddl: KERNEL_LOG_DDL,
  rows: [{ table: 'kernel_log_rows', artifact: 'artifact_no' }],
  setAside: setKernelLogAside,
  upgrade,
  writer: kernelLogWriter,
  ruleSnapshot: KERNEL_LOG_SNAPSHOT,
  doc: {
    kernel_log_texts: 'each distinct kernel log message text once per database',
    kernel_log_rows: 'the kernel log of each bundle, line by line in log order, its text by text_id',
    kernel_log: 'view: kernel_log_rows with each line\'s text and artifact name',
  },
};
