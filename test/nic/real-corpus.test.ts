import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { SEVERITIES, type Severity } from '../../analyzer/rules/types.js';
import { collect } from '../../collector/collect.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Every public output under fixtures/real/ is replayed as a user would: saved into a captured tree under the
 * name in its provenance file, collected with `collect --root`, analysed, and the truth its provenance file
 * states is looked up in the database. No sample has code of its own.
 */

const ROOT = new URL('./fixtures/real/', import.meta.url).pathname;

/** [state, component, version] */
type FirmwareTruth = [string, string, string];
/** [namespace, key, value, mode] */
type SettingTruth = [string, string, string, string];

interface DeviceTruth {
  key: string;
  driver?: string;
  serial?: string;
  pci?: string | null;
  firmware?: FirmwareTruth[];
  settings?: SettingTruth[];
}

interface FindingTruth {
  rule: string;
  device: string;
  count?: number;
  min_count?: number;
  max_severity?: Severity;
}

interface Provenance {
  saved_as: string;
  form: 'text' | 'json';
  truth: {
    devices: DeviceTruth[];
    device_count?: number;
    no_firmware?: [string, string][];
    issues?: number;
    issues_min?: number;
    findings?: FindingTruth[];
  };
}

interface Sample {
  tool: string;
  name: string;
  file: string;
  provenance: Provenance;
}

function samples(): Sample[] {
  return readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().flatMap((tool) =>
    readdirSync(join(ROOT, tool)).filter((f) => f.endsWith('.provenance.yaml')).sort().map((f) => {
      const name = f.replace(/\.provenance\.yaml$/, '');
      const file = ['.txt', '.json'].map((ext) => join(ROOT, tool, name + ext)).find((p) => existsSync(p));
      if (!file) throw new Error(`${tool}/${f} has no sample next to it`);
      return { tool, name, file, provenance: parseYaml(readFileSync(join(ROOT, tool, f), 'utf8')) as Provenance };
    }),
  );
}

/** The database stores booleans as 1/0; a person reads true/false. */
const sameValue = (truth: string, stored: string | null): boolean =>
  stored === truth || (truth === 'true' && stored === '1') || (truth === 'false' && stored === '0');

const ALL = samples();

