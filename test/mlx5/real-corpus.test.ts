/**
 * Replays every public mstflint/flint, mstconfig/mlxconfig and mlxlink/mstlink output under test/mlx5/fixtures/real as a user
 * would: saved into an otherwise empty captured tree under the name its provenance gives, collected with
 * `collect --root`, analysed, and compared with the truth its provenance file states.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { parseMlxlink } from '../../analyzer/classes/mlx5/mlxlink.js';
import { parseMstconfigQuery } from '../../analyzer/classes/mlx5/mstconfig.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';
import { isShowConfs, parseShowConfs } from '../../analyzer/classes/mlx5/show-confs.js';
import { collect } from '../../collector/collect.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';
import { tempDir } from '../helpers/tmp.js';

const REAL = new URL('./fixtures/real/', import.meta.url).pathname;

type Column = 'default' | 'current' | 'next_boot' | 'new';
interface FlintTruth {
  /** null when nothing names the device: the parser reads it, nothing is stored, and NO-DEVICE says why. */
  device: string | null;
  /** The tool's `-E-` messages of a query that failed, stored as MSTFLINT issues of the device. */
  errors?: string[];
  image_type?: string;
  fw_version?: string;
  fw_running?: string;
  fw_release_date?: string;
  product_version?: string;
  psid?: string;
  orig_psid?: string;
  part_number?: string;
  description?: string;
  roms?: Record<string, string>;
  base_guid?: { value: string; count: number };
  base_mac?: { value: string; count: number };
  security_attributes?: string;
  /** Components other than the firmware image a burn wrote (`component.<id>` rows, stored), by id. */
  components?: Record<string, string>;
}
interface ConfigDeviceTruth {
  device?: string;
  device_type?: string;
  /** The part number a person reads off `Name:`; null when the tool printed `N/A` (none is stored). */
  name?: string | null;
  /** The product description a person reads off `Description:`; null when the tool printed `N/A`. */
  description?: string | null;
  errors?: string[];
  params: Record<string, Partial<Record<Column, string>>>;
}
/** One port report (or one per device of a loop): every field a person reads off it, named as stored (`port<N>.<field>`). */
interface LinkTruth {
  devices: string[];
  port: number;
  fields: Record<string, string>;
  /** The tool's `-E-` lines after the report, stored as MLXLINK issues of each device. */
  errors?: string[];
  /** The module's firmware (-m, Module Info FW Version), a firmware row `module.port<N>`; absent when it printed N/A or no module. */
  module_firmware?: string;
}
interface Provenance {
  tool: 'mstflint' | 'mstconfig' | 'mlxlink';
  saved_as: string;
  source: Record<string, string>;
  /** `listing`: an mlxconfig `i` (show_confs) parameter listing of `listed_params` parameters, which holds no value. */
  /** mlxlink: the line numbers of lines that are no line of the report (a script's own heading above it), read as unread lines. */
  truth: FlintTruth & { device?: string | null; devices?: ConfigDeviceTruth[]; listing?: boolean; listed_params?: number; links?: LinkTruth[]; unknown_lines?: number[] };
  expected_findings: string[];
}

const samples = ['mstflint', 'mstconfig', 'mlxlink'].flatMap((tool) =>
  readdirSync(join(REAL, tool))
    .filter((f) => /\.(?:txt|json)$/.test(f))
    .map((f) => ({ id: `${tool}/${f}`, text: readFileSync(join(REAL, tool, f)), prov: parseYaml(readFileSync(join(REAL, tool, f.replace(/\.(?:txt|json)$/, '.provenance.yaml')), 'utf8')) as Provenance })),
);

