import type { Command } from 'commander';
import { examplesOf, notesOf } from '../help.js';
import { choicesOf, commandTree } from './walk.js';

/** Text safe in roff: backslashes and hyphens escaped, no line starting with a control character, anything beyond ASCII as \[uXXXX]. */
const roff = (s: string): string =>
  s
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/[^\x00-\x7f]/gu, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);

/** What `--help` prints after the options (commander's addHelpText('after', …)). */
export function afterHelp(cmd: Command): string {
  let text = '';
  (cmd as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command: cmd, write: (s: string) => (text += s) });
  return text;
}

export interface ManSection {
  title: string;
  /** Paragraphs; a [term, text] pair becomes a tagged paragraph. */
  body: (string | [string, string])[];
}

/**
 * fwsnap(1), generated from the command definitions (`npm run docs:cli`): every command with its arguments,
 * options and examples, then the sections given (exit status, environment). No date: the page changes only
 * when a command does.
 */
export function manPage(program: Command, version: string, extra: ManSection[]): string {
  const name = program.name();
  const out: string[] = [
    `.\\" Generated from the command definitions by \`npm run docs:cli\`; do not edit.`,
    `.TH ${name.toUpperCase()} 1 "" "${name} ${version}" "User Commands"`,
    '.SH NAME',
    `${name} \\- ${roff(program.description())}`,
    '.SH SYNOPSIS',
    `.B ${name}`,
    `[\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]`,
  ];
  const tree = commandTree(program);
  const [top, ...commands] = tree;
  out.push('.SH GLOBAL OPTIONS');
  for (const o of top!.options) out.push('.TP', `.B ${roff(o.flags)}`, roff(o.description));
  out.push('.SH COMMANDS');
  for (const e of commands) {
    const c = e.command;
    const args = c.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`));
    out.push(`.SS "${roff([name, ...e.path, ...(e.options.length > 1 ? ['[options]'] : []), ...args].join(' '))}"`);
    out.push(roff(c.description() || (e.subcommands.length ? `subcommands: ${e.subcommands.map((s) => s.name()).join(', ')}` : '')));
    for (const a of c.registeredArguments.filter((x) => x.description)) out.push('.TP', `.I ${roff(a.name())}`, roff(a.description));
    for (const o of e.options) {
      if (o.long === '--help') continue;
      const choices = choicesOf(o);
      const dflt = o.defaultValue !== undefined && o.defaultValue !== false ? ` (default: ${String(o.defaultValue)})` : '';
      out.push('.TP', `.B ${roff(o.flags)}`, roff(`${o.description}${choices && !o.description.includes(choices.join(', ')) ? ` (${choices.join(', ')})` : ''}${dflt}`));
    }
    const notes = notesOf(c);
    if (notes) {
      out.push('.PP', `${roff(notes.title)}:`);
      for (const [term, text] of notes.entries) out.push('.TP', `.B ${roff(term)}`, roff(text));
    }
    const examples = examplesOf(c);
    if (examples.length) {
      out.push('.PP', 'Examples:');
      for (const [line, what] of examples) out.push('.TP', `.B ${roff(line)}`, roff(what));
    } else {
      // A command that wrote its examples with commander's addHelpText: its text as --help shows it.
      const after = afterHelp(c).trim();
      if (after) out.push('.PP', '.nf', roff(after), '.fi');
    }
  }
  for (const s of extra) {
    out.push(`.SH ${s.title.toUpperCase()}`);
    for (const p of s.body) {
      if (typeof p === 'string') out.push('.PP', roff(p));
      else out.push('.TP', `.B ${roff(p[0])}`, roff(p[1]));
    }
  }
  return out.join('\n') + '\n';
}
