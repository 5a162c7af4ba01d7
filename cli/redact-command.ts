import type { Command } from 'commander';
import { MapFileError } from '../bundle/redact/map-file.js';
import { sameFile } from '../bundle/same-file.js';
import { isTextFile } from '../collector/one-file-tree.js';
import { shellWord } from './collect-summary.js';
import { redactBundle, RedactError } from '../bundle/redact/redact-bundle.js';
import { REDACTION } from '../collector/classes/index.js';
import { terminalSafe } from '../bundle/terminal-safe.js';
import { OutputExistsError } from '../bundle/writer.js';
import { CliError, warn } from './exit.js';
import { withExamples } from './help.js';
import { openableFile } from './input-path.js';
import { bundleArgument, refuseEmptyOrUnreadable, STDIN_NAME } from './stdin-bundle.js';
import { outputTarget } from './output-path.js';

export function registerRedact(program: Command): void {
  const cmd = program
    .command('redact')
    .description('copy a bundle with hostnames, addresses, serial numbers and unique ids replaced by consistent tokens')
    .argument('<in>', 'bundle to redact (must verify; - : read it from stdin)')
    .argument('<out>', 'redacted bundle to write')
    .option('--map <file>', 'where to write the token map (default: <out>.redaction-map.json); an existing map is extended')
    .option('--force', 'redact even a bundle that does not verify, and replace an existing OUT (a regular file only)', false)
    .option('--keep-binary', 'keep binary artifacts of unknown layout instead of leaving them out', false);
  withExamples(cmd, [
    ['fwsnap redact host7.tar.gz host7.redacted.tar.gz', 'a copy safe to share; the token map is written next to it (keep it private)'],
    ['fwsnap redact --map site.map.json b.tar.gz b.redacted.tar.gz', 'the same tokens for the same names across many bundles'],
  ]);
  cmd.action(async (input: string, out: string, o: { map?: string; force: boolean; keepBinary: boolean }) => {
      if (input !== STDIN_NAME) openableFile(input, '', { pipes: true });
      if (input !== STDIN_NAME && sameFile(input, out)) throw new CliError(`OUT ${out} is the input bundle itself; give another path`);
      if (input !== STDIN_NAME && isTextFile(input)) throw new CliError(`${input} is text, not a bundle: \`fwsnap collect --root ${shellWord(input)} --redact -o ${shellWord(out)}\` makes a redacted bundle of the tool outputs in it`);
      const output = outputTarget(out, { force: o.force, option: 'OUT' });
      const mapPath = o.map === undefined ? undefined : outputTarget(o.map, { force: o.force, replaceFile: true, option: '--map' });
      const inputFile = await bundleArgument(input);
      refuseEmptyOrUnreadable(inputFile, input);
      try {
        const r = await redactBundle({ catalog: REDACTION, input: inputFile, output, mapPath, force: o.force, keepBinary: o.keepBinary, overwrite: o.force });
        for (const p of r.inputProblems) warn(`warning: ${input}: ${p.kind}${p.entry ? ` ${p.entry}` : ''}: ${p.message}`);
        const dropped = r.manifest.dropped ?? [];
        process.stdout.write(
          `artifacts: ${r.written} written, ${dropped.length} left out (listed in manifest.json "dropped")\n` +
            `secrets replaced: ${r.secrets}\nbundle: ${terminalSafe(output)}\nredaction map: ${terminalSafe(r.mapPath)} (keep it private; it is not part of the bundle)\n`,
        );
        process.exitCode = 0;
      } catch (e) {
        if (e instanceof RedactError) throw new CliError(`${e.message}`, e.problems.length ? 1 : 2);
        if (e instanceof MapFileError || e instanceof OutputExistsError) throw new CliError(`${e.message}; no bundle was written`);
        throw e;
      }
    });
}
