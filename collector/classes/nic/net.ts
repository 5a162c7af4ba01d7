import { pastedLines } from '../../pasted-lines.js';
import { pastedPlain, savedNameWords } from '../../saved-output-name.js';
import { isRecencyWord, latestOutput } from './saved-recency.js';
import type { Source, SourceContext } from '../../source.js';
import { ETHTOOL_FLAGS_SOURCE, ethtoolReads, withoutEthtoolFlags } from './commands.js';
import { collectEthtool } from './ethtool.js';
import { savedModuleInfo } from './module-info.js';

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
  const named = savedNameWords(treeName).flatMap(unglued).filter((w) => !isRecencyWord(w));
  // Words before the tool's own name are a person's label (`bnx2_ethtool_i.txt`, `qlcnic ethtool eth0.txt`: the driver), never the interface.
  // ethtool's FLAGS before the option (`--json_-i_eth0.out`, a typed `ethtool --json -i eth0`) change nothing `-i` prints.
  const words = withoutEthtoolFlags(named.slice(named.lastIndexOf('ethtool') + 1));
  const pasted = text === undefined ? undefined : interfaceInText(text);
  let flag = words.findIndex((w) => DRIVER_INFO_WORDS.has(w));
  if (flag < 0) {
    // A name of the tool with no option at all (`ethtool eth0.txt`, `qlcnic ethtool eth0.txt`), or any name in the tool's
    // own folder (`cmd/ethtool/output.out`), stands for `ethtool -i` when its text is driver information; a name that
    // does not say ethtool (`notes.txt` among other outputs) is no ethtool output.
    const path = treeName.split('/');
    const ownName = /(?:^|[\s_.-])ethtool(?:[\s_.-]|$)/i.test(path.pop() ?? '');
    const ownFolder = path.length >= 2 && path[path.length - 2] === 'cmd' && path[path.length - 1] === 'ethtool';
    if (!(ownName || ownFolder) || words.some((w) => w.startsWith('-')) || text === undefined || !isDriverInfoText(text)) return undefined;
    if (!ownName) {
      // A name of the person's own in the tool's folder (`output.out`, `notes eth0.txt`): the interface is the one its
      // text names, else its one word holding a digit as interface names do (`eth0`, `ens1f0`), else unknown.
      const digit = words.filter((w) => /\d/.test(w) && ethtoolReads(['-i', w]));
      const ifname = pasted ?? (digit.length === 1 ? digit[0] : undefined);
      return ifname !== undefined && ethtoolReads(['-i', ifname]) ? { ifname } : {};
    }
    flag = words.length;
  }
  // ethtool -i takes one interface, and names may hold the separator: `-i_ens4f1_0.out` is representor ens4f1_0.
  const rest = words.filter((w, i) => i !== flag && !(DRIVER_INFO_WORDS.has(w) && i === flag + 1)).join('_');
  // Another option's word (`-m_info.txt`: a module's info) is no interface; nor is a number alone (`ethtool-i-2.txt`, a
  // person's second copy), which no interface is called in practice.
  if (rest !== '' && !/^\d+$/.test(rest)) {
    if (rest.startsWith('-')) return undefined;
    // `ethtool -i eth0 serv10.txt`, `ethtool -i enp8s0 (VF in VM).txt`: the interface the pasted command line names, and
    // a person's label (a host, a note) after it. Only a word after a space is a label: `-i_ens4f1_0.out` is representor
    // ens4f1_0, whatever its text says.
    if (pasted !== undefined && rest.startsWith(`${pasted}_`) && treeName.includes(`${pasted} `) && ethtoolReads(['-i', pasted])) return { ifname: pasted };
    return ethtoolReads(['-i', rest]) ? { ifname: rest } : undefined;
  }
  return pasted !== undefined && ethtoolReads(['-i', pasted]) ? { ifname: pasted } : {};
}

/**
 * Whether a saved text is `ethtool -i` output: a `driver:` line with another of its fields (`version:`, `bus-info:`), and
 * no `Settings for <if>:` of plain `ethtool <if>` above it.
 */
export function isDriverInfoText(text: string): boolean {
  // Anywhere on a line: a paste may put a log's prefix, a quote or line numbers before the field, or hold the output in
  // a JSON string (`\ndriver: qlcnic`).
  const head = pastedPlain(text.slice(0, 64 * 1024));
  const driver = /(?:(?<![\w-])|(?<=\\[nt]))driver:\s*\S/.exec(head);
  const settings = /Settings for \S+:/.exec(head);
  return driver !== null && (settings === null || settings.index > driver.index) && /(?:(?<![\w-])|(?<=\\[nt]))(?:version|firmware-version|bus-info):/.test(head);
}

/** The interface a saved `ethtool -i` output names in its name or in a pasted command line (see savedDriverInfo). */
export function savedDriverInfoInterface(treeName: string, text?: string): string | undefined {
  return savedDriverInfo(treeName, text)?.ifname;
}

/**
 * `ethtool-i` → `-i`; `ethtool-i-eth0` → `-i`, `eth0`; `ethtool-info` → `info`: the command glued to the tool's name. A
 * word glued before the tool's name is a person's label (`igbvf-ethtool-i-eth0`: the driver) and is left out.
 */
function unglued(word: string): string[] {
  const m = /^(?:[^-].*?-)?ethtool-(i|-driver|info)(?:-(.+))?$/.exec(word);
  return m ? [m[1] === 'i' ? '-i' : m[1] === 'info' ? 'info' : '--driver', ...(m[2] !== undefined ? [m[2]] : [])] : [word];
}

