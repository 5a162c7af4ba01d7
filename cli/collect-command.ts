import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { terminalSafe } from '../bundle/terminal-safe.js';
import { collect, CollectError, type CollectResult } from '../collector/collect.js';
import { SOURCE_NAMES } from '../collector/classes/index.js';
import type { WorkerMessage } from '../collector/run/messages.js';
import { bundleSummary, describeBundle, humanSize, isSavedOutputs, originOf } from './collect-summary.js';
import { NOT_READ } from '../collector/tree-leftovers.js';
import { exitAfterDrain, installProcessHandlers, reportError, UsageError, warn } from './exit.js';
import { detail, isQuiet, note, setVerbosity } from './verbosity.js';
import { withExamples } from './help.js';
import { INCLUDE_GPU_HELP, InvalidArgumentError, parseTimeout, requireRedactFor } from './options.js';
import { outputTarget } from './output-path.js';
import type { PlainCollect } from './early-start.js';

/** Class names are ASCII words: compared by code unit (the first localeCompare loads ICU's collator, ~30 ms of every collect). */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
/** --only with no name (an empty variable) would run every source: refused. */
const onlyList = (v: string): string[] => {
  const names = list(v);
  if (!names.length) throw new InvalidArgumentError('--only needs at least one source name');
  return names;
};

export function defaultBundleName(): string {
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*/, '');
  return `fwsnap-${stamp}.tar.gz`;
}

/**
 * The devices a collection saw, each once however many sources saw it (the pci and mlx5 sources both see a
 * ConnectX function): class → ids. Fed by collect's device events.
 */
export class DeviceTally {
  readonly byClass = new Map<string, Set<string>>();
  readonly onDevice = (_source: string, m: WorkerMessage): void => {
    if (m.type !== 'device') return;
    if (!this.byClass.has(m.cls)) this.byClass.set(m.cls, new Set());
    this.byClass.get(m.cls)!.add(m.id);
  };
  get total(): number {
    let n = 0;
    for (const ids of this.byClass.values()) n += ids.size;
    return n;
  }
  /** `28 (pci 9, net 3, …)`, the form the report's bundle line uses too. */
  toString(): string {
    return this.total ? `${this.total} (${[...this.byClass].sort(([a], [b]) => byName(a, b)).map(([c, ids]) => `${c} ${ids.size}`).join(', ')})` : 'none';
  }
}

export interface SummaryOptions {
  /** Leave out the sources that did not run (check: the report lists them). */
  sources?: boolean;
}

/** Without a tally (no device events seen), the manifest's per-source counts, summed. */
function tallyOf(m: CollectResult['manifest']): string {
  const byClass = new Map<string, number>();
  for (const s of m.sources) for (const [cls, n] of Object.entries(s.devices)) byClass.set(cls, (byClass.get(cls) ?? 0) + n);
  const total = [...byClass.values()].reduce((a, b) => a + b, 0);
  return total ? `${total} (${[...byClass].sort(([a], [b]) => byName(a, b)).map(([c, n]) => `${c} ${n}`).join(', ')})` : 'none';
}

/**
 * Tool outputs a --root tree held and the collection replayed (`3 (devlink 1, ethtool 2)`): the devices they
 * describe come from their text at analysis, so the device count above leaves them out.
 */
export function savedOutputsRead(m: CollectResult['manifest']): string | undefined {
  const byTool = new Map<string, number>();
  const files = new Set<string>();
  for (const a of m.artifacts) {
    if (a.replayedFrom === undefined || a.name.startsWith('unread/') || a.origin.kind !== 'cmd' || files.has(a.replayedFrom)) continue;
    files.add(a.replayedFrom);
    const tool = a.origin.argv[0]!.split('/').pop()!;
    byTool.set(tool, (byTool.get(tool) ?? 0) + 1);
  }
  const total = [...byTool.values()].reduce((a, b) => a + b, 0);
  return total ? `${total} (${[...byTool].sort(([a], [b]) => byName(a, b)).map(([t, n]) => `${t} ${n}`).join(', ')})` : undefined;
}

/** Files of a tree not read, named one a line on stderr; the rest are counted. */
const MAX_UNREAD_SHOWN = 20;

