import { Command, CommanderError } from 'commander';
import { UPSTREAM_SOURCES } from '../../classes/upstream.js';
import { defaultRulesDir, loadRules } from '../load-rules.js';
import { checkClaims } from './claims.js';
import { kernelTreeAt, kernelTreeFromEnv, type KernelTree } from './kernel-tree.js';
import { checkSources, writeSources } from './sync.js';

/**
 * `npm run rules:upstream -- [--kernel-src DIR] [--write]`: checks (or with --write regenerates) every rule
 * file made from an upstream kernel table, and prints which kernel file and version each one follows.
 */
const program = new Command('rules-upstream')
  .exitOverride()
  .option('--kernel-src <dir>', 'kernel source tree to read the tables from (default: $FWSNAP_KERNEL_SRC)')
  .option('--write', 'rewrite the extracted tables and the generated rule files')
  .action((o: { kernelSrc?: string; write?: boolean }) => {
    const tree: KernelTree | undefined = o.kernelSrc ? kernelTreeAt(o.kernelSrc) : kernelTreeFromEnv();
    const dir = defaultRulesDir();
    if (o.write) writeSources(dir, UPSTREAM_SOURCES, tree);
    let stale = 0;
    for (const s of checkSources(dir, UPSTREAM_SOURCES, tree)) {
      const d = s.source.describe(s.table);
      const state = s.tableStale ? `table differs from Linux ${tree!.version}` : s.rulesStale ? 'rules differ from the table' : 'up to date';
      if (s.tableStale || s.rulesStale) stale++;
      process.stdout.write(`${s.source.rulesFile}: Linux ${d.kernel} ${d.file} (sha256 ${d.sha256.slice(0, 16)}…), ${d.rows} rows → ${d.rules} rules, ${d.unreachable} unreachable: ${state}\n`);
    }
    if (!tree) process.stdout.write('no kernel tree given (--kernel-src or FWSNAP_KERNEL_SRC): tables and claims were not read from the source\n');
    else {
      const claims = checkClaims(loadRules(dir), tree);
      for (const c of claims.checked) process.stdout.write(`${c.rule}: Linux ${c.cited.join('/')} ${c.files.join(', ')}\n`);
      for (const o of claims.otherVersion) process.stdout.write(`${o.rule}: cites Linux ${o.cited} ${o.file}, the tree is ${tree.version}\n`);
      for (const p of claims.problems) process.stdout.write(`${p.rule}: ${p.message}\n`);
      stale += claims.problems.length;
    }
    process.exitCode = stale ? 1 : 0;
  });

try {
  program.parse();
} catch (e) {
  // Commander has already printed its own message for a usage error; help is not an error.
  if (e instanceof CommanderError) process.exitCode = e.code === 'commander.helpDisplayed' ? 0 : 2;
  else {
    process.stderr.write(`rules-upstream: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
