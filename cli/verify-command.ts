import type { Command } from 'commander';
import { formatVerifyReport, verifyBundle } from '../bundle/verify.js';
import { CliError } from './exit.js';
import { openableFile } from './input-path.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('re-hash every entry of a bundle against its manifest (exit 0 verified, 1 not, 2 cannot be read)')
    .argument('<bundle>')
    .action(async (path: string) => {
      openableFile(path);
      const r = await verifyBundle(path).catch((e: Error) => {
        throw new CliError(`${path}: ${e.message}`);
      });
      process.stdout.write(formatVerifyReport(path, r) + '\n');
      process.exitCode = r.ok ? 0 : 1;
    });
}
