import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { analyze, EXIT, type AnalyzeResult } from '../analyzer/analyze.js';
import { DatabaseError } from '../analyzer/db/database.js';
import { renderMarkdown } from '../analyzer/report/markdown.js';
import { renderText } from '../analyzer/report/text.js';
import { RuleFileError } from '../analyzer/rules/load-rules.js';
import { SEVERITIES, type Severity } from '../analyzer/rules/types.js';
import { collect, CollectError } from '../collector/collect.js';
import { stopOnSignals, summarize } from './collect-command.js';

type Format = 'text' | 'json' | 'markdown';

export interface ReportOptions {
  format: Format;
  minSeverity: Severity;
  rules?: string;
  db?: string;
  mlxconfigDb?: string;
}

function parseSeverity(v: string): Severity {
  if (!SEVERITIES.includes(v as Severity)) throw new Error(`--min-severity must be one of ${SEVERITIES.join(', ')}`);
  return v as Severity;
}

function parseFormat(v: string): Format {
  if (!['text', 'json', 'markdown'].includes(v)) throw new Error('--format must be text, json or markdown');
  return v as Format;
}

function emit(r: AnalyzeResult, format: Format): void {
  for (const u of r.unusable) process.stderr.write(`fwsnap: ${u.message}\n`);
  const text = format === 'json' ? JSON.stringify(r.report, null, 2) + '\n' : format === 'markdown' ? renderMarkdown(r.report) : renderText(r.report);
  process.stdout.write(text);
}

export async function runAnalysis(bundles: string[], o: ReportOptions): Promise<number> {
  try {
    const r = await analyze({ bundles, db: o.db, rulesDir: o.rules, minSeverity: o.minSeverity, mlxconfigDb: o.mlxconfigDb });
    emit(r, o.format);
    r.db.close();
    return r.exitCode;
  } catch (e) {
    if (e instanceof RuleFileError || e instanceof DatabaseError) {
      process.stderr.write(`fwsnap: ${e.message}\n`);
      return EXIT.unusable;
    }
    throw e;
  }
}

const reportFlags = (c: Command): Command =>
  c
    .option('--format <format>', 'text, json or markdown', parseFormat, 'text' as Format)
    .option('--min-severity <severity>', `report findings at or above (${SEVERITIES.join(', ')})`, parseSeverity, 'low' as Severity)
    .option('--rules <dir>', 'rules directory (default: the rules shipped with fwsnap)')
    .option('--mlxconfig-db <file>', 'mstflint mlxconfig database for ConnectX constraint checks');

export function registerAnalyze(program: Command): void {
  reportFlags(
    program
      .command('analyze')
      .description(`load bundles into SQLite and report rule findings (exit ${EXIT.clean} clean, ${EXIT.findings} findings, ${EXIT.unusable} unusable input, ${EXIT.partial} partly unverifiable bundle)`)
      .argument('<bundle...>')
      .option('--db <file>', 'keep the database in this file (many bundles may share one)'),
  ).action(async (bundles: string[], o: ReportOptions) => {
    process.exit(await runAnalysis(bundles, o));
  });

  reportFlags(
    program
      .command('check')
      .description('collect this host into a temporary bundle, analyze it and report')
      .option('-o, --output <file>', 'keep the bundle at this path')
      .option('--timeout <seconds>', 'deadline per source', (v) => Number(v), 10)
      .option('--root <dir>', 'check a captured tree instead of this host'),
  ).action(async (o: ReportOptions & { output?: string; timeout: number; root?: string }) => {
    const dir = o.output ? undefined : mkdtempSync(join(tmpdir(), 'fwsnap-check-'));
    const bundle = o.output ? resolve(o.output) : join(dir!, 'host.tar.gz');
    let code: number;
    const stop = stopOnSignals();
    try {
      const r = await collect({ output: bundle, timeoutSeconds: o.timeout, root: o.root, signal: stop.signal });
      stop.dispose();
      // Interrupted while analyzing: the temporary bundle goes too.
      const quit = (sig: string, exit: number) => (): void => {
        process.stderr.write(`\nfwsnap: ${sig} received, stopping\n`);
        if (dir) rmSync(dir, { recursive: true, force: true });
        process.exit(exit);
      };
      process.once('SIGINT', quit('SIGINT', 130));
      process.once('SIGTERM', quit('SIGTERM', 143));
      process.stderr.write(summarize(r) + '\n\n');
      code = await runAnalysis([bundle], o);
    } catch (e) {
      process.stderr.write(`fwsnap check: ${e instanceof CollectError ? e.message : (e as Error).stack}\n`);
      code = stop.exitCode() ?? EXIT.unusable;
    } finally {
      stop.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
    if (o.output && existsSync(bundle)) process.stderr.write(`bundle kept at ${bundle}\n`);
    process.exit(code);
  });
}