/** How many files of a --root tree were not read: one NOT_READ issue each, and the count of the issue for those beyond the kept ones. */
export function unreadFileCount(m: CollectResult['manifest']): number {
  let n = 0;
  for (const i of m.issues) if (i.code === NOT_READ) n += Number(/^(\d+) more files not read/.exec(i.message)?.[1] ?? 1);
  return n;
}

export function summarize(r: CollectResult, tally?: DeviceTally, o: SummaryOptions = {}): string {
  const m = r.manifest;
  // A tree of saved outputs holds no host: what it read is outputs, and a source with none of them had nothing to read.
  const savedOnly = isSavedOutputs(m);
  const saved = savedOutputsRead(m);
  const lines = savedOnly
    ? [`saved outputs read: ${saved ?? 'none'}; the devices they describe are made from their text by \`fwsnap analyze\``]
    : [`devices: ${tally ? tally.toString() : tallyOf(m)}`];
  lines.push(`artifacts: ${r.artifactCount}, ${humanSize(r.bytes)} uncompressed`);
  if (saved && !savedOnly) lines.push(`saved outputs read: ${saved}`);
  const notRun = o.sources === false ? [] : m.sources.filter((s) => s.status !== 'ok');
  const noOutputs = savedOnly ? notRun.filter((s) => s.status === 'skipped' && !s.reason?.startsWith('excluded by')) : [];
  if (noOutputs.length) lines.push(`sources with no saved output in the tree: ${noOutputs.map((s) => s.name).join(', ')}`);
  for (const s of notRun.filter((x) => !noOutputs.includes(x))) lines.push(`  ${s.name}: ${s.status.replace('_', ' ')}${s.reason ? ` — ${s.reason}` : ''}`);
  const denied = m.issues.filter((i) => i.code === 'EACCES' || i.code === 'EPERM').length;
  if (!m.host.root && m.host.collectedFrom === 'host') lines.push(`warning: not running as root; ${denied} read(s) refused (config space beyond 64 bytes, register dumps and NVMe logs need root)`);
  else if (denied) lines.push(`warning: ${denied} read(s) refused by permissions`);
  // Files of the tree not read are said on their own line below, not counted again among the warnings.
  const unread = m.issues.filter((i) => i.code === NOT_READ);
  const warnings = m.issues.length - unread.length;
  if (warnings) lines.push(`warnings: ${warnings} (listed in manifest.json "issues"${unread.length ? `, besides the files not read` : ''})`);
  if (unread.length) {
    const count = unreadFileCount(m);
    const kept = unread.filter((i) => i.message.startsWith('not read:')).length;
    lines.push(`files of the tree no class read: ${count} (${count > kept ? `${kept} kept in the bundle under unread/, ${count - kept} not kept` : 'each kept in the bundle under unread/'})`);
    for (const i of unread.slice(0, MAX_UNREAD_SHOWN)) lines.push(`  ${i.target}: ${i.message}`);
    if (unread.length > MAX_UNREAD_SHOWN) lines.push(`  … ${unread.length - MAX_UNREAD_SHOWN} more in manifest.json "issues" (code ${NOT_READ})`);
  }
  return lines.map(terminalSafe).join('\n');
}

export interface SignalStop {
  /** Aborted by the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, undefined before either. */
  exitCode(): number | undefined;
  /** Gives the signals back their default action (ending the process). */
  dispose(): void;
}

/**
 * Makes SIGINT and SIGTERM stop a collection cleanly (workers killed, temporary file removed) instead
 * of ending the process. A second signal of the same kind is not caught: it ends the process at once,
 * and a stale temporary file may remain (the next run to the same path removes it).
 */
export function stopOnSignals(): SignalStop {
  const controller = new AbortController();
  let code: number | undefined;
  const on = (sig: 'SIGINT' | 'SIGTERM', exit: number) => (): void => {
    process.stderr.write(`\nfwsnap: ${sig} received, stopping; no bundle will be written\n`);
    code = exit;
    controller.abort();
  };
  const onInt = on('SIGINT', 130);
  const onTerm = on('SIGTERM', 143);
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}

