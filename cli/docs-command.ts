import type { Command } from 'commander';
import { TOOL_VERSION } from '../bundle/version.js';
import { bashCompletion } from './docs/completion.js';
import { manPage, type ManSection } from './docs/man-page.js';
import { withExamples } from './help.js';
import { oneOf } from './options.js';

const SECTIONS: ManSection[] = [
  {
    title: 'Files and streams',
    body: [
      'A bundle argument of - reads the bundle from standard input (spooled to a private temporary file, so memory stays bounded); -o - writes the bundle or document to standard output, and the summary goes to standard error.',
    ],
  },
  {
    title: 'Exit status',
    body: [
      ['0', 'success: nothing found, nothing differs, the bundle verified'],
      ['1', 'findings reported (analyze, check), differences (diff), a bundle that does not verify (verify), failed rule tests'],
      ['2', 'usage error or unusable input: a bad option, a file that cannot be read, a bundle that is not one'],
      ['3', 'analyze and check: a bundle partly unverifiable (its verified parts were analysed)'],
      ['130, 143', 'stopped by SIGINT or SIGTERM; no partial bundle is left'],
      ['141', 'the reader of standard output went away (| head)'],
    ],
  },
  {
    title: 'Environment',
    body: [
      ['NO_COLOR', 'set to anything but the empty string: no colour, even on a terminal (colour is only ever used on a terminal)'],
      ['TERM', 'dumb: no colour'],
      ['TMPDIR', 'where temporary bundles, spooled input and analysis databases are written'],
      ['FWSNAP_DEBUG', 'set: internal errors print their stack trace'],
    ],
  },
  { title: 'See also', body: ['lspci(8), ethtool(8), nvme(1), mstconfig(1); the documents under docs/ in the fwsnap package (bundle format, database schema, rules).'] },
];

export function registerDocs(program: Command): void {
  withExamples(
    program
      .command('completion')
      .description('print the bash completion script for fwsnap')
      .argument('[shell]', 'the shell (bash)', oneOf('shell', ['bash'] as const), 'bash')
      .action(() => {
        process.stdout.write(bashCompletion(program));
      }),
    [
      ['source <(fwsnap completion bash)', 'complete fwsnap commands, options and files in this shell'],
      ['fwsnap completion bash > /usr/share/bash-completion/completions/fwsnap', 'install it for everyone'],
    ],
  );
  withExamples(
    program
      .command('manpage')
      .description('print the fwsnap(1) manual page (roff)')
      .action(() => {
        process.stdout.write(manPage(program, TOOL_VERSION, SECTIONS));
      }),
    [['fwsnap manpage | man -l -', 'read the manual without installing it']],
  );
}
