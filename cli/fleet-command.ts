import { closeSync, openSync, readSync } from 'node:fs';
import type { Command } from 'commander';
import { analyze } from '../analyzer/analyze.js';
import { DatabaseError, openReadOnly, type Db } from '../analyzer/db/database.js';
import { fleetHtmlChunks } from '../analyzer/fleet/html.js';
import { fleetBundles, type FleetBundles } from '../analyzer/fleet/hosts.js';
import { buildFleet } from '../analyzer/fleet/model.js';
import { fleetMarkdownChunks, fleetTextChunks } from '../analyzer/fleet/render.js';
import { jsonChunks } from '../analyzer/report/json-chunks.js';
import { defaultRulesDir, loadRules, RuleFileError } from '../analyzer/rules/load-rules.js';
import { SEVERITIES, type Rule, type Severity } from '../analyzer/rules/types.js';
import { SpoolError } from '../bundle/entry-spool.js';
import { terminalSafeDeep } from '../bundle/terminal-safe.js';
import { CliError, STATUS, UsageError, warn } from './exit.js';
import { warnPartialLoads } from './partial-loads.js';
import { colourWanted } from './colour.js';
import { expandBundleFolders } from './bundle-folders.js';
import { isReport, withImportedReports } from './imported-reports.js';
import { openableFile } from './input-path.js';
import { oneOf, rulesDirectory } from './options.js';
import { stdoutWriter } from './query-command.js';
import { note } from './verbosity.js';

const FORMATS = ['text', 'json', 'markdown', 'html'] as const;
type Format = (typeof FORMATS)[number];

interface FleetOptions {
  format: Format;
  minSeverity: Severity;
  db?: string;
  rules?: string;
  everyBundle?: boolean;
}

/** An analyzer database rather than a bundle: SQLite files open with this header. */
function isDatabase(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === 'SQLite format 3\u0000';
  } catch {
    return false; // a read error (EIO): the bundle reader names the file and says why
  } finally {
    closeSync(fd);
  }
}

export function registerFleet(program: Command): void {
  program
    .command('fleet')
    .description('compare many hosts: host × device model × firmware matrix, firmware histogram per model, and fleet rules (same model with other firmware or NV settings, module parameter and PCIe link outliers); exit 0 no fleet findings, 1 findings, 2 unusable input, 3 a bundle partly unverifiable')
    .argument('<input...>', 'bundles (a folder: the bundles at its top), or one analyzer database; of the bundles of one host, the most recently collected is compared')
    .option('--db <file>', 'with bundles: load them into this database (kept; a bundle already in it is not loaded again)')
    .option('--format <format>', FORMATS.join(', '), oneOf('--format', FORMATS), 'text' as Format)
    .option('--min-severity <severity>', `report fleet findings at or above (${SEVERITIES.join(', ')})`, oneOf('--min-severity', SEVERITIES), 'low' as Severity)
    .option('--every-bundle', 'compare every bundle as a host of its own, older snapshots of a host included')
    .option('--rules <dir>', 'rules directory (default: the rules shipped with fwsnap)', rulesDirectory('--rules'))
    .addHelpText('after', '\nExamples:\n  fwsnap fleet bundles/\n  fwsnap analyze bundles/*.tar.gz --db fleet.db && fwsnap fleet fleet.db --format html > fleet.html\n  fwsnap fleet fleet.db --format json --min-severity medium\n')
    .action(async (given: string[], o: FleetOptions) => {
      const inputs = await expandBundleFolders(given, 'fleet');
      if (inputs.includes('-')) throw new UsageError('fleet reads bundle files and databases, not stdin (-): save each bundle to a file (or analyze - --db FILE, then fleet FILE)');
      for (const p of inputs) if (!(await isReport(p))) openableFile(p);
      await withImportedReports(inputs, 'fleet', (bundles, names) => fleetOf(inputs, bundles, names, o));
    });
}

/** The fleet report of the inputs: one database, or bundles (`bundles`: the inputs with each report imported, named by `names`). */
async function fleetOf(inputs: readonly string[], bundles: string[], names: ReadonlyMap<string, string>, o: FleetOptions): Promise<void> {
  let db: Db;
  let ids: number[];
  let chosen: FleetBundles;
  let rules: readonly Rule[];
  const notices: string[] = [];
  let status: number = STATUS.ok;
  try {
    rules = loadRules(o.rules ?? defaultRulesDir());
    if (inputs.length === 1 && isDatabase(inputs[0]!)) {
      if (o.db) throw new CliError(`${inputs[0]} is a database: --db is for loading bundles`);
      db = openReadOnly(inputs[0]!);
      ids = (db.prepare(`SELECT id FROM bundles ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
      if (!ids.length) throw new CliError(`${inputs[0]}: the database holds no bundle`);
      chosen = o.everyBundle ? { ids, olderSnapshots: [] } : fleetBundles(db);
    } else {
      const r = await analyze({ bundles, db: o.db, rulesDir: o.rules, minSeverity: o.minSeverity, recordedPaths: names });
      db = r.db;
      for (const u of r.unusable) {
        const message = names.has(u.path) ? u.message.split(u.path).join(names.get(u.path)!) : u.message;
        warn(`fwsnap: ${message}`);
        notices.push(message);
      }
      if (r.unusable.length) status = STATUS.unusable;
      else if (warnPartialLoads(r.loads, (p) => names.get(p) ?? p)) status = STATUS.partial;
      ids = r.loads.map((l) => l.bundleId);
      if (!ids.length) {
        db.close();
        throw new CliError('no usable bundle');
      }
      chosen = o.everyBundle ? { ids, olderSnapshots: [] } : fleetBundles(db, ids);
      for (const s of chosen.olderSnapshots) {
        s.path = names.get(s.path) ?? s.path;
        s.newer.path = names.get(s.newer.path) ?? s.newer.path;
      }
    }
  } catch (e) {
    if (e instanceof RuleFileError || e instanceof DatabaseError || e instanceof SpoolError) throw new CliError(e.message);
    throw e;
  }
  if (chosen.olderSnapshots.length)
    note(`fwsnap fleet: ${chosen.olderSnapshots.length} bundle(s) left out as older snapshots of a host whose newer bundle is compared (listed in the report; --every-bundle compares every bundle)`);
  const fleet = buildFleet(db, chosen.ids, rules, o.minSeverity, notices, chosen.olderSnapshots);
  db.close();
  // Written a row at a time: the text of thousands of hosts is never held whole.
  const chunks =
    o.format === 'json'
      ? jsonChunks(fleet)
      : o.format === 'markdown'
        ? fleetMarkdownChunks(terminalSafeDeep(fleet))
        : o.format === 'html'
          ? fleetHtmlChunks(terminalSafeDeep(fleet))
          : fleetTextChunks(terminalSafeDeep(fleet), { colour: colourWanted(process.stdout) });
  const out = stdoutWriter();
  for (const c of chunks) await out.write(c);
  await out.flush();
  process.exitCode = status !== STATUS.ok ? status : fleet.findings.length ? STATUS.findings : STATUS.ok;
}
