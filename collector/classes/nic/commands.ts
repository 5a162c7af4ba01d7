import type { CommandPolicies } from '../../source.js';

/** A network interface name as the kernel allows it (at most 15 bytes, no slash or whitespace). */
const IFNAME = /^[^\s/:]{1,15}$/;

/** devlink's read-only queries: `dev`/`port`/`health`/… `show` or `info`, never set, reload, flash… */
export function devlinkReads(a: readonly string[]): boolean {
  // A device or port handle may follow the query (`devlink dev info pci/0000:3b:00.0`), as in a saved output.
  const words = a.filter((w) => !w.startsWith('-')).filter((w, i, all) => !(i === all.length - 1 && i > 1 && /^[a-z][\w-]*\/[^\s/]+(?:\/\d+)?$/.test(w)));
  return (
    ['dev', 'port', 'health', 'resource', 'sb', 'trap', 'rate'].includes(words[0] ?? '') &&
    ['show', 'info'].includes(words[words.length - 1] ?? '') &&
    !words.some((w) => ['set', 'dump', 'recover', 'test', 'reload', 'flash', 'add', 'del', 'new', 'read', 'split', 'unsplit'].includes(w))
  );
}

/** ethtool's driver info of one interface, only ever replayed in practice (a live host answers ETHTOOL_GDRVINFO by ioctl). */
export const ethtoolReads = (a: readonly string[]): boolean => a.length === 2 && (a[0] === '-i' || a[0] === '--driver') && IFNAME.test(a[1]!);

/**
 * ethtool's FLAGS, which stand before the command option (`ethtool [ FLAGS ] -i|--driver DEVNAME`, `ethtool -h` of 5.10
 * on): `--debug MASK`, `--json`, `-I|--include-statistics`. None changes what `-i` prints: `--json -i` prints the text
 * from 5.10 to 5.13 and is refused from 5.14 ("do not silently ignore --json if unsupported"), `--debug` and `-I` print it.
 */
export const ETHTOOL_FLAGS: ReadonlySet<string> = new Set(['--json', '-I', '--include-statistics']);
/** The words of an ethtool command line after its FLAGS (`--json -i eth0` → `-i eth0`). */
export function withoutEthtoolFlags(words: readonly string[]): readonly string[] {
  let i = 0;
  for (;;) {
    if (ETHTOOL_FLAGS.has(words[i] ?? '')) i++;
    else if (words[i] === '--debug' && words[i + 1] !== undefined) i += 2;
    else return i === 0 ? words : words.slice(i);
  }
}
/** FLAGS as a pattern, each followed by white space, for a command line in a text. */
export const ETHTOOL_FLAGS_SOURCE = String.raw`(?:(?:--json|-I|--include-statistics|--debug[ \t]+\S+)[ \t]+)*`;

/** A saved `ethtool -i` output whose interface neither its name nor its text says: replayed as `ethtool -i` alone. */
const driverInfoNoInterface = (a: readonly string[]): boolean => a.length === 1 && (a[0] === '-i' || a[0] === '--driver');

/** ethtool's options for the module EEPROM decoded (`-m`, `--module-info`, and the `--dump-module-eeprom` it aliases). */
export const MODULE_INFO_OPTIONS: ReadonlySet<string> = new Set(['-m', '--module-info', '--dump-module-eeprom']);

/** `ethtool -m <if>` or `-m` alone (a saved output naming no interface): replayed only, never run (it reads the module's EEPROM). */
const moduleInfo = (a: readonly string[]): boolean => MODULE_INFO_OPTIONS.has(a[0] ?? '') && (a.length === 1 || (a.length === 2 && IFNAME.test(a[1]!)));

export const commands: CommandPolicies = { devlink: { run: devlinkReads }, ethtool: { run: ethtoolReads, replay: (a) => driverInfoNoInterface(a) || moduleInfo(a) } };
