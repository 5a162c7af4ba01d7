/**
 * Words of a typed command line that the shell filled in from a variable or a substitution: a script's `flint -d $DEV q`,
 * `smartctl -a /dev/$d`, `mstconfig -d $(mst status -v | grep pciconf0) q`. What they stood for is unknown here, so
 * they are no device: the device is the one the output names.
 */

/**
 * A command substitution, `$(…)`: one word the shell filled in. Backquotes are not taken for one: in a pasted command
 * they are Markdown's code marks (`pci/0000:af:\`00.0\``) far more often than the shell's old substitution.
 */
const SUBSTITUTION = /\$\([^()\n]*\)/g;

/** A word holding an expansion (`$DEV`, `${disk}`, `/dev/$d`, `"$1"`, a substitution). */
const EXPANDED = /\$(?:[A-Za-z_{(]|\d)/;

/** Where the command itself ends: a pipe, a redirection, a list of commands, a comment. */
const COMMAND_END = /\s*(?:\|\|?|&&|;|[0-9]?>>?|&>|<|\s#\s)/;

/** A loop or a test, whose variables its class reads (`for d in 03:00.0 82:00.0; do flint -d $d q; done`). */
const COMPOUND = /^\s*(?:for|while|until|if|select)\s/;

/** Whether a word holds something the shell filled in (`$DEV`, `"$dev"`, `$(mst status …`, `/dev/sd$x`). */
export const holdsExpansion = (word: string): boolean => EXPANDED.test(word);

/** The command line with each command substitution one word (`$_`), so its pipes and words are not the command's. */
export const withoutSubstitutions = (command: string): string => command.replace(SUBSTITUTION, '$_');

/**
 * The arguments without the words the shell filled in. An option just before such a word took it as its value when
 * more words follow (`-d $DEV q`, `-d $DEV -e q`): both go. At the end of the line it is an option of its own
 * (`smartctl -a $DISK`, `ethtool -i $IFACE`): it stays.
 */
export function withoutExpanded(args: readonly string[]): string[] {
  const out: string[] = [];
  args.forEach((w, k) => {
    if (!EXPANDED.test(w)) return void out.push(w);
    if (/^-[^=]*$/.test(out.at(-1) ?? '') && k + 1 < args.length) out.pop();
  });
  return out;
}

/**
 * A typed command line without the words the shell filled in, up to its end (a pipe and what follows stay as typed);
 * a loop or a test stays whole, and a line with no such word is returned as it is.
 */
export function commandWithoutExpansions(command: string): string {
  if (!EXPANDED.test(command) || COMPOUND.test(command)) return command;
  const c = withoutSubstitutions(command);
  const end = COMMAND_END.exec(c)?.index ?? c.length;
  const words = [...c.slice(0, end).matchAll(/"[^"]*"|'[^']*'|\S+/g)].map((m) => m[0]);
  const kept = withoutExpanded(words);
  return kept.length === words.length ? command : `${kept.join(' ')}${c.slice(end)}`;
}
