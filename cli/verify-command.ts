import type { Command } from 'commander';
import { formatVerifyReport, verifyBundle } from '../bundle/verify.js';
import { CliError, warn } from './exit.js';
import { isTextFile } from '../collector/one-file-tree.js';
import { textWords } from './input-hint.js';
import { withExamples } from './help.js';
import { openableFile } from './input-path.js';
import { bundleArgument, refuseEmptyOrUnreadable, STDIN_NAME } from './stdin-bundle.js';

export function registerVerify(program: Command): void {
  const cmd = program
    .command('verify')
    .description('re-hash every entry of a bundle against its manifest (exit 0 verified, 1 not, 2 cannot be read)')
    .argument('<bundle>', 'the bundle (- : read it from stdin)');
  withExamples(cmd, [
    ['fwsnap verify host7.tar.gz', 'check every entry of a received bundle against its manifest'],
    ['curl -s https://files.example/host7.tar.gz | fwsnap verify -', 'verify a bundle read from stdin'],
  ]);
  cmd.action(async (path: string) => {
      if (path !== STDIN_NAME) openableFile(path, '', { pipes: true });
      const file = await bundleArgument(path);
      refuseEmptyOrUnreadable(file, path);
      const r = await verifyBundle(file).catch((e: Error) => {
        throw new CliError(`${path}: ${e.message}`);
      });
      process.stdout.write(formatVerifyReport(path, r) + '\n');
      if (!r.ok && path !== STDIN_NAME && isTextFile(path)) warn(`fwsnap verify: ${path} is text${textWords(path)}`);
      process.exitCode = r.ok ? 0 : 1;
    });
}
