import { Command } from 'commander';
import { TOOL_VERSION } from '../bundle/version.js';
import { exitAfterDrain, installProcessHandlers, reportError, UsageError } from './exit.js';
import { setVerbosity } from './verbosity.js';
import { missingModule } from './missing-module.js';
import { refuseEmptyPaths } from './empty-paths.js';

installProcessHandlers();

type Register = (program: Command) => void;

/** Each command's module, loaded only when that command runs (start-up time matters: `check`, slow guests). */
const COMMANDS: [string[], () => Promise<Register>][] = [
  [['collect'], async () => (await import('./collect-command.js')).registerCollect],
  [['analyze', 'check'], async () => (await import('./analyze-command.js')).registerAnalyze],
  [['query'], async () => (await import('./query-command.js')).registerQuery],
  [['rules'], async () => (await import('./rules-command.js')).registerRules],
  [['redact'], async () => (await import('./redact-command.js')).registerRedact],
  [['verify'], async () => (await import('./verify-command.js')).registerVerify],
  [['diff'], async () => (await import('./diff-command.js')).registerDiff],
  [['fleet'], async () => (await import('./fleet-command.js')).registerFleet],
  [['import'], async () => (await import('./import-command.js')).registerImport],
  [['completion', 'manpage'], async () => (await import('./docs-command.js')).registerDocs],
];

/** Commands that describe every other command: they load them all. */
const DESCRIBE_ALL = new Set(['completion', 'manpage']);

/** `fwsnap --version` (no command, no help asked): commander prints the version before any command is needed. */
function versionOnly(invoked: string | undefined): boolean {
  const args = process.argv.slice(2);
  return invoked === undefined && (args.includes('-V') || args.includes('--version')) && !args.includes('-h') && !args.includes('--help');
}

/**
 * Every command ends here: an action sets process.exitCode (or throws), and the process exits only once
 * stdout and stderr have drained.
 */
async function main(invoked: string | undefined): Promise<number> {
  const program = new Command();
  // Before any subcommand is added, so they all inherit it: commander's own errors become exit status 2.
  program.exitOverride();
  program
    .name('fwsnap')
    .description('device firmware and configuration snapshots, analyzed offline')
    .version(TOOL_VERSION)
    .option('-q, --quiet', 'print only results and errors (no summaries, progress or notes)')
    .option('-v, --verbose', 'also print what fwsnap does and how long it takes, on stderr')
    .hook('preAction', (_program, action) => {
      const g = program.opts<{ quiet?: boolean; verbose?: boolean }>();
      if (g.quiet && g.verbose) throw new UsageError('-q/--quiet and -v/--verbose exclude each other');
      setVerbosity(g.quiet ? 'quiet' : g.verbose ? 'verbose' : 'normal');
      refuseEmptyPaths(action);
    });

  const chosen = invoked !== undefined && DESCRIBE_ALL.has(invoked) ? [] : COMMANDS.filter(([names]) => invoked !== undefined && names.includes(invoked));
  try {
    for (const [, load] of chosen.length ? chosen : versionOnly(invoked) ? [] : COMMANDS) {
      try {
        (await load())(program);
      } catch (e) {
        // Without a command named, one that cannot load is left out of the help rather than failing it.
        if (!chosen.length && missingModule(e)) continue;
        throw missingModule(e) ?? e;
      }
    }
    await program.parseAsync(process.argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return reportError(e, invoked && chosen.length ? `fwsnap ${invoked}` : 'fwsnap');
  }
}

/** Runs the command line (main.ts has already started collect's workers when it names collect or check). */
export async function run(invoked: string | undefined): Promise<never> {
  return exitAfterDrain(await main(invoked));
}
