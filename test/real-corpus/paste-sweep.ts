import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { analyze } from '../../analyzer/analyze.js';
import { endsWithJsonDocument } from '../../analyzer/parsers/text-input.js';
import { defaultRulesDir } from '../../analyzer/rules/load-rules.js';
import type { Db } from '../../analyzer/db/database.js';
import { collect } from '../../collector/collect.js';
import { CLASSES } from '../../collector/classes/index.js';
import { deviceInText, savedNameWords } from '../../collector/saved-output-name.js';
import { looseOutputName, looseOutputTool } from '../../collector/tree-loose-outputs.js';
import { ADDS_ROWS, COMPARED_WITH, FORMS, MIN_LINES, NAME_FORMS, NOT_FOR_CONTENT, NOT_FOR_FORMAT, ONLY_FOR, REFERENCE_FORMS, type Form, type Format } from './pasted-forms.js';
import { driveNode } from '../../analyzer/parsers/drive-node.js';
import { replayedFromSaved } from '../helpers/replayed-from.js';

/**
 * Every real output of every class's corpus (test/<class>/fixtures/real*), saved as a person would paste it in each
 * form of pasted-forms.ts, replayed through `collect --root` and analyze, and compared with the same output replayed
 * as published. Samples are batched: one captured tree per form holds every sample whose saved name no other sample
 * in it uses, so the sweep costs one collect per tree and one analyze per form, not one per sample.
 */

const TEST = new URL('..', import.meta.url).pathname;
const ROOT = new URL('../..', import.meta.url).pathname;
const SAMPLE_EXT = ['.txt', '.json', '.xml'];

export interface SweepSample {
  /** Path under test/ without extension. */
  id: string;
  klass: string;
  file: string;
  savedAs: string;
  format: Format;
  command: string;
}

/** A class's own exceptions: test/<class>/paste-sweep-exceptions.json, `{ "<form>": "<reason>" }`. */
function classExceptions(klass: string): Record<string, string> {
  const p = join(TEST, klass, 'paste-sweep-exceptions.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as Record<string, string>) : {};
}

/** The command line a saved name stands for (`cmd/ethtool/-i_eth0.out` → `ethtool -i eth0`), when the provenance gives none. */
const commandOf = (savedAs: string): string => savedAs.replace(/^cmd\//, '').replace(/\.out$/, '').replace(/\//, ' ').replace(/_/g, ' ');

/** FWSNAP_SWEEP_CLASSES=a,b limits a local run to some classes' samples; CI sweeps them all. */
export function sweptClass(klass: string): boolean {
  const only = process.env.FWSNAP_SWEEP_CLASSES?.split(',').map((x) => x.trim()).filter(Boolean) ?? [];
  return !only.length || only.includes(klass);
}

/** FWSNAP_SWEEP_SAMPLES=a,b limits a local run to the samples whose path holds one of them (new samples); CI sweeps them all. */
function sweptSample(id: string): boolean {
  const only = process.env.FWSNAP_SWEEP_SAMPLES?.split(',').map((x) => x.trim()).filter(Boolean) ?? [];
  return !only.length || only.some((x) => id.toLowerCase().includes(x.toLowerCase()));
}

/**
 * Every real sample saved under a command's name (`cmd/…`). Files a collect reads from the host itself (sys, proc,
 * dev, var/log) are never pasted by a person, so they are left to their classes' own tests.
 * With `limited`, only the classes FWSNAP_SWEEP_CLASSES names and the samples FWSNAP_SWEEP_SAMPLES names.
 */
export function sweepSamples(limited = true): SweepSample[] {
  const out: SweepSample[] = [];
  for (const klass of readdirSync(TEST).sort()) {
    if (limited && !sweptClass(klass)) continue;
    const fixtures = join(TEST, klass, 'fixtures');
    if (!existsSync(fixtures)) continue;
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.provenance.yaml')) {
          const stem = path.slice(0, -'.provenance.yaml'.length);
          const file = SAMPLE_EXT.map((x) => stem + x).find((f) => existsSync(f));
          const p = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
          const savedAs = typeof p.saved_as === 'string' ? p.saved_as.trim() : '';
          if (!file || !savedAs.startsWith('cmd/') || savedAs.includes('<')) continue;
          const format: Format = file.endsWith('.json') ? 'json' : file.endsWith('.xml') ? 'xml' : 'text';
          const given = typeof p.command === 'string' ? p.command.replace(/\s*\(.*$/, '').trim() : '';
          const id = stem.slice(TEST.length);
          if (limited && !sweptSample(id)) continue;
          out.push({ id, klass, file, savedAs, format, command: given || commandOf(savedAs) });
        }
      }
    };
    for (const real of readdirSync(fixtures).filter((d) => d.startsWith('real')).sort()) walk(join(fixtures, real));
  }
  return out;
}

