import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { analyze, EXIT, type AnalyzeResult } from '../analyzer/analyze.js';
import { SpoolError } from '../bundle/entry-spool.js';
import { DatabaseError } from '../analyzer/db/database.js';
import { renderHtml } from '../analyzer/report/html.js';
import { renderMarkdown } from '../analyzer/report/markdown.js';
import { renderText } from '../analyzer/report/text.js';
import { RuleFileError } from '../analyzer/rules/load-rules.js';
import { SEVERITIES, type Severity } from '../analyzer/rules/types.js';
import { jsonTerminalSafe, terminalSafeDeep } from '../bundle/terminal-safe.js';
import { collect, CollectError } from '../collector/collect.js';
import { stopOnSignals, summarize } from './collect-command.js';
import { CliError, warn } from './exit.js';
import { existingDir, existingFile, oneOf, parseTimeout } from './options.js';
import { outputTarget } from './output-path.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  format: Format;
  minSeverity: Severity;
  rules?: string;
  db?: string;
  mlxconfigDb?: string;
  replace?: boolean;
}

function emit(r: AnalyzeResult, format: Format): void {
  for (const u of r.unusable) warn(`fwsnap: ${u.message}`);
  for (const l of r.reused) {
    warn(`fwsnap: ${l.path} is already in the database as bundle ${l.bundleId} (same manifest, sha256 ${l.manifestSha256 ?? '?'}): not loaded again, its rules run again; --replace reloads it`);
  }
  // Every string of the report comes from a bundle or a rule file: escaped for the terminal in every format.
  const text =
    format === 'json'
      ? jsonTerminalSafe(JSON.stringify(r.report, null, 2)) + '\n'
      : format === 'markdown'
        ? renderMarkdown(terminalSafeDeep(r.report))
        : format === 'html'
          ? renderHtml(terminalSafeDeep(r.report))
        : renderText(terminalSafeDeep(r.report));
  process.stdout.write(text);
}

export async function runAnalysis(bundles: string[], o: ReportOptions): Promise<number> {
  try {
    const r = await analyze({ bundles, db: o.db, rulesDir: o.rules, minSeverity: o.minSeverity, mlxconfigDb: o.mlxconfigDb, replace: o.replace });
    emit(r, o.format);
    r.db.close();
    return r.exitCode;
  } catch (e) {
    if (e instanceof RuleFileError || e instanceof DatabaseError || e instanceof SpoolError) throw new CliError(e.message, EXIT.unusable);
    throw e;
  }
}

/** A sosreport or supportconfig among the inputs is imported into a temporary bundle first (docs/import.md). */
async function importedReports(inputs: string[], dir: string): Promise<string[]> {
  const { looksLikeReport } = await import('../collector/import/detect.js');
  const out: string[] = [];
  for (const [i, input] of inputs.entries()) {
    if (!(await looksLikeReport(input))) {
      out.push(input);
      continue;
    }
    const { importReport } = await import('../collector/import/import-report.js');
    const { defaultImportName } = await import('./import-command.js');
    try {
      const r = await importReport({ input, output: join(dir, `${i}-${defaultImportName(input)}`) });
      warn(`fwsnap: ${input} is a ${r.report}${r.version ? ` ${r.version}` : ''}: imported (${r.mapped} files mapped, ${r.unmapped.length} device-tool outputs not mapped; \`fwsnap import\` keeps the bundle)`);
      out.push(r.path);
    } catch (e) {
      if (e instanceof CollectError) throw new CliError(`${input}: ${e.message}`, EXIT.unusable);
      throw e;
    }
  }
  return out;
}

const reportFlags = (c: Command): Command =>
  c
    .option('--format <format>', FORMATS.join(', '), oneOf('--format', FORMATS), 'text' as Format)
    .option('--min-severity <severity>', `report findings at or above (${SEVERITIES.join(', ')})`, oneOf('--min-severity', SEVERITIES), 'low' as Severity)
    .option('--rules <dir>', 'rules directory (default: the rules shipped with fwsnap)', existingDir('--rules'))
    .option('--mlxconfig-db <file>', 'mstflint mlxconfig database for ConnectX constraint checks', existingFile('--mlxconfig-db'));

export function registerAnalyze(program: Command): void {
  reportFlags(
    program
      .command('analyze')
      .description(`load bundles into SQLite and report rule findings (exit ${EXIT.clean} clean, ${EXIT.findings} findings, ${EXIT.unusable} unusable input, ${EXIT.partial} partly unverifiable bundle)`)
      .argument('<bundle...>')
      .option('--db <file>', 'keep the database in this file (many bundles may share one; a bundle already in it is not loaded again)')
      .option('--replace', 'with --db: reload bundles already in the database (same manifest) instead of keeping their copy', false),
  ).action(async (bundles: string[], o: ReportOptions) => {
    const dir = mkdtempSync(join(tmpdir(), 'fwsnap-analyze-'));
    try {
      process.exitCode = await runAnalysis(await importedReports(bundles, dir), o);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  reportFlags(
    program
      .command('check')
      .description('collect this host into a temporary bundle, analyze it and report')
      .option('-o, --output <file>', 'keep the bundle at this path')
      .option('--force', 'with -o: replace an existing bundle (a regular file only)', false)
      .option('--timeout <seconds>', 'deadline per source', parseTimeout, 10)
      .option('--root <dir>', 'check a captured tree instead of this host'),
  ).action(async (o: ReportOptions & { output?: string; force: boolean; timeout: number; root?: string }) => {
    const dir = o.output ? undefined : mkdtempSync(join(tmpdir(), 'fwsnap-check-'));
    const bundle = o.output ? outputTarget(o.output, { force: o.force }) : join(dir!, 'host.tar.gz');
    let code: number;
    let collected = false;
    const stop = stopOnSignals();
    try {
      const r = await collect({ output: bundle, timeoutSeconds: o.timeout, root: o.root, signal: stop.signal, overwrite: o.force });
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
      warn(summarize(r) + '\n');
      code = await runAnalysis([bundle], o);
    } catch (e) {
      if (e instanceof CollectError) {
        warn(`fwsnap check: ${e.message}`);
        code = stop.exitCode() ?? EXIT.unusable;
      } else throw e;
    } finally {
      stop.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (o.output && collected) warn(`bundle kept at ${bundle}`);
    }
    process.exitCode = code;
  });
}