export function registerCollect(program: Command): void {
  const cmd = program
    .command('collect')
    .description('snapshot every device of this host (or of a captured tree) into one bundle')
    .option('-o, --output <file>', 'bundle to write (- : stdout, the summary then goes to stderr)', undefined)
    .option('--force', 'replace an existing bundle at the output (a regular file only)', COLLECT_DEFAULTS.force)
    .option('--root <dir>', 'collect from a captured tree instead of / (a text file: a tree holding it alone)')
    .option('--only <list>', `sources to run (${SOURCE_NAMES.join(',')})`, onlyList)
    .option('--skip <list>', 'sources to leave out', list)
    .option('--timeout <seconds>', 'deadline per source', parseTimeout, COLLECT_DEFAULTS.timeout)
    .option('--include-eeprom', 'also read NIC and module EEPROMs (can stall some NICs)', COLLECT_DEFAULTS.includeEeprom)
    .option('--include-gpu', INCLUDE_GPU_HELP, COLLECT_DEFAULTS.includeGpu)
    .option('--redact', 'replace hostnames, addresses, serial numbers and unique ids by consistent tokens (docs/redaction.md)', COLLECT_DEFAULTS.redact)
    .option('--map <file>', 'with --redact: where to write the token map (default: <output>.redaction-map.json)')
    .option('--keep-binary', 'with --redact: keep binary artifacts of unknown layout instead of leaving them out', COLLECT_DEFAULTS.keepBinary);
  withExamples(cmd, [
    ['sudo fwsnap collect', 'snapshot this host into fwsnap-<date>.tar.gz in the current directory'],
    ['sudo fwsnap collect --redact -o case-1234.tar.gz', 'a bundle safe to attach to a public ticket (hostnames, serials, addresses replaced)'],
    ['sudo fwsnap collect -o - | ssh admin@jump "cat > host7.tar.gz"', 'write the bundle to stdout; the summary goes to stderr'],
    ['fwsnap collect --root ./captured-tree --only pci,nvme', 'collect two sources from a tree captured elsewhere'],
  ]);
  cmd.action(collectAction);
}

/** What `fwsnap collect`'s options come to (commander's parse of them, or plainCollect's in early-start.ts). */
export interface CollectCommandOptions {
  output?: string;
  force: boolean;
  root?: string;
  only?: string[];
  skip?: string[];
  timeout: number;
  includeEeprom: boolean;
  includeGpu: boolean;
  redact: boolean;
  map?: string;
  keepBinary: boolean;
}

/** The options a command line that names none of them gives (the defaults registerCollect declares). */
export const COLLECT_DEFAULTS: CollectCommandOptions = { force: false, timeout: 10, includeEeprom: false, includeGpu: false, redact: false, keepBinary: false };

/** Options that choose what is read of a host or a captured tree; a report is read whole. */
function sourceOptions(o: CollectCommandOptions): string[] {
  const given: string[] = [];
  if (o.only) given.push('--only');
  if (o.skip) given.push('--skip');
  if (o.includeEeprom) given.push('--include-eeprom');
  if (o.includeGpu) given.push('--include-gpu');
  return given;
}

/**
 * Whether --root names a sosreport or supportconfig (a directory holding `sos_commands/` or `basic-environment.txt`,
 * or a report's archive): its outputs lie where a report puts them, not where a captured tree does, so it is read as
 * `fwsnap import` reads it instead of giving a bundle of nothing.
 */
export async function rootIsReport(root: string | undefined, given: readonly string[]): Promise<boolean> {
  if (root === undefined) return false;
  const { looksLikeReport } = await import('../collector/import/detect.js');
  if (!(await looksLikeReport(root))) return false;
  if (given.length) throw new UsageError(`--root ${root} is a sosreport or supportconfig, which is read whole as \`fwsnap import\` reads it; ${given.join(', ')} ${given.length === 1 ? 'chooses' : 'choose'} what is read of a host or a captured tree`);
  return true;
}