/** The form a reference form is replayed for. */
const servedBy = (form: string): string => Object.entries(COMPARED_WITH).find(([, ref]) => ref === form)?.[0] ?? form;

/** Why a form does not apply to a sample, or undefined when it does (a reference form applies where the form it serves does). */
export function notApplicable(s: SweepSample, asked: string): string | undefined {
  const form = servedBy(asked);
  const only = ONLY_FOR[form];
  if (only && !only.names.test(s.savedAs)) return only.reason;
  const min = MIN_LINES[form];
  if (min && readFileSync(s.file, 'utf8').trim().split('\n').length < min.lines) return min.reason;
  const content = NOT_FOR_CONTENT[form];
  if (content && content.holds.test(readFileSync(s.file, 'utf8'))) return content.reason;
  return NOT_FOR_FORMAT[s.format]?.[form] ?? classExceptions(s.klass)[form];
}

const TOOLS = CLASSES.flatMap((c) => Object.keys(c.commands ?? {}));
/** The command a saved output is replayed as, for the tools whose class reads it from the name (and text) itself. */
const STANDS_FOR = new Map(CLASSES.flatMap((c) => Object.entries(c.commands ?? {}).flatMap(([tool, p]) => (p.standsFor ? [[tool, p.standsFor] as const] : []))));
/** Tool names that are one tool (the open-source and the vendor name; the three firmware managers print one query). */
const SAME_TOOL: Readonly<Record<string, string>> = { flint: 'mstflint', mlxconfig: 'mstconfig', mlxup: 'mlxfwmanager', mstfwmanager: 'mlxfwmanager' };
/** A device-type value after `-d` (`scsi`, `sat,12`, `megaraid,16`), as opposed to a device (`01:00.0`, `mlx5_0`). */
const DEVICE_TYPE = /^[a-z]+(?:,\d+)?$/;

/**
 * What a saved name's output is about, as loosely as any name form could make two samples meet: the tool (either of
 * its names) and its words that are not options — subcommands and the device, with or without `/dev/` or a PCI domain,
 * `q` or `query` — plus the device the text names. Options are left out: a loader may read one output per device and
 * prefer one option's (`smartctl -x` over `-a`), so a name form swapping options between two samples of one device
 * in one tree would change which is read. Two samples with one key never share a tree (a tree also keeps one output
 * per command); reading two different things as one only costs a tree.
 */
