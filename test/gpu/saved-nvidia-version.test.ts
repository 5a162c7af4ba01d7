import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Db } from '../../analyzer/db/database.js';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { parseNvidiaVersionFile } from '../../analyzer/classes/gpu/nvidia-proc.js';
import { collect } from '../../collector/collect.js';
import { writeTree } from '../faults/fault-helpers.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));
const SAVED = 'cmd/cat/%2fproc%2fdriver%2fnvidia%2fversion.out';
/** A GPU for the driver's settings to land on: a real table of the corpus, saved beside the version file. */
const TABLE = readFileSync(join(REAL, 'nvidia-smi-table-l4-550-gls-simulator.txt'), 'utf8');

interface VersionProvenance { saved_as: string; truth: { version: string; open: boolean } }
const samples = readdirSync(REAL).filter((f) => /^nvidia-proc-version-.*\.txt$/.test(f)).sort()
  .map((f) => ({ name: f, text: readFileSync(join(REAL, f), 'utf8'), p: parse(readFileSync(join(REAL, f.replace(/\.txt$/, '.provenance.yaml')), 'utf8')) as VersionProvenance }));
const rows = (db: Db, sql: string, ...a: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...a) as Record<string, unknown>[];

async function load(files: Record<string, string>): Promise<Db> {
  const root = mkdtempSync(join(tempDir(), 'nv-version-'));
  writeTree(root, files);
  const out = `${root}.tar.gz`;
  await collect({ output: out, root, only: ['gpu', 'platform'], isolation: 'inline' });
  const db = openDatabase(':memory:');
  await loadBundle(db, out);
  return db;
}

describe('a pasted cat /proc/driver/nvidia/version, on real pastes', () => {
  it('has real samples, proprietary and open modules', () => {
    expect(samples.length).toBeGreaterThanOrEqual(4);
    expect(samples.some((s) => s.p.truth.open) && samples.some((s) => !s.p.truth.open)).toBe(true);
  });

  for (const s of samples) {
    it(`${s.name}: saved as ${s.p.saved_as}, reaches the bundle as cat /proc/driver/nvidia/version and gives the GPUs the module version`, async () => {
      expect(parseNvidiaVersionFile(s.text)).toMatchObject({ version: s.p.truth.version, open: s.p.truth.open });
      const db = await load({ [s.p.saved_as]: s.text, 'cmd/nvidia-smi/nvidia-smi.txt': TABLE });
      expect(rows(db, `SELECT name FROM artifacts WHERE name = ?`, SAVED)).toHaveLength(1);
      expect(rows(db, `SELECT DISTINCT key, value, artifact FROM settings WHERE namespace = 'gpu' AND key IN ('module_version', 'open_kernel_module') ORDER BY key`)).toEqual([
        { key: 'module_version', value: s.p.truth.version, artifact: SAVED },
        { key: 'open_kernel_module', value: s.p.truth.open ? '1' : '0', artifact: SAVED },
      ]);
      expect(rows(db, `SELECT target, message FROM collection_issues WHERE code IN ('UNKNOWN_NAME', 'NOT_READ')`)).toEqual([]);
    });
  }

  it('a cat of another file under cat/ is still no NVIDIA version; a loose file whose text is not the version file is not read as one', async () => {
    const db = await load({ 'nvidia-version.txt': 'driver 550.54.15 from the runfile\n', 'cmd/nvidia-smi/nvidia-smi.txt': TABLE });
    expect(rows(db, `SELECT name FROM artifacts WHERE name = ?`, SAVED)).toEqual([]);
  });
});