/** What the settings table holds for a printed value: the number of NAME(n) or of an integer, else the text; arrays give no row. */
function stored(printed: string): string | undefined {
  if (/^Array\[/.test(printed)) return undefined;
  const named = /\((-?\d+)\)$/.exec(printed);
  if (named) return named[1];
  if (/^0x[0-9a-f]+$/i.test(printed)) return String(Number.parseInt(printed, 16));
  return printed;
}

async function replay(saveAs: string, data: Buffer) {
  const dir = tempDir();
  const file = join(dir, 'tree', saveAs);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  const bundle = join(dir, 'pasted.tar.gz');
  const { manifest } = await collect({ output: bundle, root: join(dir, 'tree'), isolation: 'inline' });
  const result = await analyze({ bundles: [bundle], minSeverity: 'info' });
  return { manifest, ...result };
}

describe('public mstflint/mstconfig/mlxlink outputs, replayed with collect --root', () => {
  it('the corpus holds at least 40 samples, each with where it was published', () => {
    expect(samples.length).toBeGreaterThanOrEqual(40);
    for (const s of samples) expect(s.prov.source.kind, s.id).toMatch(/^(repository|issue|pull-request|mailing-list|indexed-file|web-page)$/);
  });

  it.each(samples)('$id', async ({ id, text, prov }) => {
    const { manifest, db, report } = await replay(prov.saved_as, text);
    const artifact = manifest.artifacts.find((a) => replayedFromSaved(a, prov.saved_as) && a.name.endsWith('.out'));
    expect(artifact, `${id}: ${prov.saved_as} reached the bundle`).toBeDefined();
    const parseErrors = db.prepare(`SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL`).all();
    expect(parseErrors).toEqual([]);
    const rows = (sql: string, ...args: unknown[]): Record<string, unknown>[] => db.prepare(sql).all(...args) as Record<string, unknown>[];

    if (prov.tool === 'mlxlink') {
      const links = prov.truth.links ?? [];
      const got = rows(`SELECT device_key, key, value FROM settings WHERE namespace = 'mlx.link' ORDER BY device_key, key`).map((r) => `${r.device_key} ${r.key}=${r.value}`);
      const want = links.flatMap((l) => l.devices.flatMap((d) => Object.entries(l.fields).map(([k, v]) => `${d} port${l.port}.${k}=${v}`)));
      expect(got).toEqual([...want].sort());
      expect(rows(`SELECT device_key, component, version FROM firmware WHERE component LIKE 'module.%' ORDER BY device_key`).map((r) => `${r.device_key} ${r.component} ${r.version}`)).toEqual(
        links.flatMap((l) => (l.module_firmware ? l.devices.map((d) => `${d} module.port${l.port} ${l.module_firmware}`) : [])).sort(),
      );
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'MLXLINK' ORDER BY message`).map((r) => r.message)).toEqual(links.flatMap((l) => l.devices.flatMap((d) => (l.errors ?? []).map((e) => `${d}: ${e}`))).sort());
      expect(rows(`SELECT code FROM collection_issues WHERE code IN ('NO-DEVICE', 'UNKNOWN_NAME')`)).toEqual([]);
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`).map((r) => Number(/:(\d+): /.exec(String(r.message))?.[1]))).toEqual(prov.truth.unknown_lines ?? []);
    } else if (prov.tool === 'mstflint' && prov.truth.device === null) {
      const t = prov.truth;
      const q = parseMstflintQuery(text.toString('utf8'));
      expect([q.fwVersion, q.fwVersionRunning ?? q.fwVersion, q.psid, q.imageType, q.baseGuid]).toEqual([t.fw_version, t.fw_running, t.psid, t.image_type, t.base_guid]);
      expect(rows(`SELECT count(*) AS n FROM firmware`)).toEqual([{ n: 0 }]);
      expect(rows(`SELECT code FROM collection_issues WHERE code = 'NO-DEVICE'`).length).toBeGreaterThan(0);
    } else if (prov.tool === 'mstflint') {
      const t = prov.truth;
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'MSTFLINT'`).map((r) => r.message)).toEqual((t.errors ?? []).map((e) => `${t.device}: ${e}`));
      const fw = (component: string, state: string): unknown =>
        rows(`SELECT version FROM firmware WHERE device_key = ? AND component = ? AND state = ?`, t.device, component, state).map((r) => r.version);
      expect(fw('firmware', 'stored')).toEqual(t.fw_version ? [t.fw_version] : []);
      expect(fw('firmware', 'running')).toEqual(t.fw_running ? [t.fw_running] : []);
      expect(fw('psid', 'fixed')).toEqual(t.psid ? [t.psid] : []);
      const roms = Object.fromEntries(rows(`SELECT component, version FROM firmware WHERE device_key = ? AND component LIKE 'rom.%'`, t.device).map((r) => [String(r.component).slice(4), r.version]));
      expect(roms).toEqual(t.roms ?? {});
      const components = Object.fromEntries(rows(`SELECT component, version FROM firmware WHERE device_key = ? AND component LIKE 'component.%'`, t.device).map((r) => [String(r.component).slice(10), r.version]));
      expect(components).toEqual(t.components ?? {});
      const facts = Object.fromEntries(rows(`SELECT key, value FROM settings WHERE device_key = ? AND namespace = 'mlx.device'`, t.device).map((r) => [r.key, String(r.value)]));
      const want: Record<string, string> = {};
      const put = (k: string, v: string | number | undefined): void => void (v !== undefined && (want[k] = String(v)));
      put('image_type', t.image_type);
      put('fw_release_date', t.fw_release_date);
      put('product_version', t.product_version);
      put('part_number', t.part_number);
      put('description', t.description);
      put('security_attributes', t.security_attributes);
      put('orig_psid', t.orig_psid);
      put('base_guid', t.base_guid?.value);
      put('base_guid_count', t.base_guid?.count);
      put('base_mac', t.base_mac?.value);
      put('base_mac_count', t.base_mac?.count);
      expect(facts).toEqual(want);
    } else if (prov.truth.listing) {
      // A parameter listing names what the device may support: no value is stored, one LISTING issue says what it is.
      expect(parseShowConfs(text.toString('utf8')).params).toHaveLength(prov.truth.listed_params!);
      expect(rows(`SELECT count(*) AS n FROM settings WHERE namespace LIKE 'mlxconfig%'`)).toEqual([{ n: 0 }]);
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'LISTING'`).map((r) => r.message)).toEqual([
        `${artifact!.name}: a parameter listing (mlxconfig i) of ${prov.truth.listed_params} parameters ${prov.truth.devices![0]!.device} may support, with no value of the device's: not its configuration`,
      ]);
      expect(rows(`SELECT message FROM collection_issues WHERE code = 'UNKNOWN-LINE'`)).toEqual([]);
    } else {
      const devices = prov.truth.devices ?? [];
      // The parser reads what a person reads, device by device (also where no device can be keyed).
      const parsed = parseMstconfigQuery(text.toString('utf8'));
      expect(parsed.devices.map((d) => Object.fromEntries(d.params.map((p) => [p.name, Object.fromEntries(Object.entries(p.values).map(([c, v]) => [c, v.raw]))]))))
        .toEqual(devices.map((d) => d.params));
      if (prov.truth.device === null) {
        expect(rows(`SELECT count(*) AS n FROM settings WHERE namespace LIKE 'mlxconfig%'`)).toEqual([{ n: 0 }]);
        expect(rows(`SELECT code FROM collection_issues WHERE code = 'NO-DEVICE'`).length).toBeGreaterThan(0);
        // What the tool said of a device nothing names is kept with the device's place in the output.
        const said = rows(`SELECT message FROM collection_issues WHERE code = 'MSTCONFIG'`).map((r) => r.message);
        expect(said).toEqual(devices.flatMap((d, i) => (d.errors ?? []).map((e) => `${artifact!.name}: device #${i + 1}: ${e}`)));
      } else {
        const want = new Map<string, Set<string>>();
        for (const d of devices) {
          const key = d.device!;
          const set = want.get(key) ?? new Set<string>();
          want.set(key, set);
          for (const [name, cols] of Object.entries(d.params)) {
            for (const [col, printed] of Object.entries(cols) as [Column, string][]) {
              const value = stored(printed);
              if (value === undefined) continue;
              set.add(`${col === 'new' ? 'mlxconfig.new' : 'mlxconfig'}|${name}|${col === 'new' ? 'next_boot' : col}|${value}`);
            }
          }
          if (d.device_type) expect(rows(`SELECT value FROM settings WHERE device_key = ? AND namespace = 'mlx.device' AND key = 'device_type'`, key)).toContainEqual({ value: d.device_type });
          const partNumbers = rows(`SELECT value FROM settings WHERE device_key = ? AND namespace = 'mlx.device' AND key = 'part_number'`, key);
          if (d.name) expect(partNumbers).toContainEqual({ value: d.name });
          if (d.name === null) expect(partNumbers).toEqual([]);
          const descriptions = rows(`SELECT value FROM settings WHERE device_key = ? AND namespace = 'mlx.device' AND key = 'description'`, key);
          if (d.description) expect(descriptions).toContainEqual({ value: d.description });
          if (d.description === null) expect(descriptions).toEqual([]);
          for (const e of d.errors ?? []) expect(rows(`SELECT message FROM collection_issues WHERE code = 'MSTCONFIG'`).map((r) => r.message)).toContainEqual(`${key}: ${e}`);
        }
        for (const [key, set] of want) {
          const got = rows(`SELECT namespace, key, mode, value FROM settings WHERE device_key = ? AND namespace IN ('mlxconfig', 'mlxconfig.new')`, key).map((r) => `${r.namespace}|${r.key}|${r.mode}|${r.value}`);
          expect(new Set(got)).toEqual(set);
        }
      }
    }

    const alarms = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => f.rule);
    expect(alarms.filter((r) => !prov.expected_findings.includes(r))).toEqual([]);
  });
});

