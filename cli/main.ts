#!/usr/bin/env node
import { Command } from 'commander';
import { TOOL_VERSION } from '../bundle/version.js';
import { formatVerifyReport, verifyBundle } from '../bundle/verify.js';

type Register = (program: Command) => void;

/** Each command's module, loaded only when that command runs (start-up time matters: `check`, slow guests). */
const COMMANDS: [string[], () => Promise<Register>][] = [
  [['collect'], async () => (await import('./collect-command.js')).registerCollect],
  [['analyze', 'check'], async () => (await import('./analyze-command.js')).registerAnalyze],
  [['query'], async () => (await import('./query-command.js')).registerQuery],
  [['rules'], async () => (await import('./rules-command.js')).registerRules],
  [['redact'], async () => (await import('./redact-command.js')).registerRedact],
];

const program = new Command();
program.name('fwsnap').description('device firmware and configuration snapshots, analyzed offline').version(TOOL_VERSION);

const invoked = process.argv.slice(2).find((a) => !a.startsWith('-'));
if ((invoked === 'collect' || invoked === 'check') && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  const { defaultConcurrency, prestartWorkers } = await import('../collector/run/worker-pool.js');
  prestartWorkers(defaultConcurrency());
}
const chosen = COMMANDS.filter(([names]) => invoked !== undefined && names.includes(invoked));
for (const [, load] of chosen.length ? chosen : COMMANDS) (await load())(program);

program
  .command('verify')
  .description('re-hash every entry of a bundle against its manifest')
  .argument('<bundle>')
  .action(async (path: string) => {
    const r = await verifyBundle(path).catch((e: Error) => {
      process.stderr.write(`fwsnap verify: ${path}: ${e.message}\n`);
      process.exit(2);
    });
    process.stdout.write(formatVerifyReport(path, r) + '\n');
    process.exit(r.ok ? 0 : 1);
  });

await program.parseAsync(process.argv);
