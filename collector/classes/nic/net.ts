import { pastedPlain, savedNameWords } from '../../saved-output-name.js';
import { isRecencyWord, latestOutput } from './saved-recency.js';
import type { Source, SourceContext } from '../../source.js';
import { ethtoolReads } from './commands.js';
import { collectEthtool } from './ethtool.js';

const NET = '/sys/class/net';
/** Words of a saved name that say `ethtool -i`: its flags, and what people call its output (`ethtool_info.txt`, `driver-info.txt`). */
const DRIVER_INFO_WORDS = new Set(['-i', '--driver', 'i', 'driver', 'info', 'driver-info', 'driverinfo', 'drvinfo']);

/**
 * A saved `ethtool -i` output: `{ ifname }` with the interface it names — `-i_eth0.out` (the collector's own name),
 * `--driver_eth0.out`, `i_eth0.out`, `eth0_-i.out`, `-i_ens4f1_0.out` (a name holding an underscore), `ethtool-i_eth0.txt`
 * and `ethtool-i-eth0.txt` (the command glued to the tool), `ethtool_info_eth0.txt`. A name that says `-i` without an
 * interface (`ethtool-i.txt`, `ethtool_info.txt`, `driver-info.txt`) takes the one its text's first pasted
 * `ethtool -i <interface>` command line names, else `{}`: the interface is unknown. Undefined for other ethtool outputs.
 */
export function savedDriverInfo(treeName: string, text?: string): { ifname?: string } | undefined {
  // `-i_eth0_before.txt`: a word saying when the output was taken is not part of the interface's name.
  const words = savedNameWords(treeName).flatMap(unglued).filter((w) => !isRecencyWord(w));
  const flag = words.findIndex((w) => DRIVER_INFO_WORDS.has(w));
  if (flag < 0) return undefined;
  // ethtool -i takes one interface, and names may hold the separator: `-i_ens4f1_0.out` is representor ens4f1_0.
  const rest = words.filter((w, i) => i !== flag && !(DRIVER_INFO_WORDS.has(w) && i === flag + 1)).join('_');
  // Another option's word (`-m_info.txt`: a module's info) is no interface; nor is a number alone (`ethtool-i-2.txt`, a
  // person's second copy), which no interface is called in practice.
  const pasted = text === undefined ? undefined : interfaceInText(text);
  if (rest !== '' && !/^\d+$/.test(rest)) {
    if (rest.startsWith('-') || !ethtoolReads(['-i', rest])) return undefined;
    // `ethtool -i eth0 serv10.txt`: the interface the pasted command line names, and a person's label (a host) after it.
    // Only a word after a space is a label: `-i_ens4f1_0.out` is representor ens4f1_0, whatever its text says.
    const labelled = pasted !== undefined && rest.startsWith(`${pasted}_`) && treeName.includes(`${pasted} `);
    return { ifname: labelled && ethtoolReads(['-i', pasted]) ? pasted : rest };
  }
  return pasted !== undefined && ethtoolReads(['-i', pasted]) ? { ifname: pasted } : {};
}

/** The interface a saved `ethtool -i` output names in its name or in a pasted command line (see savedDriverInfo). */
export function savedDriverInfoInterface(treeName: string, text?: string): string | undefined {
  return savedDriverInfo(treeName, text)?.ifname;
}

/** `ethtool-i` → `-i`; `ethtool-i-eth0` → `-i`, `eth0`; `ethtool-info` → `info`: the command glued to the tool's name. */
function unglued(word: string): string[] {
  const m = /^ethtool-(i|-driver|info)(?:-(.+))?$/.exec(word);
  return m ? [m[1] === 'i' ? '-i' : m[1] === 'info' ? 'info' : '--driver', ...(m[2] !== undefined ? [m[2]] : [])] : [word];
}

/**
 * A heading a loop or a person put above an interface's output, its next line the output's `driver:` line:
 * `== eth0 ==`, `--- eth1 ---`, `### ens1f0` (quote markers and indentation before it). A Markdown heading's word holds a
 * digit, as interface names do (`### Output` is a title).
 */
