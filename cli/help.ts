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

/** A titled list a command's --help prints after its options ([term, text] pairs); the man page takes it from here too. */
export interface HelpNotes {
  title: string;
  entries: [term: string, text: string][];
}

const NOTES = new WeakMap<Command, HelpNotes>();

/** Adds the notes to the command's --help; call before withExamples so that the examples come last. */
export function withNotes(cmd: Command, notes: HelpNotes): Command {
  NOTES.set(cmd, notes);
  return cmd.addHelpText('after', `\n${notes.title}:\n${notes.entries.map(([t, text]) => `  ${t}\n      ${text}`).join('\n')}`);
}

export const notesOf = (cmd: Command): HelpNotes | undefined => NOTES.get(cmd);
