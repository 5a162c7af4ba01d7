#!/usr/bin/env node
import { Command } from 'commander';
import { TOOL_VERSION } from '../bundle/version.js';
import { formatVerifyReport, verifyBundle } from '../bundle/verify.js';
import { registerAnalyze } from './analyze-command.js';
import { registerCollect } from './collect-command.js';
import { registerQuery } from './query-command.js';
import { registerRedact } from './redact-command.js';
import { registerRules } from './rules-command.js';

const program = new Command();
program.name('fwsnap').description('device firmware and configuration snapshots, analyzed offline').version(TOOL_VERSION);

registerCollect(program);
registerAnalyze(program);
registerQuery(program);
registerRules(program);
registerRedact(program);

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
