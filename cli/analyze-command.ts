import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { analyze, EXIT, type AnalyzeResult } from '../analyzer/analyze.js';
import { SpoolError } from '../bundle/entry-spool.js';
import { DatabaseError } from '../analyzer/db/database.js';
import { renderHtml } from '../analyzer/report/html.js';
import { renderMarkdown } from '../analyzer/report/markdown.js';
import { writeReportStreamed, STREAM_FROM } from '../analyzer/report/stream.js';
import { renderText } from '../analyzer/report/text.js';
import { RuleFileError } from '../analyzer/rules/load-rules.js';
import { SEVERITIES, type Severity } from '../analyzer/rules/types.js';
import { jsonTerminalSafe, terminalSafeDeep } from '../bundle/terminal-safe.js';
import { collect, CollectError, type CollectResult } from '../collector/collect.js';
import { DeviceTally, rootIsReport, stopOnSignals, summarize } from './collect-command.js';
import { shellWord } from './collect-summary.js';
import { colourWanted } from './colour.js';
import { inputHint, TEXTS_TRIED } from './input-hint.js';
import { withImportedReports } from './imported-reports.js';
import { CliError, UsageError, warn } from './exit.js';
import { withExamples } from './help.js';
import { INCLUDE_GPU_HELP, oneOf, parseJobs, parseTimeout, rulesDirectory } from './options.js';
import { outputTarget } from './output-path.js';
import { stdoutWriter } from './query-command.js';
import { expandBundleFolders } from './bundle-folders.js';
import { bundleArgument, displayName, STDIN_NAME } from './stdin-bundle.js';
import { detail, note } from './verbosity.js';
import { vendorDataValues, withVendorDataOptions } from './vendor-data-options.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  format: Format;
  minSeverity: Severity;
  rules?: string;
  db?: string;
  replace?: boolean;
  jobs?: number;
}

async function emit(r: AnalyzeResult, format: Format): Promise<void> {
  for (const u of r.unusable) {
    warn(`fwsnap: ${TEXTS_TRIED.has(u.path) ? `${displayName(u.path)}: unusable bundle — ${TEXTS_TRIED.get(u.path)}` : `${u.message.split(u.path).join(displayName(u.path))}${inputHint(displayName(u.path))}`}`);
  }
  for (const l of r.loads) {
    if (l.readByOthers) note(`fwsnap: ${displayName(l.path)} was in the database as bundle ${l.replaced ?? '?'}, read by another fwsnap's parsers: loaded again as bundle ${l.bundleId}, read as this fwsnap reads it`);
  }
  for (const l of r.reused) {
    note(`fwsnap: ${displayName(l.path)} is already in the database as bundle ${l.bundleId} (same manifest, sha256 ${l.manifestSha256 ?? '?'}): not loaded again, its rules run again; --replace reloads it`);
  }
  // Not one bundle given could be opened: their lines on stderr are the whole answer, no empty report on stdout.
  if (!r.bundleIds.length && r.unusable.length) return;
  if (r.bundleIds.length >= STREAM_FROM) {
    // Thousands of bundles: written bundle by bundle, never held whole (the same text).
    const out = stdoutWriter();
    await writeReportStreamed(r.db, r.bundleIds, r.rules, r.minSeverity, out.write, { format, style: { colour: colourWanted(process.stdout) } });
    await out.flush();
    return;
  }
  // Every string of the report comes from a bundle or a rule file: escaped for the terminal in every format.
  const text =
    format === 'json'
      ? jsonTerminalSafe(JSON.stringify(r.report, null, 2)) + '\n'
      : format === 'markdown'
        ? renderMarkdown(terminalSafeDeep(r.report))
        : format === 'html'
          ? renderHtml(terminalSafeDeep(r.report))
        : renderText(terminalSafeDeep(r.report), { colour: colourWanted(process.stdout) });
  process.stdout.write(text);
}