const HEADING_ABOVE_DRIVER = /^[>\s]*(?:(={2,}|-{2,}|#{2,})\s*([A-Za-z0-9_][\w.:@-]*)\s*\1|#{1,6}\s+([A-Za-z_][\w.:@-]*\d[\w.:@-]*))[ \t]*\r?\n(?:[>\s]*(?:```\w*)?[ \t]*\r?\n)*[>\s]*driver:/m;

/** The interface of the first `ethtool -i <interface>` command line, or heading above an output, in a saved output's text. */
function interfaceInText(text: string): string | undefined {
  // As the terminal showed it: colour codes and a page's character references undone, and a backspace taking back the
  // character before it (`ethtool -i eth0x\b`, a typo corrected at the prompt).
  let head = pastedPlain(text.slice(0, 64 * 1024));
  for (let prev = ''; prev !== head; ) {
    prev = head;
    head = head.replace(/[^\n\x08]\x08/g, '');
  }
  const command = /(?:^|\s)(?:\S*\/)?ethtool\s+(?:-i|--driver)\s+([A-Za-z0-9_][\w.:@-]*)/m.exec(head);
  const heading = HEADING_ABOVE_DRIVER.exec(head);
  if (heading && (!command || heading.index < command.index)) return heading[2] ?? heading[3];
  return command?.[1];
}

/** Interfaces under /sys/class/net (its plain files, such as bonding_masters, are not interfaces). */
function interfaces(ctx: SourceContext): string[] {
  return (ctx.listDir(NET) ?? []).filter((name) => ctx.isDir(`${NET}/${name}`));
}

/**
 * Replays the `ethtool -i` outputs a captured tree holds (a live host answers ETHTOOL_GDRVINFO by ioctl instead). One
 * whose interface neither its name nor its text says is stored as `ethtool -i` alone; the analyzer keys it by its bus-info.
 */
function replaySavedDriverInfo(ctx: SourceContext): number {
  let n = 0;
  let unnamed = 0;
  const named = new Map<string, string[]>();
  for (const treeName of ctx.savedOutputs('ethtool')) {
    const saved = savedDriverInfo(treeName, ctx.peekText(`/${treeName}`));
    if (saved === undefined) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved ethtool output: only `ethtool -i <interface>` is read (e.g. -i_eth0.out, ethtool-i.txt)');
      continue;
    }
    if (saved.ifname !== undefined) {
      named.set(saved.ifname, [...(named.get(saved.ifname) ?? []), treeName]);
      continue;
    }
    // Several such outputs (of other devices, told apart by their bus-info) are each stored: -i.out, -i@2.out, …
    if (ctx.runCommand(['ethtool', '-i'], { replayFrom: treeName, copy: ++unnamed })) n++;
  }
  for (const [ifname, names] of named) {
    // Outputs of one interface taken before and after a change (-i_eth0_before.txt, -i_eth0_after.txt): the latest is read.
    const { current, earlier, told } = latestOutput(names);
    for (const other of earlier) {
      ctx.issue(other, 'EARLIER-OUTPUT', told
        ? `an earlier ethtool -i output of ${ifname} than ${current}, as their names say: ${current} is read as current, this one is kept unread`
        : `another ethtool -i output of ${ifname}, as ${current} is: which was taken later the names do not say; ${current} is read, this one is kept unread`);
    }
    if (ctx.runCommand(['ethtool', '-i', ifname], { replayFrom: current })) n++;
  }
  return n;
}

export const source: Source = {
  name: 'net',
  description: 'network interfaces: sysfs attributes and ethtool ioctl answers (driver, firmware, registers, settings)',
  collect(ctx) {
    const names = ctx.exists(NET) || !ctx.replay ? interfaces(ctx) : [];
    const pasted = ctx.replay ? replaySavedDriverInfo(ctx) : 0;
    if (names.length === 0 && pasted === 0) ctx.skip(`no network interfaces under ${NET}`);
    for (const ifname of names) {
      ctx.device('net', ifname);
      const dir = `${NET}/${ifname}`;
      ctx.collectAttributes(dir);
      // Virtual interfaces have no device link; a missing one is not recorded as a problem.
      ctx.collectLink(`${dir}/device`);
      collectEthtool(ctx, ifname);
    }
  },
};
