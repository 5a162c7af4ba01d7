import type { Command } from 'commander';
import { analyze } from '../analyzer/analyze.js';
import { CLASSES } from '../analyzer/classes/index.js';
import { DatabaseError, openReadOnly, type Db } from '../analyzer/db/database.js';
import { diffBundles } from '../analyzer/report/diff.js';
import { renderDiffHtml } from '../analyzer/report/diff-html.js';
import { renderDiffMarkdown, renderDiffText } from '../analyzer/report/diff-render.js';
import { defaultRulesDir, loadRules, RuleFileError } from '../analyzer/rules/load-rules.js';
import { SEVERITIES, type Severity } from '../analyzer/rules/types.js';
import { terminalSafeDeep } from '../bundle/terminal-safe.js';
import { jsonChunks } from '../analyzer/report/json-chunks.js';
import { CliError, STATUS } from './exit.js';
import { warnPartialLoads } from './partial-loads.js';
import { colourWanted } from './colour.js';
import { isReport, withImportedReports } from './imported-reports.js';
import { openableFile } from './input-path.js';
import { pickPair } from './pick-bundle.js';
import { note } from './verbosity.js';
import { bundleArgument, displayName, STDIN_NAME } from './stdin-bundle.js';
import { existingFile, oneOf, rulesDirectory } from './options.js';
import { stdoutWriter } from './query-command.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface DiffOptions {
  format: Format;
  minSeverity: Severity;
  db?: string;
  rules?: string;
}

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('compare two bundles, or two hosts (or bundle ids) of one --db: devices, firmware, settings, findings (exit 0 no differences, 1 differences, 2 unusable input, 3 a bundle partly unverifiable)')
    .argument('<a>', 'the earlier bundle (with --db: a bundle id, hostname, bundle file name or manifest sha256 prefix)')
    .argument('<b>', 'the later bundle (with --db: a bundle id, hostname, bundle file name or manifest sha256 prefix)')
    .option('--db <file>', 'compare bundles already in this analyzer database', existingFile('--db'))
    .option('--format <format>', FORMATS.join(', '), oneOf('--format', FORMATS), 'text' as Format)
    .option('--min-severity <severity>', `compare findings at or above (${SEVERITIES.join(', ')})`, oneOf('--min-severity', SEVERITIES), 'low' as Severity)
    .option('--rules <dir>', 'rules directory (default: the rules shipped with fwsnap)', rulesDirectory('--rules'))
    .addHelpText('after', '\nExamples:\n  fwsnap diff before.tar.gz after.tar.gz\n  fwsnap diff --db fleet.db db7 db8 --format markdown\n  fwsnap diff --db fleet.db db7 db7   # what changed on db7 since its previous bundle\n  fwsnap diff --db case.db before.tar.gz after.tar.gz   # bundles of saved outputs, by file name\n  fwsnap diff before.tar.gz after.tar.gz --format html > diff.html\n')
    .action(async (a: string, b: string, o: DiffOptions) => {
      let db: Db;
      let ids: [number, number];
      let rules;
      let partial = false;
      try {
        rules = loadRules(o.rules ?? defaultRulesDir());
        if (o.db) {
          db = openReadOnly(o.db);
          const pair = pickPair(db, o.db, a, b);
          ids = pair.ids;
          if (pair.said) note(`fwsnap diff: ${pair.said}`);
        } else {
          for (const x of [a, b]) if (x !== STDIN_NAME && !(await isReport(x))) openableFile(x, '', { pipes: true });
          // Either side may be - (the bundle on stdin), or a sosreport or supportconfig (imported first).
          const { r, files, recordedPaths } = await withImportedReports([a, b], 'diff', async ([x, y], names) => {
            const files = [await bundleArgument(x!), await bundleArgument(y!)] as const;
            const recordedPaths = new Map([...names, ...files.filter((f) => displayName(f) !== f).map((f) => [f, displayName(f)] as const)]);
            return { r: await analyze({ bundles: [...files], rulesDir: o.rules, minSeverity: o.minSeverity, recordedPaths }), files, recordedPaths };
          });
          db = r.db;
          if (r.unusable.length) {
            db.close();
            throw new CliError(r.unusable.map((u) => u.message).join('; '));
          }
          partial = warnPartialLoads(r.loads, (p) => recordedPaths.get(p) ?? p);
          const idOf = (path: string): number => [...r.loads, ...r.reused].find((l) => l.path === path)!.bundleId;
          ids = [idOf(files[0]), idOf(files[1])];
        }
      } catch (e) {
        if (e instanceof RuleFileError || e instanceof DatabaseError) throw new CliError(e.message);
        throw e;
      }
      const compared = CLASSES.flatMap((c) => c.compared ?? []);
      const diff = diffBundles(db, ids[0], ids[1], rules, o.minSeverity, compared);
      db.close();
      const chunks =
        o.format === 'json'
          ? jsonChunks(diff)
          : [
              o.format === 'markdown'
                ? renderDiffMarkdown(terminalSafeDeep(diff))
                : o.format === 'html'
                  ? renderDiffHtml(terminalSafeDeep(diff))
                  : renderDiffText(terminalSafeDeep(diff), { colour: colourWanted(process.stdout) }),
            ];
      const out = stdoutWriter();
      for (const c of chunks) await out.write(c);
      await out.flush();
      process.exitCode = partial ? STATUS.partial : diff.differences ? STATUS.findings : STATUS.ok;
    });
}