export function commandKey(saved: string, text?: string): string {
  // An output loose at the top of the tree stands for the same name under its tool's folder.
  const loose = saved.includes('/') ? undefined : looseOutputTool(saved, TOOLS);
  const savedAs = loose === undefined ? saved : looseOutputName(saved, loose);
  const m = /^cmd\/([^/]+)\//.exec(savedAs);
  const raw = m?.[1] ?? '';
  const tool = SAME_TOOL[raw] ?? raw;
  // A class that says which command a saved output stands for is taken at its word (its reader leaves out a person's
  // labels in the name, `ethtool -i eth0 serv10.txt`, `health_show_port_tx.txt`); options are left out as below.
  // A device type (`-d sat`, `-d megaraid,3`) is left out as below: a loader may read two types of one device as one drive.
  const stands = STANDS_FOR.get(raw)?.(savedAs, text);
  if (stands !== undefined) {
    const words = stands.slice(1).filter((w, i, all) => !w.startsWith('-') && !(all[i - 1] === '-d' && DEVICE_TYPE.test(w)))
      .map((w) => (w.startsWith('/dev/') ? `/dev/${driveNode(w.slice('/dev/'.length))}` : w));
    return `${tool} ${[...new Set(words)].sort().join(' ')}`;
  }
  // A name that gives no device takes the one its text names (a pasted command line, smartctl's device line).
  const inText = text === undefined ? undefined : deviceInText(text, /^\/dev\//);
  // The command glued to the tool in a name (`ethtool-i_eth0.txt`) is the tool and an option.
  const named = savedNameWords(savedAs).map((w) => (w.startsWith(`${raw}-`) ? w.slice(raw.length) : w));
  const all = [...named, ...(inText ? [inText] : [])];
  const keep = (list: string[]): string[] => list
    .filter((w, i) => !w.startsWith('-') && !(list[i - 1] === '-d' && DEVICE_TYPE.test(w)) && w !== 'json')
    // A device typed with a colon after it (`-d 0000:ca:00.0:`) is that device; a parameter queried by name
    // (`NUM_OF_VFS`, all capitals) is no other command on it.
    // A partition (`sda2`) is its drive's: smartctl's and hdparm's loaders read it as the drive.
    .map((w) => driveNode(w.replace(/^\/?dev\//, '').replace(/^0000:/, '').replace(/(?<=\d):$/, '')))
    .filter((w) => !/^[A-Z][A-Z0-9]*$/.test(w))
    .map((w) => (w === 'q' ? 'query' : w))
    // `show` is what a tool does without it (`devlink health` is `devlink health show`).
    .filter((w) => w !== '' && w !== 'dev' && w !== 'sudo' && w !== 'show' && w !== raw && (SAME_TOOL[w] ?? w) !== tool);
  let words = keep(all);
  // A name that says only options (`ethtool-i.txt`) is about what the first command line pasted in its text names.
  const pasted = words.length === 0 && text !== undefined ? new RegExp(`(?:^|[ \\t])${raw}[ \\t]+(\\S.*)$`, 'm').exec(text)?.[1] : undefined;
  if (pasted !== undefined) words = keep(pasted.trim().split(/\s+/));
  return `${tool} ${[...new Set(words)].sort().join(' ')}`;
}

/**
 * Outputs that give the host's kernel (a saved uname or /proc/version, or another output pasting one): a tree takes one
 * kernel, a saved uname's before a pasted one, so two of them in one tree would hide how the other one reads.
 */
const GIVES_KERNEL = /uname|\/proc\/version/;

/**
 * Outputs that show where a host's devices are (an mst status listing: the PCI function of each mst node and RDMA device):
 * every other output of their tree naming such a device is keyed by it, so they go in a tree of their own.
 */
const PLACES_DEVICES = /mst\s+status|^\s*DEVICE_TYPE\s+MST\b|^\s*MST devices:/m;

/**
 * Splits samples into batches in which no command repeats (commandKey), no saved name does (two outputs whose texts
 * name different devices may share a name without one) and no two outputs give the host's kernel, so every sample of a
 * batch is stored and read as it would be alone; an output that places other outputs' devices is alone in its batch.
 */
export function batches(samples: SweepSample[]): SweepSample[][] {
  const out: SweepSample[][] = [];
  const keys: Set<string>[] = [];
  const alone: SweepSample[][] = [];
  for (const s of samples) {
    const text = readFileSync(s.file, 'utf8');
    if (PLACES_DEVICES.test(text)) {
      alone.push([s]);
      continue;
    }
    const k = [commandKey(s.savedAs, text), `saved as ${s.savedAs}`, ...(GIVES_KERNEL.test(text) ? ['host kernel'] : [])];
    const free = keys.findIndex((b) => !k.some((x) => b.has(x)));
    if (free >= 0) {
      out[free]!.push(s);
      for (const x of k) keys[free]!.add(x);
    } else {
      out.push([s]);
      keys.push(new Set(k));
    }
  }
  return [...out, ...alone];
}

export interface SampleResult {
  reached: boolean;
  /** The same rows from its artifact as the plain replay, and no parse error the plain one did not have. */
  parsedRight: boolean;
  why: string[];
}

export interface FormResult {
  samples: Map<string, SampleResult>;
  /** Per batch: rows of its bundle (any table) that differ from the published replay. */
  batchDiffs: Map<number, string[]>;
  /**
   * Per sample of a batch of several that differs: its own differences, replayed alone in a tree of its own, as
   * published and in the form (its artifact's and every table's; empty when alone it reads right).
   */
  alone: Map<string, string[]>;
  /** High or critical findings the published replay does not have. */
  severe: string[];
}

/** Tables whose rows describe the artifacts' bytes or the run itself, not what was read from them. */
const NOT_COMPARED = new Set(['bundles', 'artifact_rows', 'device_nos', 'collection_issues', 'sources', 'vendor_uses', 'rule_results']);
/** Tables naming their device by its number in the bundle, which says where it fell among the others: read through the views that give the key. */
const THROUGH_VIEW: Readonly<Record<string, string>> = {
  setting_rows: 'settings', firmware_rows: 'firmware', register_dump_rows: 'register_dumps', register_field_rows: 'register_fields',
};

type Row = Record<string, unknown>;
const all = (db: Db, sql: string, ...args: unknown[]): Row[] => db.prepare(sql).all(...args) as Row[];
const key = (r: Row): string => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v));

function bundleTables(db: Db): string[] {
  return all(db, `SELECT name FROM sqlite_master WHERE type = 'table'`)
    .map((r) => String(r.name))
    .filter((t) => !NOT_COMPARED.has(t) && all(db, `SELECT name FROM pragma_table_info(?)`, t).some((c) => c.name === 'bundle_id'))
    .map((t) => THROUGH_VIEW[t] ?? t)
    .sort();
}

/** What one bundle holds, in comparable form. */
interface Snapshot {
  rows: Map<string, string[]>;
  /** Per saved name: the stored artifact, its parse error, its firmware and setting rows, and whether a cut line was named. */
  artifacts: Map<string, { parseError: unknown; parsed: boolean; rows: string[]; cutNamed: boolean } | undefined>;
  severe: Set<string>;
}

function snapshot(db: Db, bundleId: number, replayed: Map<string, string>, tables: string[]): Snapshot {
  const rows = new Map<string, string[]>();
  for (const t of tables) {
    rows.set(t, all(db, `SELECT * FROM "${t}" WHERE bundle_id = ?`, bundleId).map((r) => {
      // Row numbers (seq, no) say where a row fell among the others, not what it says; the artifact's name and number are the name form's.
      const { bundle_id: _b, seq: _s, no: _n, rowid: _r, artifact: _a, artifact_no: _an, ...rest } = r;
      return key(rest);
    }).sort());
  }
  const artifacts = new Map<string, { parseError: unknown; parsed: boolean; rows: string[]; cutNamed: boolean } | undefined>();
  for (const [saved, name] of replayed) {
    const a = all(db, `SELECT parser, parse_error FROM artifacts WHERE bundle_id = ? AND name = ?`, bundleId, name)[0];
    if (!a) {
      artifacts.set(saved, undefined);
      continue;
    }
    const fw = all(db, `SELECT device_key, component, version, state FROM firmware WHERE bundle_id = ? AND artifact = ?`, bundleId, name).map((r) => `fw ${key(r)}`);
    const st = all(db, `SELECT device_key, namespace, key, value, mode FROM settings WHERE bundle_id = ? AND artifact = ?`, bundleId, name).map((r) => `setting ${key(r)}`);
    const cutNamed = all(db, `SELECT 1 FROM collection_issues WHERE bundle_id = ? AND code = 'PARSE-CUT' AND target = ?`, bundleId, name).length > 0;
    artifacts.set(saved, { parseError: a.parse_error, parsed: a.parser !== null, rows: [...fw, ...st].sort(), cutNamed });
  }
  const severe = new Set(
    all(db, `SELECT rule_id, device_key FROM rule_results WHERE bundle_id = ? AND result = 'fail' AND severity IN ('high', 'critical')`, bundleId).map((r) => `${r.rule_id} on ${r.device_key}`),
  );
  return { rows, artifacts, severe };
}

function diff(a: string[], b: string[]): string[] {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of b) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else out.push(`+ ${x}`);
  }
  for (const [x, n] of count) for (let i = 0; i < n; i++) out.push(`- ${x}`);
  return out;
}

