import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openDatabase } from '../../analyzer/db/database.js';
import { loadBundle } from '../../analyzer/load/load-bundle.js';
import { collect } from '../../collector/collect.js';
import { importReport } from '../../collector/import/import-report.js';
import { tempDir } from '../helpers/tmp.js';
import { sosFileName, sosMarkers, writeReport } from './report-builder.js';
import { SOS_CORPUS_PARTS } from './sos-corpus-parts.js';

/**
 * Every real public output of the project's corpora that a sosreport would hold (lspci, ethtool -i, devlink dev info
 * text, mstflint/flint and mstconfig queries of a PCI address, nvme id-ctrl and fw-log, smartctl without -d) is
 * put into a sosreport under the file name sos gives that command, in the plugin directory sos writes it to,
 * then imported and analysed. The rows must equal those of the same output replayed from a captured tree under
 * the name its provenance gives (what the corpora's own tests check against each sample's stated truth).
 */

/** Each class's corpus and the tools it places, registered in sos-corpus-parts.ts. */
const CORPORA = SOS_CORPUS_PARTS.flatMap((p) => p.corpora.map((u) => u.pathname));

interface Sample {
  file: string;
  savedAs: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.provenance.yaml')) {
        const stem = join(d, e.name.replace(/\.provenance\.yaml$/, ''));
        const file = ['.txt', '.json'].map((x) => stem + x).find((p) => existsSync(p));
        const p = parseYaml(readFileSync(join(d, e.name), 'utf8')) as { saved_as?: string };
        if (file && p.saved_as) out.push({ file, savedAs: p.saved_as });
      }
    }
  };
  for (const c of CORPORA) walk(c);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

/** The command sos runs for the same thing, and its plugin; undefined when sos would never produce this output. */
function sosCommand(s: Sample, text: string): { plugin: string; argv: string[] } | undefined {
  const tool = s.savedAs.split('/')[1]!;
  return SOS_CORPUS_PARTS.find((p) => p.tools.includes(tool))?.sosCommand(tool, s.savedAs, text);
}

interface Rows {
  devices: string[];
  firmware: string[];
  settings: number;
  /** The rows of each class's own compared queries. */
  classRows: string[][];
  /** What analysis said of this output (a query that only failed gives its error, no device row). */
  ownIssues: number;
}

async function rows(bundle: string, artifact: string): Promise<Rows> {
  const db = openDatabase(':memory:');
  try {
    await loadBundle(db, bundle);
    return {
      devices: (db.prepare('SELECT device_key, class, driver FROM devices ORDER BY device_key').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)),
      firmware: (db.prepare('SELECT device_key, component, state, version FROM firmware ORDER BY 1, 2, 3, 4').all() as Record<string, unknown>[]).map((r) => JSON.stringify(r)),
      settings: (db.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n,
      classRows: SOS_CORPUS_PARTS.flatMap((p) => p.compared ?? []).map((q) => (db.prepare(q).all() as Record<string, unknown>[]).map((r) => JSON.stringify(r))),
      ownIssues: (db.prepare("SELECT count(*) AS n FROM collection_issues WHERE stage = 'analyze' AND target = ?").get(artifact) as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const ALL = samples().flatMap((s) => {
  const cmd = sosCommand(s, readFileSync(s.file, 'latin1'));
  return cmd ? [{ ...s, ...cmd }] : [];
});

describe('real corpus outputs inside sosreports', () => {
  it('covers every tool a sosreport holds that the classes read', () => {
    const tools = new Set(ALL.map((s) => s.argv[0]));
    const required = SOS_CORPUS_PARTS.flatMap((p) => p.required);
    expect(required.length).toBeGreaterThanOrEqual(SOS_CORPUS_PARTS.length);
    for (const t of required) expect(tools, t).toContain(t);
    expect(ALL.length).toBeGreaterThanOrEqual(80);
  });

  for (const [i, s] of ALL.entries()) {
    const layout = i % 2 === 0 ? '4.0' : '4.12';
    it(`${basename(dirname(s.file))}/${basename(s.file)} as sos_commands/${s.plugin}/${sosFileName(s.argv)} (sos ${layout})`, async () => {
      const dir = tempDir();
      const data = readFileSync(s.file);
      const reportPath = `sos_commands/${s.plugin}/${sosFileName(s.argv)}`;
      const report = writeReport(dir, 'sosreport-host-2026-12-01-abcdefg', { ...sosMarkers(layout), [reportPath]: data });
      const imported = await importReport({ input: report, output: join(dir, 'imported.tar.gz'), isolation: 'inline' });
      const stored = imported.manifest.artifacts.find((a) => a.imported?.path === reportPath);
      expect(stored, `${reportPath} reached the bundle`).toBeDefined();
      expect(stored!.source, 'a class read it, not only the import').not.toBe('import');
      expect(imported.manifest.host.collectedFrom).toBe('import');
      expect(imported.manifest.options.imported).toEqual({ report: 'sosreport', version: layout === '4.0' ? '4.0' : '4.12.0' });

      const tree = join(dir, 'tree');
      mkdirSync(dirname(join(tree, s.savedAs)), { recursive: true });
      writeFileSync(join(tree, s.savedAs), data);
      await collect({ output: join(dir, 'replayed.tar.gz'), root: tree, isolation: 'inline' });

      const a = await rows(join(dir, 'imported.tar.gz'), stored!.name);
      const b = await rows(join(dir, 'replayed.tar.gz'), stored!.name);
      expect(a.firmware.length + a.devices.length + a.ownIssues, 'the output gave rows, or its own error').toBeGreaterThan(0);
      expect(a.devices).toEqual(b.devices);
      expect(a.firmware).toEqual(b.firmware);
      expect(a.settings).toBe(b.settings);
      expect(a.classRows).toEqual(b.classRows);
    });
  }
});
