import type { Command } from 'commander';

/** One example of a command's use: the command line and what it does. */
export type Example = [command: string, what: string];

const EXAMPLES = new WeakMap<Command, Example[]>();

/** Adds the examples to the command's --help; the man page takes them from here too. */
export function withExamples(cmd: Command, examples: Example[]): Command {
  EXAMPLES.set(cmd, examples);
  return cmd.addHelpText('after', `\nExamples:\n${examples.map(([c, what]) => `  ${c}\n      ${what}`).join('\n')}\n`);
}

export const examplesOf = (cmd: Command): Example[] => EXAMPLES.get(cmd) ?? [];