/** The row a `- ` or `+ ` diff line names, as columns (a `fw `/`setting ` tag kept as a column of its own). */
function columns(d: string): Record<string, unknown> {
  const body = d.slice(2);
  const at = body.indexOf('{');
  return { tag: body.slice(0, at).trim(), ...(JSON.parse(body.slice(at)) as Record<string, unknown>) };
}

/**
 * A cut output's diff without what its cut line may change: rows it adds, and a row whose one column (a value, a
 * capability's decoded fields) the cut line changed, as long as a row differing from it in that column alone is there.
 */
function beyondCut(d: string[]): string[] {
  const added = d.filter((x) => x.startsWith('+ ')).map(columns);
  return d.filter((x) => {
    if (x.startsWith('+ ')) return false;
    const row = columns(x);
    const keys = Object.keys(row);
    return !added.some((a) => Object.keys(a).length === keys.length && keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(row[k])).length <= 1);
  });
}

interface Collected {
  bundles: string[];
  /** Per batch: saved name → stored artifact name. */
  replayed: Map<string, string>[];
  /** Per batch, for a name form: saved name → the name it was saved under instead. */
  renamed: Map<string, string>[];
}

/** The names a name form gives a batch's samples; a new name another sample of the batch already uses is not taken. */
function renamedIn(form: string | undefined, group: SweepSample[]): Map<string, string> {
  const out = new Map<string, string>();
  const rename = form === undefined ? undefined : NAME_FORMS[form];
  if (!rename) return out;
  const taken = new Set(group.map((s) => s.savedAs));
  for (const s of group) {
    const n = rename(s.savedAs, s.format);
    if (n === undefined || n === s.savedAs || taken.has(n)) continue;
    taken.add(n);
    out.set(s.savedAs, n);
  }
  return out;
}

