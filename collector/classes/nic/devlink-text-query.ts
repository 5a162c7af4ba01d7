import { pastedPlain } from '../../saved-output-name.js';

/** A devlink command typed in a paste (`$ devlink dev info`, `sudo devlink -jp health show pci/…`, in quotes after ssh): the rest of its line. */
const TYPED = /(?:^|[\s'"$#>])(?:\S*\/)?devlink[ \t]+([^\r\n]*)/gm;
const QUERY_WORDS = new Set(['dev', 'port', 'health', 'param', 'info', 'show']);

/** The flags and query words of a typed devlink command line (`port -jp param show netdevsim/netdevsim0/0 name x`); undefined when a verb that changes something (`set`, `flash`) or another object follows. */
function typedQuery(rest: string): { flags: string[]; words: string[] } | undefined {
  const flags: string[] = [];
  const words: string[] = [];
  // The command ends where the shell's list or pipe does (`devlink dev info; echo $?`, `devlink port | grep physical`).
  for (const token of rest.split(/\s*(?:;|&&|\|\|?)/)[0]!.split(/[\s'"]+/).filter(Boolean)) {
    if (token.startsWith('-')) flags.push(token);
    else if (QUERY_WORDS.has(token)) words.push(token);
    // A handle or a parameter's name ends the query; anything else is another command.
    else if (/^[a-z][\w-]*\/\S+$/.test(token) || token === 'name' || token === 'reporter') break;
    else return undefined;
  }
  return words.length ? { flags, words } : undefined;
}

/** What each devlink query's JSON is keyed by at its top. */
const JSON_TOP: readonly [RegExp, readonly string[]][] = [
  [/^\s*\{\s*"info"\s*:/, ['dev', 'info']],
  [/^\s*\{\s*"param"\s*:\s*\{\s*"[^"]+\/[^"/]+\/\d+"/, ['port', 'param', 'show']],
  [/^\s*\{\s*"param"\s*:/, ['dev', 'param', 'show']],
  [/^\s*\{\s*"health"\s*:/, ['health', 'show']],
  [/^\s*\{\s*"port"\s*:/, ['port', 'show']],
];

/** The lines only one query prints in text (iproute2's devlink.c printers), in the order they are told apart. */
const TEXT_SHAPES: readonly [RegExp, readonly string[]][] = [
  // dev info: the versions groups, the serial numbers, under a handle.
  [/^[>\s]*(?:versions:|(?:fixed|running|stored):|(?:board\.)?serial_number\s+\S)\s*/m, ['dev', 'info']],
  // health show: `reporter fw_fatal` (iproute2 5.3 and later) or the first releases' `name tx state healthy error 0`.
  [/^[>\s]*(?:reporter\s+\S+\s*$|name\s+\S+\s+state\s+\S+\s+error\s+\d+)/m, ['health', 'show']],
  // param show under a port's handle (`pci/0000:01:00.0/1:`), then under a device's.
  [/^[>\s]*[a-z][\w-]*\/[^\s/]+\/\d+:\s*\r?\n[>\s]*name\s+\S+\s+type\s+(?:generic|driver-specific)\b/m, ['port', 'param', 'show']],
  [/^[>\s]*name\s+\S+\s+type\s+(?:generic|driver-specific)\b/m, ['dev', 'param', 'show']],
  // port show: `pci/0000:01:00.0/65535: type eth netdev eth0 flavour physical port 0`.
  [/^[>\s]*[a-z][\w-]*\/[^\s/]+\/\d+:\s+type\s+\S+.*\bflavour\s+\S+/m, ['port', 'show']],
];

/**
 * The read-only devlink query a saved output holds, read from its text when its name says none (`devlink.txt`,
 * `cmd/devlink/output.out`): the first devlink command typed in it that reads, else the shape only one query prints
 * (its JSON's top key; in text, `versions:` of dev info, `reporter` of health show, `name … type generic` of param show).
 * Undefined when the text shows none of them.
 */
export function devlinkQueryInText(text: string, reads: (args: readonly string[]) => boolean): string[] | undefined {
  const head = pastedPlain(text.slice(0, 64 * 1024));
  const typed: string[][] = [];
  for (const m of head.matchAll(TYPED)) {
    const t = typedQuery(m[1]!);
    if (!t) continue;
    // As a saved name's words are read: `port health show` is read with health show, `devlink dev` is `dev show`.
    const has = (w: string): boolean => t.words.includes(w);
    const query = has('info') ? ['dev', 'info'] : has('param') ? [has('port') ? 'port' : 'dev', 'param', 'show'] : has('health') ? ['health', 'show'] : [t.words[0]!, 'show'];
    if (reads(query)) typed.push([...t.flags, ...query]);
  }
  // `devlink dev show` typed first lists the handles another query typed after it reads: that query is the output's.
  const first = typed.find((q) => q.filter((w) => !w.startsWith('-')).join(' ') !== 'dev show') ?? typed[0];
  if (first) return first;
  const json = head.replace(/^(?:[^{\n]*\n)*?(?=\s*\{)/, '');
  for (const [shape, query] of JSON_TOP) if (shape.test(json)) return ['-j', ...query];
  for (const [shape, query] of TEXT_SHAPES) if (shape.test(head)) return [...query];
  return undefined;
}
