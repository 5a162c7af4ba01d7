import type { Command, Option } from 'commander';
import type { ChoiceParser } from '../options.js';

/** A command as the man page and the completion see it: its words from the top (`rules list`). */
export interface CommandEntry {
  path: string[];
  command: Command;
  options: Option[];
  subcommands: Command[];
}

/** Every visible command under `program`, depth first, the program itself first; commander's `help` left out. */
export function commandTree(program: Command): CommandEntry[] {
  const help = program.createHelp();
  const out: CommandEntry[] = [];
  const walk = (cmd: Command, path: string[]): void => {
    const subcommands = help.visibleCommands(cmd).filter((c) => c.name() !== 'help');
    out.push({ path, command: cmd, options: help.visibleOptions(cmd), subcommands });
    for (const c of subcommands) walk(c, [...path, c.name()]);
  };
  walk(program, []);
  return out;
}

/** The values an option takes, when it names them (its parser from oneOf, or commander's choices). */
export function choicesOf(o: Option): readonly string[] | undefined {
  return o.argChoices ?? (o.parseArg as Partial<ChoiceParser<string>> | undefined)?.choices;
}

/** What an option's value is: a file, a directory, one of some words, or anything. */
export function valueKind(o: Option): 'none' | 'file' | 'dir' | 'choice' | 'other' {
  if (!o.required && !o.optional) return 'none';
  if (choicesOf(o)) return 'choice';
  if (/<dir>/.test(o.flags)) return 'dir';
  if (/<file>|<bundle|<db>|<out>|<in>/.test(o.flags)) return 'file';
  return 'other';
}