describe('the same public outputs as they also reach people: CRLF line ends, colour codes, escaped in a JSON log line', () => {
  const ansi = (t: string): string => t.replace(/^(\s*)([A-Z][A-Za-z ()]*:)/gm, '$1\x1b[1;32m$2\x1b[0m');
  const forms: [string, (t: string) => string][] = [
    ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
    ['ANSI colours', ansi],
    ['JSON log line', (t) => `2026-01-01T00:00:00Z\tINFO\tRunCommand()\t${JSON.stringify({ output: t })}\n`],
  ];
  const read = (tool: string, t: string): unknown => {
    if (tool === 'mstflint') {
      const { issues: _issues, ...q } = parseMstflintQuery(t);
      return q;
    }
    if (tool === 'mlxlink') return parseMlxlink(t).runs;
    return isShowConfs(t) ? parseShowConfs(t).params : parseMstconfigQuery(t).devices;
  };
  // A one-line output (`-E- Unsupported device`) inside a log line is that log line's message, not an output of its own.
  const lines = (s: { text: Buffer }): number => s.text.toString('utf8').trim().split('\n').length;
  it.each(samples.filter((s) => !s.text.includes('\\n')).flatMap((s) => forms.filter(([form]) => form !== 'JSON log line' || lines(s) > 1).map(([form, f]) => ({ id: `${s.id} (${form})`, s, f }))))('$id', ({ s, f }) => {
    const text = s.text.toString('utf8');
    expect(read(s.prov.tool, f(text))).toEqual(read(s.prov.tool, text));
  });
});

describe('saved names that leave something out', () => {
  it('a flint output saved without its device takes the device from the command line pasted above it', async () => {
    const s = samples.find((x) => x.id === 'mstflint/bf3-nic-config-operator-pr97.txt')!;
    const { db } = await replay('cmd/flint/q.out', s.text);
    expect(db.prepare(`SELECT device_key, version FROM firmware WHERE component = 'firmware' AND state = 'running'`).all()).toEqual([{ device_key: '0000:b1:00.0', version: '32.41.1000' }]);
  });
  it('a file whose name is no query is reported by name and left out', async () => {
    const s = samples.find((x) => x.id === 'mstflint/cx7-fs4-secure-fw-openshift.txt')!;
    const { manifest } = await replay('cmd/flint/verify-log.out', s.text);
    expect(manifest.issues).toContainEqual(expect.objectContaining({ target: 'cmd/flint/verify-log.out', code: 'UNKNOWN_NAME' }));
    expect(manifest.artifacts.filter((a) => a.name.startsWith('cmd/'))).toEqual([]);
  });
});
