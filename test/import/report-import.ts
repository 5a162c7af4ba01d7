import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';
import { writeReport } from './report-builder.js';

/**
 * Helpers of the tests that import device listings from a report where a bundle would have sysfs or ioctl answers
 * (dmidecode, lsscsi, nvme list, hdparm -I, the journal), from real public outputs (provenance next to each fixture)
 * under the names sos and supportconfig give them, read by the owning class's parser into the same kind of rows.
 * Each class's cases are in test/<class>/report-tools.test.ts.
 */

/** A fixture by its path under test/. */
export const real = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const CMD = '#==[ Command ]======================================#';
/** One command's section of a supportconfig file. */
export const logCmd = (cmdline: string, output: string): string => `${CMD}\n# ${cmdline}\n${output.replace(/\n?$/, '\n')}\n`;
const TOP = 'sosreport-host-2026-12-01-abcdefg';
/** The first files of a supportconfig, and its directory name. */
export const SUPPORTCONFIG = {
  'supportconfig.txt': 'Script Version:      3.2.10\n',
  'basic-environment.txt': logCmd('/bin/date', 'Tue Dec  1 11:30:00 UTC 2026'),
};
export const SUPPORTCONFIG_TOP = 'scc_host_261201_1130';

/** A report of these files imported and loaded; `artifacts` tells where each artifact came from in the report. */
export async function imported(files: Record<string, string>, top = TOP): Promise<{ db: Db; artifacts: Map<string, { path: string; derived?: boolean } | undefined> }> {
  const dir = tempDir();
  const report = writeReport(dir, top, files);
  const bundle = join(dir, 'imported.tar.gz');
  const r = await importReport({ input: report, output: bundle, isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, bundle);
  return { db, artifacts: new Map(r.manifest.artifacts.map((a) => [a.name, a.imported])) };
}

export const all = (db: Db, sql: string, ...p: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...p) as Record<string, unknown>[];
export const settings = (db: Db, device: string, namespace: string): Record<string, unknown> =>
  Object.fromEntries(all(db, 'SELECT key, value FROM settings WHERE device_key = ? AND namespace = ?', device, namespace).map((r) => [r.key, r.value]));
