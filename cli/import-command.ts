import type { Command } from 'commander';
import { CollectError } from '../collector/collect.js';
import { importReport } from '../collector/import/import-report.js';
import { importSummary } from './collect-report.js';
import { summarize, stopOnSignals } from './collect-command.js';
import { describeBundle, bundleSummary } from './collect-summary.js';
import { UsageError, warn } from './exit.js';
import { parseTimeout, requireRedactFor } from './options.js';
import { outputTarget } from './output-path.js';

/** `scc_host_240101_1200.txz` or `sosreport-host-2024-….tar.xz` → `….fwsnap.tar.gz` beside the current directory. */
export function defaultImportName(input: string): string {
  const base = input.replace(/\/+$/, '').split('/').pop() ?? 'report';
  return `${base.replace(/\.(tar\.(xz|gz|bz2)|txz|tgz|tbz2?)$/, '')}.fwsnap.tar.gz`;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('turn a sosreport or supportconfig (archive or directory) into a bundle; what it holds that fwsnap reads, each artifact naming its file in the report')
    .argument('<report>', 'sosreport (.tar.xz, .tar.gz, .tar.bz2 or extracted directory) or supportconfig (scc_….txz or directory)')
    .option('-o, --output <file>', 'bundle to write (default: the report\'s name with .fwsnap.tar.gz, in the current directory)')
    .option('--force', 'replace an existing bundle at the output (a regular file only)', false)
    .option('--timeout <seconds>', 'deadline per source', parseTimeout, 10)
    .option('--redact', 'replace hostnames, addresses, serial numbers and unique ids by consistent tokens, as fwsnap redact does (docs/redaction.md)', false)
    .option('--map <file>', 'with --redact: where to write the token map (default: <output>.redaction-map.json); an existing map is extended')
    .option('--keep-binary', 'with --redact: keep binary artifacts of unknown layout instead of leaving them out', false)
    .addHelpText('after', '\nExamples:\n  fwsnap import sosreport-host7-2026-03-02-abcdef.tar.xz\n      a bundle of what the sosreport holds that fwsnap reads\n  fwsnap import scc_host7_260302_1200.txz -o host7.tar.gz && fwsnap analyze host7.tar.gz\n      a supportconfig imported, then analysed\n  fwsnap import --redact sosreport-host7-2026-03-02-abcdef.tar.xz -o case-1234.tar.gz\n      a bundle safe to attach to a public ticket; the token map is written next to it (keep it private)\n')
    .action(async (input: string, o: { output?: string; force: boolean; timeout: number; redact: boolean; map?: string; keepBinary: boolean }) => {
      if (input === '-') throw new UsageError('import reads a report file or directory, not stdin (-); save the report to a file first');
      requireRedactFor(o);
      const output = outputTarget(o.output ?? defaultImportName(input), { force: o.force });
      const mapPath = o.redact && o.map !== undefined ? outputTarget(o.map, { force: o.force, replaceFile: true, option: '--map' }) : undefined;
      const stop = stopOnSignals();
      try {
        const r = await importReport({
          input, output, overwrite: o.force, timeoutSeconds: o.timeout, signal: stop.signal,
          redact: o.redact ? { mapPath, keepBinary: o.keepBinary } : undefined,
        });
        const secrets = r.secrets === undefined ? '' : `secrets replaced: ${r.secrets}\n`;
        process.stdout.write(`${importSummary(r)}\n${summarize(r)}\n${secrets}${bundleSummary(await describeBundle(r.path, o.redact, r.mapPath), 'import')}\n`);
        process.exitCode = 0;
      } catch (e) {
        if (!(e instanceof CollectError)) throw e;
        warn(`fwsnap import: ${e.message}`);
        process.exitCode = stop.exitCode() ?? 2;
      } finally {
        stop.dispose();
      }
    });
}
