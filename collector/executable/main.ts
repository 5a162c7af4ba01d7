import { Command } from 'commander';
import { registerCollect } from '../../cli/collect-command.js';
import { exitAfterDrain, installProcessHandlers, reportError } from '../../cli/exit.js';
import { registerRedact } from '../../cli/redact-command.js';
import { registerVerify } from '../../cli/verify-command.js';
import { TOOL_VERSION } from '../../bundle/version.js';
import { useEmbeddedWorker, WORKER_SENTINEL } from '../run/worker-path.js';
import { prestartWorkers } from '../run/worker-pool.js';
import { earlyStart } from '../../cli/early-start.js';

/**
 * The single-file collector (docs/single-executable.md): collect, verify and redact, no analyzer. The
 * executable is also its own worker process: the pool forks it with WORKER_SENTINEL as the first argument.
 */
async function main(): Promise<number> {
  // Inside an executable argv[1] is the executable again; the user's (or the pool's) arguments follow.
  if (process.argv[2] === WORKER_SENTINEL) {
    process.argv.splice(1, 2, WORKER_SENTINEL);
    await import('../run/worker-main.js');
    return -1;
  }
  useEmbeddedWorker();
  // As cli/main.ts does: the worker's start overlaps the rest of this one's, and a plain collect sends it its
  // first source at once.
  const args = process.argv.slice(2);
  if (args.find((a) => !a.startsWith('-')) === 'collect' && !args.includes('--help') && !args.includes('-h')) prestartWorkers(1, earlyStart(args, false));
  installProcessHandlers();
  const program = new Command();
  program.exitOverride();
  program.name('fwsnap-collector').description('snapshot this host\'s devices into a verifiable bundle (fwsnap without the analyzer)').version(TOOL_VERSION);
  registerCollect(program);
  registerVerify(program);
  registerRedact(program);
  try {
    await program.parseAsync(process.argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return reportError(e, 'fwsnap-collector');
  }
}

void main().then((code) => (code < 0 ? undefined : exitAfterDrain(code)));