/** `fwsnap collect` itself, once its options are parsed. */
export async function collectAction(o: CollectCommandOptions): Promise<void> {
  requireRedactFor(o);
  const report = await rootIsReport(o.root, sourceOptions(o));
  const toStdout = o.output === '-';
  if (toStdout && process.stdout.isTTY) throw new UsageError('-o - writes the bundle (gzip) to stdout, which is a terminal; redirect it (> file, | ssh …)');
  if (toStdout && o.redact && !o.map) throw new UsageError('with -o - and --redact, give --map <file>: the token map cannot go next to a bundle written to stdout');
  // The bundle is written (and renamed into place) as a file first: stdout gets it whole or not at all.
  const spool = toStdout ? mkdtempSync(join(tmpdir(), 'fwsnap-collect-')) : undefined;
  const removeSpool = (): void => {
    if (spool) rmSync(spool, { recursive: true, force: true });
  };
  process.once('exit', removeSpool);
  const output = spool ? join(spool, 'bundle.tar.gz') : outputTarget(o.output ?? defaultBundleName(), { force: o.force });
  const mapPath = o.redact && o.map ? outputTarget(o.map, { force: o.force, replaceFile: true, option: '--map' }) : undefined;
  const stop = stopOnSignals();
  const progress = process.stderr.isTTY && !isQuiet();
  const tally = new DeviceTally();
  const started = performance.now();
  const say = toStdout ? note : (text: string): void => void (isQuiet() || process.stdout.write(text.endsWith('\n') ? text : `${text}\n`));
  try {
    const redact = o.redact ? { mapPath, keepBinary: o.keepBinary } : undefined;
    const imported = report
      ? await (await import('./collect-report.js')).importRoot({ input: o.root!, output, overwrite: o.force, timeoutSeconds: o.timeout, signal: stop.signal, redact })
      : undefined;
    if (imported && 'refused' in imported) throw new CollectError(imported.refused);
    const r = imported?.result ?? (await collect({
      output,
      overwrite: o.force,
      root: o.root,
      only: o.only,
      skip: o.skip,
      timeoutSeconds: o.timeout,
      includeEeprom: o.includeEeprom,
      includeGpu: o.includeGpu,
      redact,
      signal: stop.signal,
      onEvent: (src, m) => {
        tally.onDevice(src, m);
        if (progress && m.type === 'device') process.stderr.write(`\r\x1b[K${terminalSafe(`${src}: ${m.cls} ${m.id}`)}`);
      },
    }));
    if (progress) process.stderr.write('\r\x1b[K');
    for (const x of r.manifest.sources) {
      const seen = Object.entries(x.devices).map(([c, n]) => `${c} ${n}`).join(', ');
      detail(`fwsnap: source ${x.name}: ${x.status.replace('_', ' ')} in ${(x.durationMs / 1000).toFixed(2)} s, ${x.artifacts} artifacts${seen ? `, saw ${seen}` : ''}${x.reason ? ` — ${x.reason}` : ''}`);
    }
    detail(`fwsnap: collected in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const file = await describeBundle(r.path, o.redact, r.mapPath);
    if (toStdout) {
      for await (const chunk of createReadStream(r.path)) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      say(`${imported?.said ?? ''}${summarize(r, tally)}\nbundle: written to stdout\nsize: ${humanSize(file.bytes)}${file.bytes >= 1024 ? ` (${file.bytes} bytes)` : ''}\nsha256: ${file.sha256}`);
    } else say(`${imported?.said ?? ''}${summarize(r, tally)}\n${bundleSummary(file, originOf(r.manifest))}`);
    // -q leaves out the summary, not the word that input given to fwsnap was not read.
    const unread = isQuiet() ? unreadFileCount(r.manifest) : 0;
    if (unread) warn(`fwsnap collect: ${unread} ${unread === 1 ? 'file of the tree was' : 'files of the tree were'} not read; see manifest.json "issues" (code ${NOT_READ}) or run without -q`);
    process.exitCode = 0;
  } catch (e) {
    if (progress) process.stderr.write('\r\x1b[K');
    if (!(e instanceof CollectError)) throw e;
    warn(`fwsnap collect: ${e.message}`);
    process.exitCode = stop.exitCode() ?? 2;
  } finally {
    stop.dispose();
    removeSpool();
  }
}

/**
 * A plain `fwsnap collect` (early-start.ts, plainCollect), run without commander: the same action, options and
 * error handling as through the command line module (program.ts), without loading it (~10 ms of the collector's
 * start, docs/benchmarks.md). Returns without doing anything when the --timeout value is not one: commander then
 * parses the command line and says what is wrong, as it always did.
 */
export async function runPlainCollect(p: PlainCollect): Promise<void> {
  let timeout = COLLECT_DEFAULTS.timeout;
  if (p.timeout !== undefined) {
    try {
      timeout = parseTimeout(p.timeout);
    } catch {
      return;
    }
  }
  installProcessHandlers();
  setVerbosity(p.verbosity);
  let code: number;
  try {
    await collectAction({ ...COLLECT_DEFAULTS, output: p.output, force: p.force, timeout });
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = reportError(e, 'fwsnap collect');
  }
  await exitAfterDrain(code);
}
