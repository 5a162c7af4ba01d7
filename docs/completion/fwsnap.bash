# bash completion for fwsnap; generated from its command definitions by `npm run docs:cli` — do not edit.
# Install: copy to /usr/share/bash-completion/completions/fwsnap (or source it from ~/.bashrc).
_fwsnap() {
  local cur prev path="" i w words args
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  # The command words typed so far (options and their values skipped).
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    case " -o --output --root --only --skip --timeout --map --db --jobs --format --min-severity --rules --mlxconfig-db " in *" $w "*) ((i++)); continue ;; esac
    [[ $w == -* ]] && continue
    case "${path:+$path }$w" in
      collect) path="${path:+$path }$w" ;;
      analyze) path="${path:+$path }$w" ;;
      check) path="${path:+$path }$w" ;;
      query) path="${path:+$path }$w" ;;
      rules) path="${path:+$path }$w" ;;
      'rules list') path="${path:+$path }$w" ;;
      'rules show') path="${path:+$path }$w" ;;
      'rules doc') path="${path:+$path }$w" ;;
      'rules facts') path="${path:+$path }$w" ;;
      'rules test') path="${path:+$path }$w" ;;
      redact) path="${path:+$path }$w" ;;
      verify) path="${path:+$path }$w" ;;
      diff) path="${path:+$path }$w" ;;
      fleet) path="${path:+$path }$w" ;;
      import) path="${path:+$path }$w" ;;
      completion) path="${path:+$path }$w" ;;
      manpage) path="${path:+$path }$w" ;;
      *) break ;;
    esac
  done
  case "$path|$prev" in
    'collect|-o') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'collect|--output') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'collect|--root') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'collect|--map') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'analyze|--db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'analyze|--format') COMPREPLY=($(compgen -W 'text json markdown html' -- "$cur")); return ;;
    'analyze|--min-severity') COMPREPLY=($(compgen -W 'critical high medium low info' -- "$cur")); return ;;
    'analyze|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'analyze|--mlxconfig-db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'check|-o') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'check|--output') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'check|--root') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'check|--format') COMPREPLY=($(compgen -W 'text json markdown html' -- "$cur")); return ;;
    'check|--min-severity') COMPREPLY=($(compgen -W 'critical high medium low info' -- "$cur")); return ;;
    'check|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'check|--mlxconfig-db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'query|--format') COMPREPLY=($(compgen -W 'table json csv' -- "$cur")); return ;;
    'rules list|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'rules list|--format') COMPREPLY=($(compgen -W 'text json' -- "$cur")); return ;;
    'rules show|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'rules doc|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'rules doc|-o') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'rules doc|--output') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'rules facts|-o') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'rules facts|--output') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'rules test|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'rules test|--mlxconfig-db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'redact|--map') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'diff|--db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'diff|--format') COMPREPLY=($(compgen -W 'text json markdown html' -- "$cur")); return ;;
    'diff|--min-severity') COMPREPLY=($(compgen -W 'critical high medium low info' -- "$cur")); return ;;
    'diff|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'fleet|--db') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'fleet|--format') COMPREPLY=($(compgen -W 'text json markdown html' -- "$cur")); return ;;
    'fleet|--min-severity') COMPREPLY=($(compgen -W 'critical high medium low info' -- "$cur")); return ;;
    'fleet|--rules') COMPREPLY=($(compgen -d -- "$cur")); return ;;
    'import|-o') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'import|--output') COMPREPLY=($(compgen -f -- "$cur")); return ;;
    'import|--map') COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$path" in
    '') words='collect analyze check query rules redact verify diff fleet import completion manpage -V --version -q --quiet -v --verbose -h --help'; args=0 ;;
    collect) words='-o --output --force --root --only --skip --timeout --include-eeprom --include-gpu --redact --map --keep-binary -h --help'; args=0 ;;
    analyze) words='--db --replace --jobs --format --min-severity --rules --mlxconfig-db -h --help'; args=1 ;;
    check) words='-o --output --force --timeout --root --include-gpu --format --min-severity --rules --mlxconfig-db -h --help'; args=0 ;;
    query) words='--format -h --help'; args=2 ;;
    rules) words='list show doc facts test -h --help'; args=0 ;;
    'rules list') words='--rules --format -h --help'; args=0 ;;
    'rules show') words='--rules -h --help'; args=1 ;;
    'rules doc') words='--rules -o --output -h --help'; args=0 ;;
    'rules facts') words='-o --output -h --help'; args=0 ;;
    'rules test') words='--rules --mlxconfig-db -h --help'; args=0 ;;
    redact) words='--map --force --keep-binary -h --help'; args=2 ;;
    verify) words='-h --help'; args=1 ;;
    diff) words='--db --format --min-severity --rules -h --help'; args=2 ;;
    fleet) words='--db --format --min-severity --every-bundle --rules -h --help'; args=1 ;;
    import) words='-o --output --force --timeout --redact --map --keep-binary -h --help'; args=1 ;;
    completion) words='-h --help'; args=1 ;;
    manpage) words='-h --help'; args=0 ;;
    *) words=""; args=0 ;;
  esac
  if [[ $cur == -* || $args == 0 ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  else
    # An argument: a bundle, a database or a directory, whatever the file system offers.
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _fwsnap fwsnap
