import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MapFileError } from '../bundle/redact/map-file.js';
import { redactBundle, RedactError } from '../bundle/redact/redact-bundle.js';

export function registerRedact(program: Command): void {
  program
    .command('redact')
    .description('copy a bundle with hostnames, addresses, serial numbers and unique ids replaced by consistent tokens')
    .argument('<in>', 'bundle to redact (must verify)')
    .argument('<out>', 'redacted bundle to write')
    .option('--map <file>', 'where to write the token map (default: <out>.redaction-map.json); an existing map is extended')
    .option('--force', 'redact even a bundle that does not verify', false)
    .option('--keep-binary', 'keep binary artifacts of unknown layout instead of leaving them out', false)
    .action(async (input: string, output: string, o: { map?: string; force: boolean; keepBinary: boolean }) => {
      try {
        const r = await redactBundle({ input, output: resolve(output), mapPath: o.map && resolve(o.map), force: o.force, keepBinary: o.keepBinary });
        for (const p of r.inputProblems) process.stderr.write(`warning: ${input}: ${p.kind}${p.entry ? ` ${p.entry}` : ''}: ${p.message}\n`);
        const dropped = r.manifest.dropped ?? [];
        process.stdout.write(
          `artifacts: ${r.manifest.artifacts.length} written, ${dropped.length} left out (listed in manifest.json "dropped")\n` +
            `secrets replaced: ${r.secrets}\nbundle: ${resolve(output)}\nredaction map: ${r.mapPath} (keep it private; it is not part of the bundle)\n`,
        );
        process.exit(0);
      } catch (e) {
        if (e instanceof RedactError || e instanceof MapFileError) {
          process.stderr.write(`fwsnap redact: ${e.message}\n`);
          process.exit(e instanceof RedactError && e.problems.length ? 1 : 2);
        }
        process.stderr.write(`fwsnap redact: ${(e as Error).stack}\n`);
        process.exit(2);
      }
    });
}