/** Writes one tree per batch for a form (as published when form is undefined) and collects each. */
async function collectForm(form: string | undefined, groups: SweepSample[][], dir: string): Promise<Collected> {
  const out: Collected = { bundles: [], replayed: [], renamed: [] };
  for (const [i, group] of groups.entries()) {
    const tree = join(dir, `tree-${i}`);
    const names = renamedIn(form, group);
    for (const s of group) {
      const text = readFileSync(s.file, 'utf8');
      const make: Form | undefined = form === undefined || notApplicable(s, form) !== undefined ? undefined : (FORMS[form] ?? REFERENCE_FORMS[form]);
      const path = join(tree, names.get(s.savedAs) ?? s.savedAs);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, make ? make({ text, format: s.format, command: s.command, savedAs: s.savedAs }) : text);
    }
    const bundle = join(dir, `bundle-${i}.tar.gz`);
    const { manifest } = await collect({ output: bundle, root: tree, isolation: 'inline' });
    const replayed = new Map<string, string>();
    for (const s of group) {
      const saved = names.get(s.savedAs) ?? s.savedAs;
      const art = manifest.artifacts.find((a) => replayedFromSaved(a, saved) && a.origin.kind === 'cmd' && a.origin.stream === 'stdout');
      if (art) replayed.set(s.savedAs, art.name);
    }
    out.renamed.push(names);
    out.bundles.push(bundle);
    out.replayed.push(replayed);
  }
  return out;
}

/**
 * The shipped rules that can raise a high or critical finding, and the rules they name as their cause: the sweep asks
 * only about those findings, so the others are not run (they cost about half of an analyze of many small bundles).
 */
export function severeRules(dir: string): string {
  const docs: { file: string; id: string; severe: boolean; cause?: string; text: string }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        for (const doc of parseAllDocuments(readFileSync(p, 'utf8'))) {
          const r = doc.toJS() as { id?: unknown; severity?: unknown; caused_by?: { rule?: unknown } } | null;
          if (!r || typeof r.id !== 'string') continue;
          const cause = typeof r.caused_by?.rule === 'string' ? r.caused_by.rule : undefined;
          docs.push({ file: p.slice(defaultRulesDir().length + 1), id: r.id, severe: r.severity === 'high' || r.severity === 'critical', ...(cause ? { cause } : {}), text: doc.toString() });
        }
      }
    }
  };
  walk(defaultRulesDir());
  const keep = new Set(docs.filter((x) => x.severe).map((x) => x.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const x of docs) if (keep.has(x.id) && x.cause && !keep.has(x.cause)) grew = keep.add(x.cause) !== undefined;
  }
  const files = new Map<string, string[]>();
  for (const x of docs) if (keep.has(x.id)) files.set(x.file, [...(files.get(x.file) ?? []), x.text]);
  for (const [file, texts] of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), texts.join('---\n'));
  }
  return dir;
}

export interface Sweep {
  samples: SweepSample[];
  groups: SweepSample[][];
  plain: Snapshot[];
  forms: Map<string, FormResult>;
}