describe('real NIC tool outputs, replayed through collect --root and analyze', () => {
  it('has at least 45 samples, each of the five tools and both forms covered', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(45);
    expect(new Set(ALL.map((s) => s.tool))).toEqual(new Set(['devlink-dev-info', 'devlink-param', 'devlink-health', 'devlink-port', 'ethtool-i']));
    expect(new Set(ALL.map((s) => s.provenance.form))).toEqual(new Set(['text', 'json']));
  });

  for (const sample of ALL) {
    it(`${sample.tool}/${sample.name}`, async () => {
      const { provenance: p } = sample;
      const dir = tempDir();
      const tree = join(dir, 'tree');
      const saved = join(tree, p.saved_as);
      mkdirSync(dirname(saved), { recursive: true });
      writeFileSync(saved, readFileSync(sample.file));
      const bundle = join(dir, 'bundle.tar.gz');
      const { manifest } = await collect({ output: bundle, root: tree, isolation: 'inline' });
      // A saved output is stored under the name of the command it stands for, naming the file it was read from.
      const stored = manifest.artifacts.find((a) => a.name === p.saved_as || replayedFromSaved(a, p.saved_as));
      expect(stored, `${p.saved_as} reached the bundle`).toBeDefined();
      const { db, report } = await analyze({ bundles: [bundle], minSeverity: 'info' });
      try {
        const artifact = db.prepare('SELECT parser, parse_error FROM artifacts WHERE name = ?').get(stored!.name) as { parser: string | null; parse_error: string | null } | undefined;
        expect(artifact, `${stored!.name} was loaded`).toBeDefined();
        expect(artifact!.parse_error).toBeNull();
        expect(artifact!.parser, 'a parser read it').not.toBeNull();

        for (const d of p.truth.devices) {
          const row = db.prepare('SELECT driver, serial, pci_address FROM devices WHERE device_key = ?').get(d.key) as { driver: string | null; serial: string | null; pci_address: string | null } | undefined;
          expect(row, `device ${d.key}`).toBeDefined();
          if (d.driver !== undefined) expect(row!.driver, `driver of ${d.key}`).toBe(d.driver);
          if (d.serial !== undefined) expect(row!.serial, `serial of ${d.key}`).toBe(d.serial);
          if (d.pci !== undefined) expect(row!.pci_address, `PCI address of ${d.key}`).toBe(d.pci);
          const firmware = db.prepare('SELECT state, component, version FROM firmware WHERE device_key = ?').all(d.key) as { state: string; component: string; version: string }[];
          // The truth names the stored value: one row, not one among others (a quoted earlier output's 250 beside the 33).
          for (const [state, component, version] of d.firmware ?? []) {
            const stored = firmware.filter((f) => f.state === state && f.component === component).map((f) => f.version);
            expect(stored, `${d.key} ${state} ${component}`).toEqual([String(version)]);
          }
          const settings = db.prepare('SELECT namespace, key, value, mode FROM settings WHERE device_key = ?').all(d.key) as { namespace: string; key: string; value: string | null; mode: string }[];
          for (const [namespace, key, value, mode] of d.settings ?? []) {
            const found = settings.filter((s) => s.namespace === namespace && s.key === key && s.mode === mode);
            expect(found.map((s) => s.value), `${d.key} ${namespace} ${key} (${mode})`).toHaveLength(1);
            expect(sameValue(String(value), found[0]!.value), `${d.key} ${namespace} ${key} (${mode}) is ${String(value)}, stored ${found[0]!.value}`).toBe(true);
          }
        }

        if (p.truth.device_count !== undefined) {
          const n = (db.prepare(`SELECT count(*) AS n FROM devices WHERE class IN ('devlink', 'net')`).get() as { n: number }).n;
          expect(n, 'devices read from the sample').toBe(p.truth.device_count);
        }
        for (const [state, component] of p.truth.no_firmware ?? []) {
          expect(db.prepare('SELECT version FROM firmware WHERE state = ? AND component = ?').all(state, component), `no ${state} ${component}`).toEqual([]);
        }

        const lineIssues = db.prepare(`SELECT message FROM collection_issues WHERE code = 'PARSE-LINE'`).all() as { message: string }[];
        if (p.truth.issues_min !== undefined) expect(lineIssues.length, 'unread lines recorded').toBeGreaterThanOrEqual(p.truth.issues_min);
        else expect(lineIssues.map((i) => i.message), 'unread lines').toHaveLength(p.truth.issues ?? 0);

        // No high or critical alarm that the truth does not name (issue 11: no false alarm on real input).
        const named = new Set((p.truth.findings ?? []).map((f) => `${f.rule} ${f.device}`));
        const alarms = report.findings.filter((x) => (x.severity === 'high' || x.severity === 'critical') && !named.has(`${x.rule} ${x.device}`));
        expect(alarms.map((x) => `${x.severity} ${x.rule} ${x.device}`), 'high or critical findings').toEqual([]);

        for (const f of p.truth.findings ?? []) {
          const found = report.findings.filter((x) => x.rule === f.rule && x.device === f.device);
          if (f.count !== undefined) expect(found.map((x) => x.message), `${f.rule} on ${f.device}`).toHaveLength(f.count);
          if (f.min_count !== undefined) expect(found.length, `${f.rule} on ${f.device}`).toBeGreaterThanOrEqual(f.min_count);
          if (f.max_severity !== undefined) {
            for (const x of found) expect(SEVERITIES.indexOf(x.severity), `${f.rule} severity ${x.severity}`).toBeGreaterThanOrEqual(SEVERITIES.indexOf(f.max_severity));
          }
        }
      } finally {
        db.close();
      }
    });
  }
});
