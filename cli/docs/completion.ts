import type { Command } from 'commander';
import { shellWord as word } from '../../collector/shell-word.js';
import { choicesOf, commandTree, valueKind } from './walk.js';

/**
 * bash completion for every command, generated from the command definitions (`npm run docs:cli`): subcommands,
 * options, option values (choices, files, directories) and bundle files for arguments.
 */
export function bashCompletion(program: Command): string {
  const tree = commandTree(program);
  const name = program.name();
  const fn = `_${name.replace(/\W/g, '_')}`;
  const valued = [...new Set(tree.flatMap((e) => e.options.filter((o) => valueKind(o) !== 'none').flatMap((o) => [o.short, o.long].filter((x): x is string => Boolean(x)))))];
  const words = tree.map((e) => {
    const opts = e.options.flatMap((o) => [o.short, o.long].filter((x): x is string => Boolean(x)));
    return `    ${word(e.path.join(' '))}) words=${word([...e.subcommands.map((c) => c.name()), ...opts].join(' '))}; args=${e.command.registeredArguments.length} ;;`;
  });
  const values = tree.flatMap((e) =>
    e.options.flatMap((o) => {
      const kind = valueKind(o);
      if (kind === 'none' || kind === 'other') return [];
      const action = kind === 'choice' ? `COMPREPLY=($(compgen -W ${word(choicesOf(o)!.join(' '))} -- "$cur"))` : kind === 'dir' ? 'COMPREPLY=($(compgen -d -- "$cur"))' : 'COMPREPLY=($(compgen -f -- "$cur"))';
      return [o.short, o.long].filter((x): x is string => Boolean(x)).map((flag) => `    ${word(`${e.path.join(' ')}|${flag}`)}) ${action}; return ;;`);
    }),
  );
  return `# bash completion for ${name}; generated from its command definitions by \`npm run docs:cli\` — do not edit.
# Install: copy to /usr/share/bash-completion/completions/${name} (or source it from ~/.bashrc).
${fn}() {
  local cur prev path="" i w words args
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # The command words typed so far (options and their values skipped).
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case " ${valued.join(' ')} " in *" $w "*) ((i++)); continue ;; esac
    [[ $w == -* ]] && continue
    case "\${path:+$path }$w" in
${tree.filter((e) => e.path.length).map((e) => `      ${word(e.path.join(' '))}) path="\${path:+$path }$w" ;;`).join('\n')}
      *) break ;;
    esac
  done
  case "$path|$prev" in
${values.join('\n')}
  esac
  case "$path" in
${words.join('\n')}
    *) words=""; args=0 ;;
  esac
  if [[ $cur == -* || $args == 0 ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    # An argument: a bundle, a database or a directory, whatever the file system offers.
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F ${fn} ${name}
`;
}