/** Replays the corpus as published and in the given forms (all by default; one analyze for all), comparing each form with the published replay. */
/**
 * The sweep's analyze reads its bundles on worker threads, which run the compiled parsers in dist/, not the sources the
 * test runner reads: a sweep after a source change without `npm run build` would test the old parsers and pass.
 */
export function assertBuilt(root = ROOT): void {
  const worker = join(root, 'dist', 'analyzer', 'load', 'load-worker.js');
  if (!existsSync(worker)) throw new Error(`the paste sweep needs the build: ${relative(root, worker)} is missing (run npm run build)`);
  const built = statSync(worker).mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts') && statSync(path).mtimeMs > built) newer.push(relative(root, path));
    }
  };
  for (const top of ['analyzer', 'bundle', 'collector']) if (existsSync(join(root, top))) walk(join(root, top));
  if (newer.length) throw new Error(`the paste sweep would test an old build: ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ` and ${newer.length - 3} more` : ''} changed after dist/ was built (run npm run build)`);
}

export async function sweep(dir: string, samples = sweepSamples(), asserted = [...Object.keys(FORMS), ...Object.keys(NAME_FORMS)]): Promise<Sweep> {
  assertBuilt();
  let groups = batches(samples);
  let published = await collectForm(undefined, groups, join(dir, 'published-batched'));
  // A class's reader may take the device of a label-named output from its text (a JSON's device.name, a pasted command
  // line), which commandKey cannot see: a sample its published tree does not store (another output of the same command
  // was read instead) would be compared with nothing. Each such sample gets a tree of its own.
  const alone = groups.flatMap((g, i) => (g.length > 1 ? g.filter((s) => {
    const art = published.replayed[i]!.get(s.savedAs);
    return art === undefined || g.some((o) => o !== s && published.replayed[i]!.get(o.savedAs) === art);
  }) : []));
  if (alone.length) {
    groups = [...groups.map((g) => g.filter((s) => !alone.includes(s))).filter((g) => g.length), ...alone.map((s) => [s])];
    published = await collectForm(undefined, groups, join(dir, 'published'));
  }
  const { plain, forms } = await compareForms(dir, groups, published, asserted);
  // A batch's rows are not the samples' own: a batch that differs is told apart by replaying each of its samples alone
  // in that form, so a difference is the sample's whose own tree shows it (an open entry forgives its sample's alone).
  const suspects = new Map<string, SweepSample[]>();
  for (const [form, r] of forms) for (const i of r.batchDiffs.keys()) if (groups[i]!.length > 1) suspects.set(form, [...(suspects.get(form) ?? []), ...groups[i]!]);
  if (suspects.size) {
    const singles = [...new Set([...suspects.values()].flat())].map((s) => [s]);
    const base = join(dir, '.alone');
    const again = await compareForms(base, singles, await collectForm(undefined, singles, join(base, 'published')), [...suspects.keys()]);
    for (const [form, ss] of suspects) {
      const r = again.forms.get(form)!;
      for (const s of ss) {
        const j = singles.findIndex((g) => g[0] === s);
        forms.get(form)!.alone.set(s.id, [...(r.samples.get(s.id)?.why ?? []), ...(r.batchDiffs.get(j) ?? [])]);
      }
    }
  }
  return { samples, groups, plain, forms };
}

