import { savedNameWords } from '../../saved-output-name.js';

/** Options of get-devices that change which devices it lists or how, not what a device's lines say. */
const SHOWS = new Set(['--show-all', '--show-all-devices', '--no-unreported-check', '--no-metadata-check', '--no-remote-check', '-v', '--verbose']);

/** The verbs whose output is read: the device list, and the devices with the releases fwupd offers them (`get-upgrades` is its alias). */
const VERBS = new Set(['get-devices', 'get-updates']);

/** fwupdmgr's arguments when they list devices (`get-devices`, `get-updates`, with --json or an option of SHOWS); undefined for anything else. */
export function fwupdmgrReadArgs(args: readonly string[]): string[] | undefined {
  if (!VERBS.has(args[0] ?? '')) return undefined;
  const rest = args.slice(1);
  return rest.every((a) => a === '--json' || SHOWS.has(a)) ? [...args] : undefined;
}

/**
 * What a `fwupdmgr get-devices` output a person saved stands for, as an argv: `cmd/fwupdmgr/get-devices.txt`,
 * `fwupdmgr get-devices.txt`, `fwupdmgr-get-devices --json.log`, `fwupdmgr_get-devices_srv01.json`; a name with no
 * verb (`fwupdmgr.txt`) is the device list too. `get-updates` (and its alias `get-upgrades`) prints the devices that
 * have an update, each with the releases offered: `fwupdmgr get-upgrades.txt` stands for `fwupdmgr get-updates`.
 * `--json` (or the word `json`) says the JSON form, which the analyzer tells from the content anyway; other words
 * label the output. Undefined for another verb (`get-history`, `security`). `fwupdtool get-devices` (which fwupd's
 * maintainers ask for) prints the same list: it stands for the same argv.
 */
export function savedFwupdmgrArgv(treeName: string): string[] | undefined {
  const words = savedNameWords(treeName)
    .flatMap((w, i) => (i === 0 && /^fwupd(?:mgr|tool)-/i.test(w) ? [w.slice(w.indexOf('-') + 1)] : [w]))
    .filter((w) => w !== '' && !/^(?:sudo|fwupdmgr|fwupdtool)$/i.test(w))
    .map((w) => (/^get[-_]?devices$/i.test(w) ? 'get-devices' : /^get[-_]?(?:updates|upgrades)$/i.test(w) ? 'get-updates' : w));
  const verbs = [...new Set(words.filter((w) => /^[a-z]+(?:-[a-z]+)+$/i.test(w) && !w.startsWith('-')))];
  if (verbs.length > 1 || verbs.some((v) => !VERBS.has(v))) return undefined;
  if (words.some((w) => w.startsWith('-') && w !== '--json' && !SHOWS.has(w))) return undefined;
  const json = words.some((w) => w === '--json' || w.toLowerCase() === 'json') || /\.json$/i.test(treeName);
  return ['fwupdmgr', verbs[0] ?? 'get-devices', ...(json ? ['--json'] : [])];
}