/**
 * A heading a loop or a person put above an interface's output, its next line the output's `driver:` line:
 * `== eth0 ==`, `--- eth1 ---`, `-- ethtool enP7s7 --` (the command a probe script ran), `### ens1f0`, a report's `## driver (eth0)` (quote markers and indentation before it). A
 * Markdown heading's word holds a digit, as interface names do (`### Output` is a title).
 */
const HEADING_ABOVE_DRIVER = /^[>\s]*(?:(?=(={2,}|-{2,}|#{2,}))\1\s*(?:(?:sudo\s+)?(?:\S*\/)?ethtool(?:\s+-{1,2}[A-Za-z][\w-]*)*\s+)?([A-Za-z0-9_][\w.:@-]*)\s*\1|#{1,6}\s+([A-Za-z_][\w.:@-]*\d[\w.:@-]*)|#{1,6}\s+[A-Za-z][\w-]*(?: [A-Za-z][\w-]*)* \(([A-Za-z_][\w.:@-]*\d[\w.:@-]*)\))[ \t]*\r?\n(?:[>\s]*(?:```\w*)?[ \t]*\r?\n)*[>\s]*driver:/m;

/** An `ethtool -i <interface>` command line (ethtool's FLAGS before `-i`, `ethtool --json -i eth0`): the interface. */
const DRIVER_INFO_COMMAND = new RegExp(String.raw`(?:^|[\s'"\u2018\u2019\u201c\u201d]|^[ \t>]*\`)(?:\S*\/)?ethtool\s+${ETHTOOL_FLAGS_SOURCE}(?:-i|--driver)\s+(?!\d*[<>])([A-Za-z0-9_][\w.:@-]*)`, 'm');

/** The interface of the first `ethtool -i <interface>` command line, or heading above an output, in a saved output's text. */
export function interfaceInText(text: string): string | undefined {
  // As the terminal showed it: colour codes and a page's character references undone, and a backspace taking back the
  // character before it (`ethtool -i eth0x\b`, a typo corrected at the prompt); what a paste put around every line
  // (a log's prefix, a paste site's line numbers, `<br>` joins, Unicode spaces) taken off as the analyzer does.
  let head = pastedLines(text.slice(0, 64 * 1024));
  for (let prev = ''; prev !== head; ) {
    prev = head;
    head = head.replace(/[^\n\x08]\x08/g, '');
  }
  // The command may be quoted, as another command runs it (`ssh host 'ethtool -i eth0'`, `kubectl exec … -- "ethtool -i eth0"`).
  // Or set as code on a line of its own (`` `ethtool -i eno0` ``); in a sentence (`check with \`ethtool -i ethX\``) it
  // names an example, not the output's interface.
  // A redirection after the option (`ethtool -i 2>&1 > out.txt`) names no interface: its descriptor is no name.
  const command = DRIVER_INFO_COMMAND.exec(head);
  const heading = HEADING_ABOVE_DRIVER.exec(head);
  // A sos report's file of the output, read by a command or named before each line `grep` printed from it
  // (`cat sos_commands/networking/ethtool_-i_eth0`, `…/ethtool_-i_enp3s0:driver: r8168`); a glob names none.
  const sos = /(?:^|[\s'"/])ethtool_-i_([A-Za-z0-9_][\w.@-]*)(?=[\s:'"]|$)/m.exec(head);
  // ethtool's own header of another output of the interface, right before its `ethtool -i` output in a report.
  const settings = /^[>\s]*Settings for ([A-Za-z0-9_][\w.@-]*):[ \t]*$/m.exec(head);
  const first = [command, heading, sos, settings].filter((m) => m !== null).sort((a, b) => a.index - b.index)[0];
  if (first === undefined) return undefined;
  return first === heading ? heading[2] ?? heading[3] ?? heading[4] : first[1];
}

/** Interfaces under /sys/class/net (its plain files, such as bonding_masters, are not interfaces). */
function interfaces(ctx: SourceContext): string[] {
  return (ctx.listDir(NET) ?? []).filter((name) => ctx.isDir(`${NET}/${name}`));
}

/**
 * Replays the `ethtool -i` and `ethtool -m` outputs a captured tree holds (a live host answers ETHTOOL_GDRVINFO by ioctl instead). One
 * whose interface neither its name nor its text says is stored as `ethtool -i` alone; the analyzer keys it by its bus-info.
 */
function replaySavedDriverInfo(ctx: SourceContext): number {
  let n = 0;
  let unnamed = 0;
  let unnamedModules = 0;
  const named = new Map<string, string[]>();
  for (const treeName of ctx.savedOutputs('ethtool')) {
    const text = ctx.peekText(`/${treeName}`);
    const saved = savedDriverInfo(treeName, text);
    const module = saved === undefined ? savedModuleInfo(treeName, text) : undefined;
    if (module !== undefined) {
      const argv = ['ethtool', '-m', ...(module.ifname !== undefined ? [module.ifname] : [])];
      if (ctx.runCommand(argv, { replayFrom: treeName, ...(module.ifname === undefined ? { copy: ++unnamedModules } : {}) })) n++;
      continue;
    }
    if (saved === undefined) {
      ctx.issue(treeName, 'UNKNOWN_NAME', 'saved ethtool output: only `ethtool -i <interface>` and `ethtool -m <interface>` are read (e.g. -i_eth0.out, ethtool-i.txt, -m_eth0.out)');
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