/** Replays the given trees in each form (one analyze for all) and compares each with the trees as published. */
async function compareForms(dir: string, groups: SweepSample[][], published: Collected, asserted: string[]): Promise<{ plain: Snapshot[]; forms: Map<string, FormResult> }> {
  const names = [undefined, ...asserted, ...Object.keys(REFERENCE_FORMS).filter((r) => asserted.some((f) => COMPARED_WITH[f] === r))];
  const collected: Collected[] = [published];
  for (const form of names.slice(1)) collected.push(await collectForm(form, groups, join(dir, form!.replace(/\W+/g, '-'))));
  const rulesDir = severeRules(join(dir, 'rules'));
  const { db, loads, reused, unusable } = await analyze({ bundles: collected.flatMap((c) => c.bundles), minSeverity: 'info', rulesDir });
  if (unusable.length) throw new Error(`bundles refused: ${unusable.map((u) => u.message).join('; ')}`);
  const ids = new Map([...loads, ...reused].map((l) => [l.path, l.bundleId]));
  let snaps: Snapshot[][];
  try {
    const tables = bundleTables(db);
    snaps = collected.map((c, f) =>
      c.replayed.map((replayed, i) => {
        const snap = snapshot(db, ids.get(c.bundles[i]!)!, replayed, tables);
        for (const s of groups[i]!) if (!replayed.has(s.savedAs)) snap.artifacts.set(s.savedAs, undefined);
        return snap;
      }),
    );
  } finally {
    db.close();
  }
  const plain = snaps[0]!;
  const forms = new Map<string, FormResult>();
  for (const [f, form] of asserted.entries()) {
    const result: FormResult = { samples: new Map(), batchDiffs: new Map(), alone: new Map(), severe: [] };
    // A cut output is read against its whole lines before the cut.
    const reference = COMPARED_WITH[form];
    for (const [i, group] of groups.entries()) {
      const base = reference === undefined ? plain[i]! : snaps[names.indexOf(reference)]![i]!;
      const got = snaps[f + 1]![i]!;
      for (const s of group) {
        if (form in NAME_FORMS ? !collected[f + 1]!.renamed[i]!.has(s.savedAs) : notApplicable(s, form) !== undefined) continue;
        const b = base.artifacts.get(s.savedAs);
        const g = got.artifacts.get(s.savedAs);
        const why: string[] = [];
        if (g && b) {
          if (g.parseError !== null && g.parseError !== b.parseError) why.push(`parse error: ${String(g.parseError)}`);
          const d = diff(b.rows, g.rows);
          why.push(...(reference !== undefined ? beyondCut(d) : d.filter((x) => !(ADDS_ROWS.has(form) && x.startsWith('+ ')))));
          if (reference !== undefined && g.parsed && !g.cutNamed) why.push('the cut line is not named as an issue');
          // A whole JSON document ends with its closing bracket, with or without a line end after it: nothing was cut
          // (one published cut short, a thread's stored copy that stops inside it, is cut whatever its line end).
          if (reference === undefined && s.format === 'json' && g.cutNamed && !b.cutNamed && endsWithJsonDocument(readFileSync(s.file, 'utf8').trimEnd())) why.push('a whole JSON document is named as cut');
        } else if (!g && b) why.push('not stored');
        result.samples.set(s.id, { reached: g !== undefined || b === undefined, parsedRight: why.length === 0, why });
      }
      for (const [t, rows] of base.rows) {
        const full = diff(rows, got.rows.get(t) ?? []);
        const d = reference !== undefined ? beyondCut(full) : full.filter((x) => !(ADDS_ROWS.has(form) && x.startsWith('+ ')));
        if (d.length) result.batchDiffs.set(i, [...(result.batchDiffs.get(i) ?? []), `${t}: ${d.slice(0, 6).join('; ')}${d.length > 6 ? ` (+${d.length - 6})` : ''}`]);
      }
      for (const x of got.severe) if (!base.severe.has(x)) result.severe.push(`${x} (samples ${group.map((s) => s.id).join(', ')})`);
    }
    forms.set(form, result);
  }
  return { plain, forms };
}

/**
 * Each form's failures, keyed `<form>: <sample id>` as paste-sweep-open.json lists them: a sample that does not read
 * like its published output, and a sample whose own tree (alone, or its batch's when it is the batch's one sample)
 * differs. A batch that differs while none of its samples alone does is a failure of the samples together, which no
 * open entry forgives; nor does one sample's entry forgive another's differences in its batch.
 */
export function failures(s: Pick<Sweep, 'groups' | 'forms'>): Map<string, string> {
  const out = new Map<string, string>();
  const add = (k: string, why: string[]): void => {
    if (why.length) out.set(k, [out.get(k), ...why].filter(Boolean).join('; ').slice(0, 400));
  };
  for (const [form, r] of s.forms) {
    for (const [id, x] of r.samples) if (!x.parsedRight) add(`${form}: ${id}`, x.why.slice(0, 3));
    for (const [i, d] of r.batchDiffs) {
      const group = s.groups[i]!;
      if (group.length === 1) {
        add(`${form}: ${group[0]!.id}`, [d.join(' | ')]);
        continue;
      }
      const own = group.filter((x) => (r.alone.get(x.id) ?? []).length > 0);
      for (const x of own) add(`${form}: ${x.id}`, r.alone.get(x.id)!.slice(0, 3));
      if (!own.length) add(`${form}: together ${group.map((x) => x.id).join(', ')}`, [d.join(' | ')]);
    }
  }
  return out;
}