/** `recordedPaths`: what the report and the database call a bundle instead of the file read (`-` for stdin). */
export async function runAnalysis(bundles: string[], o: ReportOptions, recordedPaths?: ReadonlyMap<string, string>): Promise<number> {
  try {
    const started = performance.now();
    const paths = await Promise.all(bundles.map((b) => bundleArgument(b)));
    const names = new Map(recordedPaths);
    for (const p of paths) if (displayName(p) !== p) names.set(p, displayName(p));
    const r = await analyze({ bundles: paths, db: o.db, rulesDir: o.rules, minSeverity: o.minSeverity, vendorOptions: vendorDataValues(o), replace: o.replace, jobs: o.jobs, recordedPaths: names });
    const deviceCount = r.db.prepare(`SELECT COUNT(*) AS n FROM devices WHERE bundle_id = ?`).pluck();
    for (const l of r.loads) {
      const devices = deviceCount.get(l.bundleId) as number | undefined;
      detail(`fwsnap: ${names.get(l.path) ?? l.path}: bundle ${l.bundleId}${l.alreadyLoaded ? ' (already in the database)' : `, ${l.verified} artifacts verified`}, ${devices ?? '?'} devices`);
    }
    detail(`fwsnap: ${r.rules.length} rules run on ${r.loads.length} bundle(s) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    await emit(r, o.format);
    r.db.close();
    return r.exitCode;
  } catch (e) {
    if (e instanceof RuleFileError || e instanceof DatabaseError || e instanceof SpoolError) throw new CliError(e.message, EXIT.unusable);
    throw e;
  }
}

const reportFlags = (c: Command): Command =>
  withVendorDataOptions(c
    .option('--format <format>', FORMATS.join(', '), oneOf('--format', FORMATS), 'text' as Format)
    .option('--min-severity <severity>', `report findings at or above (${SEVERITIES.join(', ')})`, oneOf('--min-severity', SEVERITIES), 'low' as Severity)
    .option('--rules <dir>', 'rules directory (default: the rules shipped with fwsnap)', rulesDirectory('--rules')), 'report');

export function registerAnalyze(program: Command): void {
  const analyzeCmd = reportFlags(
    program
      .command('analyze')
      .description(`load bundles into SQLite and report rule findings (exit ${EXIT.clean} clean, ${EXIT.findings} findings, ${EXIT.unusable} unusable input, ${EXIT.partial} partly unverifiable bundle)`)
      .argument('<bundle...>', 'bundles, sosreports or supportconfigs (a folder: the bundles at its top), text files holding tool outputs (a ticket), - for stdin')
      .option('--db <file>', 'keep the database in this file (many bundles may share one; a bundle already in it is not loaded again)')
      .option('--replace', 'with --db: reload bundles already in the database (same manifest) instead of keeping their copy', false)
      .option('--jobs <n>', `threads reading, verifying and parsing bundles while one writer fills the database (default: one per core; 1 reads them on the main thread)`, parseJobs),
  );
  withExamples(analyzeCmd, [
    ['fwsnap analyze host7.tar.gz', 'report the inventory and findings of one bundle'],
    ['fwsnap analyze --format markdown host7.tar.gz > ticket.md', 'a report to paste into a ticket'],
    ['fwsnap analyze --format html host7.tar.gz > host7.html', 'one self-contained page to open in a browser'],
    ['fwsnap analyze --db fleet.db rack1/', 'keep every host (the bundles in rack1/) in one database for fwsnap query and fwsnap diff'],
    ['ssh host7 sudo fwsnap collect -o - | fwsnap analyze -', 'analyse a bundle read from stdin'],
    ['fwsnap analyze ticket-4711.md', 'read the tool outputs typed in a ticket saved as text'],
  ]);
  analyzeCmd.action(async (given: string[], o: ReportOptions) => {
    const bundles = await expandBundleFolders(given, 'analyze');
    process.exitCode = await withImportedReports(bundles, 'analyze', (paths, names) => runAnalysis(paths, o, names));
  });

  const checkCmd = reportFlags(
    program
      .command('check')
      .description('collect this host into a temporary bundle, analyze it and report')
      .option('-o, --output <file>', 'keep the bundle at this path')
      .option('--force', 'with -o: replace an existing bundle (a regular file only)', false)
      .option('--timeout <seconds>', 'deadline per source', parseTimeout, 10)
      .option('--root <dir>', 'check a captured tree instead of this host (a text file: a tree holding it alone)')
      .option('--include-gpu', INCLUDE_GPU_HELP, false),
  );
  withExamples(checkCmd, [
    ['sudo fwsnap check', 'collect this host and report, keeping nothing'],
    ['sudo fwsnap check --min-severity high -o host7.tar.gz', 'only high and critical findings; keep the bundle'],
    ['sudo fwsnap check --include-gpu', 'also judge VBIOS, InfoROM, GSP, ECC and MIG state (runs nvidia-smi, can hang on a wedged driver)'],
  ]);
  checkCmd.action(async (o: ReportOptions & { output?: string; force: boolean; timeout: number; root?: string; includeGpu: boolean }) => {
    if (o.output === '-') throw new UsageError('check writes its report to stdout; give -o a file to keep the bundle (or use fwsnap collect -o -)');
    const dir = o.output ? undefined : mkdtempSync(join(tmpdir(), 'fwsnap-check-'));
    const bundle = o.output ? outputTarget(o.output, { force: o.force }) : join(dir!, 'host.tar.gz');
    let code: number;
    let collected = false;
    let report = false;
    const stop = stopOnSignals();
    const tally = new DeviceTally();
    try {
      let r: CollectResult;
      report = await rootIsReport(o.root, o.includeGpu ? ['--include-gpu'] : []);
      if (report) {
        const imported = await (await import('./collect-report.js')).importRoot({ input: o.root!, output: bundle, overwrite: o.force, timeoutSeconds: o.timeout, signal: stop.signal });
        if ('refused' in imported) throw new CollectError(imported.refused);
        note(imported.said.trimEnd());
        r = imported.result;
      } else r = await collect({ output: bundle, timeoutSeconds: o.timeout, root: o.root, includeGpu: o.includeGpu, signal: stop.signal, overwrite: o.force, onEvent: tally.onDevice });
      collected = true;
      stop.dispose();
      // Interrupted while analyzing: the temporary bundle goes too.
      const quit = (sig: string, exit: number) => (): void => {
        process.stderr.write(`\nfwsnap: ${sig} received, stopping\n`);
        if (dir) rmSync(dir, { recursive: true, force: true });
        process.exit(exit);
      };
      process.once('SIGINT', quit('SIGINT', 130));
      process.once('SIGTERM', quit('SIGTERM', 143));
      // The report lists the sources that did not run; the summary does not repeat them.
      note(summarize(r, tally, { sources: false }) + '\n');
      // A temporary bundle is deleted when check ends: the report does not name its path.
      code = await runAnalysis([bundle], o, dir ? new Map([[bundle, `${o.root ? `${report ? 'report' : 'tree'} ${o.root}` : 'this host'} (bundle not kept)`]]) : undefined);
    } catch (e) {
      if (e instanceof CollectError) {
        warn(`fwsnap check: ${e.message}`);
        code = stop.exitCode() ?? EXIT.unusable;
      } else throw e;
    } finally {
      stop.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (o.output && collected) note(`bundle kept at ${bundle}`);
    }
    process.exitCode = code;
  });
}
