import { ParseError } from '../../parsers/errors.js';
import { cleanText, IP_LISTING, ipListingLines, isElision, isOutputRule, trailingProse, type CleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';

/** What `ethtool -i <if>` prints: the drvinfo strings and which optional features the driver supports. */
export interface EthtoolInfoText {
  /** The driver's name (`mlx4_en`), also where the field carries a note (`mlx4_en (MT_0BD0110004)`, the board's PSID in old MLNX_EN). */
  driver: string;
  /** The driver field as printed; undefined when the output has no driver line (a `| grep firmware` of it). */
  driverField?: string;
  /** Each string field as printed (an empty value stays empty); undefined when the output has no such line (ethtool 3.x prints no expansion-rom-version). */
  version?: string;
  fwVersion?: string;
  eromVersion?: string;
  busInfo?: string;
  supports: { statistics?: boolean; test?: boolean; eepromAccess?: boolean; registerDump?: boolean; privFlags?: boolean };
  /** Lines that are not ethtool -i lines, with their line numbers; the rest was read. */
  issues: LineIssue[];
  /** The first line of each earlier output of the interface in the paste (before a later one that is read as current). */
  earlier: number[];
  /**
   * The runs of other interfaces in the same paste (`ethtool -i eth1` below `ethtool -i eth0`), each with a driver line or
   * with ethtool's error in its place (`error`, no field).
   */
  others: (Omit<EthtoolInfoText, 'issues' | 'others' | 'earlier' | 'unnamed'> & { ifname: string })[];
  /**
   * Outputs pasted after the first with no command line or heading naming their interface, whose bus-info is another
   * device's (two NICs' outputs one after the other, a `---` between): each as it would be read alone, the later of one bus-info.
   */
  unnamed: Omit<EthtoolInfoText, 'issues' | 'others' | 'earlier' | 'unnamed'>[];
  /** ethtool's own error line printed instead of the output (`Cannot get driver information: Operation not supported`): no field was printed. */
  error?: string;
}

/**
 * What ethtool -i prints instead of the output when the kernel gives no driver information (do_gdrv's perror, the same
 * words since ethtool 3: `Cannot get driver information: Operation not supported`, `… No such device`, `… Device or
 * resource busy`), or when ethtool could not open its socket (`Cannot get control socket: Permission denied`).
 */
const DRVINFO_ERROR = /^Cannot get (?:driver information|control socket): \S.*$/;

/** The error line of a run that printed no field. */
const drvinfoError = (run: readonly TextLine[]): TextLine | undefined => run.find((l) => DRVINFO_ERROR.test(l.text.trim()));

const SUPPORTS: Record<string, keyof EthtoolInfoText['supports']> = {
  'supports-statistics': 'statistics',
  'supports-test': 'test',
  'supports-eeprom-access': 'eepromAccess',
  'supports-register-dump': 'registerDump',
  'supports-priv-flags': 'privFlags',
};
const STRINGS = new Set(['driver', 'version', 'firmware-version', 'expansion-rom-version', 'bus-info']);

/**
 * A heading a loop or a person put above each interface's output: `== wlp0s20f3 ==`, `===== enp125s0f0 =====`,
 * `----- eth0 -----`, or the ethtool command it ran (`-- ethtool enP7s7 --`, `=== ethtool -i eth1 ===`). Its one word
 * names the interface the lines below belong to; a rule of dashes names none.
 */
const HEADING = /^\s*(?=(={2,}|-{2,}|#{2,}))\1\s*(?:(?:sudo\s+)?(?:\S*\/)?ethtool(?:\s+-{1,2}[A-Za-z][\w-]*)*\s+)?([A-Za-z0-9_][\w.:@-]*)\s*\1\s*$/;
/** A script's banner of words over a section (`== network links (no IPs) ==`): its heading, naming no interface. */
const WORDS_HEADING = /^\s*(={2,}|-{2,}|#{2,})\s+(?=[^\n]*\p{L}[^\n]* )[^=#\s][^=#]*?\s+\1\s*$/u;
/**
 * A Markdown heading of one word with a digit, as interface names have (`### ens1f0`, not `### Output`), or of words
 * naming it in parentheses, as a report script writes its sections (`## driver (eth0)`): an interface's heading only
 * when the output's `driver:` line is next.
 */
const MARKDOWN_HEADING = /^\s*#{1,6}\s+(?:([A-Za-z_][\w.:@-]*\d[\w.:@-]*)|[A-Za-z][\w-]*(?: [A-Za-z][\w-]*)* \(([A-Za-z_][\w.:@-]*\d[\w.:@-]*)\))\s*$/;
/**
 * A line ending in an `ethtool -i <if>` command, whatever prompt is before it (`alex@duo > sudo ethtool -i eth0`,
 * `[host](0) $ ethtool -i igb`, a shell theme's emoji): the interface the next lines belong to. A forum that lost the
 * line break after it glues the first output line to the command (`ethtool -i p2p1driver: igb`), or the whole output after a
 * space (`# ethtool -i em3 driver: igb version: 5.3.0-k`, a converted document that joined a session into paragraphs).
 * A command written as a label ends in a colon (`ethtool -i eth0:`), no part of the name.
 */
const COMMAND_LINE = /(?:^|[\s'"])(?:[^\s'"]*\/)?ethtool\s+(?:-i|--driver)\s+([^\s'"]+?)['"]?:?(?:\s*(driver:\s.*)|\s*)$/;

/**
 * A prompt's sign and another ethtool command than `-i` after it (`host:~# ethtool -S eth0`, `$ sudo ethtool eth0`); a
 * Markdown heading naming the command (a report's `## ethtool (eth0)`) is no prompt.
 */
const OTHER_ETHTOOL = /^\s*(?!#+\s)\S*[#$]\s+(?:sudo\s+)?(?:\S*\/)?ethtool\s+(?!(?:-i|--driver)\s)\S.*$/;

/**
 * A sos report's file of `ethtool -i <if>` (`sos_commands/networking/ethtool_-i_eth0`), named in a command that reads
 * it (`cat …/ethtool_-i_eth0`, a `grep` of `…/ethtool_-i_e*`): the interface, unless a glob.
 */
const SOS_FILE = /(?:^|[\s'"/])ethtool_-i_([^\s'"]*)/;
const sosTarget = (command: string): string | undefined => {
  const name = SOS_FILE.exec(command)?.[1];
  return name !== undefined && /^[\w.@-]+$/.test(name) ? name : undefined;
};
/** A command line typed at a prompt (`# grep …`, `[user]$ cat …`) that reads a sos report's `ethtool -i` files. */
const SOS_COMMAND = /^\s*(?:\[[^\]]*\]|\S*)[#$]\s+\S.*(?:^|[\s'"/])ethtool_-i_/;
/**
 * A line `grep` printed from several sos report files, each line after its file's name
 * (`sosreport-host/sos_commands/networking/ethtool_-i_enp3s0:driver: r8168`): the interface and the output's line.
 */
const SOS_PREFIXED = /^\s*(?:\S*\/)?ethtool_-i_([\w.@-]+):((?:driver|version|firmware-version|expansion-rom-version|bus-info|supports-[a-z-]+):.*)$/;

/**
 * The first line of another ethtool output of one interface (`Settings for eth0:`, `Coalesce parameters for eth0:`): that
 * output, up to an `ethtool -i` output right after it, which a report printed for the same interface (`ethtool eth0;
 * ethtool -i eth0` under no command line).
 */
const ETHTOOL_OUTPUT_HEAD = /^\s*(?:Settings|Coalesce parameters|Ring parameters|Pause parameters|Channel parameters|Features|Time stamping parameters) for ([^\s:]+):\s*$/;

/**
 * A line `ethtool <if>` prints about the link (`Speed: 1000Mb/s`, `Duplex: Full`, `Link detected: yes`, the supported
 * and advertised modes, Wake-on, the message level), and the lines continuing one (the next link modes, the message
 * level's names). Pasted with no `Settings for <if>:` line over them (a `| grep -E 'Speed|Duplex'` of them, a page that
 * cut the heading), a run of them is that other output of the interface: two such lines, or one that says the link's
 * speed, duplex or state as ethtool prints it.
 */
const LINK_SETTING = /^\s*(?:Supported ports|Supported link modes|Supported pause frame use|Supports auto-negotiation|Supported FEC modes|Advertised link modes|Advertised pause frame use|Advertised auto-negotiation|Advertised FEC modes|Link partner advertised (?:link modes|pause frame use|auto-negotiation|FEC modes)|Speed|Lanes|Duplex|Auto-negotiation|master-slave (?:cfg|status)|Port|PHYAD|Transceiver|MDI-X|Supports Wake-on|Wake-on|Current message level|Link detected):(?:\s|$)/;
const LINK_STATE = /^\s*(?:Speed: (?:\d+Mb\/s|Unknown!)|Duplex: (?:Full|Half|Unknown!.*)|Link detected: (?:yes|no))\s*$/;
const LINK_CONTINUED = /^\s+(?:(?:\d+base[\w-]+\/(?:Half|Full)|Not reported|drv|probe|link|timer|ifdown|ifup|rx_err|tx_err|tx_queued|intr|tx_done|rx_status|pktdata|hw|wol)(?:\s+|$))+$/;

/** A command line running iproute2's `ip` (`ip -s link show eth2`, `sudo /sbin/ip a`). */
const IP_COMMAND = /^\s*(?:sudo\s+)?(?:\S*\/)?ip\s/;

/** The numbers of the lines of each run of link settings with no heading (see LINK_SETTING). */
function linkSettingsLines(lines: readonly TextLine[]): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < lines.length; ) {
    if (!LINK_SETTING.test(lines[i]!.text)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && (LINK_SETTING.test(lines[j]!.text) || LINK_CONTINUED.test(lines[j]!.text))) j++;
    const run = lines.slice(i, j);
    const settings = run.filter((l) => LINK_SETTING.test(l.text));
    if (settings.length >= 2 || settings.some((l) => LINK_STATE.test(l.text))) for (const l of run) found.add(l.no);
    i = j;
  }
  return found;
}

/**
 * A report script's block of one interface (`Interface: ens7f1np1`, then `Vendor: …`, `Model: …`, `MAC Address: …`,
 * `NUMA Node: 0` around the ethtool outputs it ran): the interface the block's ethtool -i fields belong to, when one
 * follows before the next block. The script's own lines (a capitalised name and a colon) are noted once per run.
 */
const REPORT_INTERFACE = /^\s*Interface:\s+([A-Za-z_][\w.:@-]*)\s*$/;
const REPORT_LINE = /^\s*[A-Z][\w()/.-]*(?: [A-Za-z][\w()/.-]*){0,3}:(?:\s|$)/;

/** The interface a command names, and a first output line glued to it. */
function commandTarget(command: string): { name: string; glued?: string } | undefined {
  const m = COMMAND_LINE.exec(command);
  if (m) return { name: m[1]!, ...(m[2] !== undefined ? { glued: m[2] } : {}) };
  const sos = sosTarget(command);
  if (sos !== undefined) return { name: sos };
  // `ethtool -i eth0 | grep firmware`; not another command's `-i` (`ethtool eth0 | grep -i speed`).
  // A redirection after the option (`ethtool -i 2>&1 > out.txt`) names none.
  const named = /(?:^|[\s'"])(?:[^\s'"]*\/)?ethtool(?:\s[^|;&]*?)?\s(?:-i|--driver)\s+(?!\d*[<>])([^\s'"<>]+)/.exec(command)?.[1];
  return named === undefined ? undefined : { name: named };
}

/** A program after a pipe that prints some of the lines it reads (`| grep firmware`, `| egrep '(driver|firmware)'`, `| head -3`). */
const LINE_FILTER = /\|\s*(?:sudo\s+)?(?:[ef]?grep|rg|awk|sed|head|tail)(?:\s|$)/;

/** One line of the paste with the run it belongs to: the interface its command or heading names (`other` for another command's output). */
interface OwnedLine { line: TextLine; owner?: { name?: string; command?: string; ofInterface?: string; file?: string; report?: string } }

/**
 * Splits a paste into runs: a line belongs to the interface named by the nearest command line (as the text layer
 * found it, or as a line ending in `ethtool -i <if>`) or heading above it.
 */
function ownedLines(lines: TextLine[]): OwnedLine[] {
  let owner: OwnedLine['owner'];
  let lastCommand: string | undefined;
  let lastSection: string | undefined;
  // The owner before another file's block, whose lines after it are the output's again.
  let outside: { owner: OwnedLine['owner'] } | undefined;
  const out: OwnedLine[] = [];
  // An `ip a` / `ip link` listing pasted among the output with no command line: its own run, the output's owner kept around it.
  const listing = ipListingLines(lines);
  let ipOwner: OwnedLine['owner'];
  const linkSettings = linkSettingsLines(lines);
  let settingsOwner: OwnedLine['owner'];
  // The index of the last line that is another ethtool command typed behind a prompt the text layer did not take for one.
  let typedAt = -1;
  for (const [i, l] of lines.entries()) {
    if (listing.has(l.no)) {
      if (!listing.has(lines[i - 1]?.no ?? -1)) ipOwner = { command: IP_LISTING };
      out.push({ line: l, owner: ipOwner });
      continue;
    }
    // A later fenced block under a heading that holds no ethtool -i field is another file the writer pasted (a config).
    if (l.section !== lastSection) {
      lastSection = l.section;
      if (outside) owner = outside.owner;
      outside = undefined;
      if (l.section !== undefined && !lines.some((o) => o.section === l.section && FIELD_LINE.test(o.text))) {
        outside = { owner };
        owner = { command: l.section, file: l.section };
      }
    }
    if (l.command !== lastCommand) {
      lastCommand = l.command;
      if (l.command !== undefined) {
        const target = commandTarget(l.command);
        owner = { command: l.command, ...(target ? { name: target.name } : {}) };
        if (target?.glued !== undefined) out.push({ line: { no: l.no, text: target.glued }, owner });
      }
    }
    const block = REPORT_INTERFACE.exec(l.text)?.[1];
    if (block !== undefined && reportHasFields(lines, i)) {
      owner = { command: `Interface: ${block}`, report: block };
      out.push({ line: l, owner });
      continue;
    }
    if (owner?.report !== undefined && owner.name === undefined && FIELD_LINE.test(l.text)) owner = { command: `ethtool -i ${owner.report}`, name: owner.report, report: owner.report };
    else if (owner?.report !== undefined && owner.name !== undefined && REPORT_LINE.test(l.text) && !FIELD_LINE.test(l.text)) owner = { command: `Interface: ${owner.report}`, report: owner.report };
    const prefixed = SOS_PREFIXED.exec(l.text);
    if (prefixed) {
      if (owner?.name !== prefixed[1] || owner.command !== `ethtool -i ${prefixed[1]}`) owner = { command: `ethtool -i ${prefixed[1]}`, name: prefixed[1]! };
      out.push({ line: { ...l, text: prefixed[2]! }, owner });
      continue;
    }
    // Link settings with no heading among an ethtool -i run (not under another command's output, a Settings heading or a
    // report's block; a line the text layer took for a command, `ethtool says:`, over the fields too): another output,
    // its own run, whose interface no line names (a report's heading above may be the next interface's); the ethtool -i
    // run goes on after it.
    // Under a typed `ip` command too (`# ip -s link show eth2` over its counters, then the settings with no command line of
    // their own): ip prints no such line, its output ends there.
    const amongFields = (): boolean => owner === undefined || owner.name !== undefined || (owner.command === l.command && lines.slice(i).some((o) => o.command === l.command && FIELD_LINE.test(o.text))) || IP_COMMAND.test(owner.command ?? '');
    if (linkSettings.has(l.no) && owner?.ofInterface === undefined && owner?.report === undefined && amongFields()) {
      if (!linkSettings.has(lines[i - 1]?.no ?? -1) || settingsOwner === undefined) settingsOwner = { command: 'ethtool (link settings, no "Settings for" line)' };
      out.push({ line: l, owner: settingsOwner });
      continue;
    }
    settingsOwner = undefined;
    const head = ETHTOOL_OUTPUT_HEAD.exec(l.text);
    // Under a heading naming the same interface (`-- ethtool enP7s7 --` over `Settings for enP7s7:`): that run's other output.
    if (head && (owner?.name === undefined || owner.ofInterface !== undefined || (owner.command === undefined && owner.name === head[1]))) {
      // The command typed right above (`$ ethtool eth2`, `# ethtool -c eth2`) names the output, one run with its line;
      // else the output's first line does.
      if (owner?.command !== undefined && owner.ofInterface === undefined && ((l.command === owner.command && lines[i - 1]?.command !== l.command) || typedAt === i - 1)) owner.ofInterface = head[1]!;
      else owner = { command: `ethtool (${l.text.trim()})`, ofInterface: head[1]!, ...(owner?.report !== undefined ? { report: owner.report } : {}) };
      out.push({ line: l, owner });
      continue;
    }
    if (owner?.ofInterface !== undefined && owner.name === undefined && /^\s*driver:/.test(l.text)) owner = { command: `ethtool -i ${owner.ofInterface}`, name: owner.ofInterface, ofInterface: owner.ofInterface };
    if (SOS_COMMAND.test(l.text)) {
      const name = sosTarget(l.text);
      owner = { command: l.text.trim(), ...(name !== undefined ? { name } : {}) };
      continue;
    }
    // Another ethtool command behind a prompt the text layer did not take for one (`<machine_obfuscated>:~# ethtool -S
    // <interface_obfuscated>`, a host name replaced by a placeholder): the lines under it are that command's output.
    if (OTHER_ETHTOOL.test(l.text)) {
      owner = { command: l.text.trim() };
      typedAt = i;
      out.push({ line: l, owner });
      continue;
    }
    const marked = MARKDOWN_HEADING.exec(l.text);
    const heading = HEADING.exec(l.text)?.[2] ?? (marked && /^\s*driver:/.test(lines[i + 1]?.text ?? '') ? marked[1] ?? marked[2] : undefined);
    const inLine = heading ? undefined : COMMAND_LINE.exec(l.text);
    if (heading) owner = { name: heading };
    else if (WORDS_HEADING.test(l.text)) owner = undefined;
    else if (inLine) {
      // The command's head on the line above, continued (`ssh -o ConnectTimeout=5 root@host \` / `'ethtool -i eth0'`).
      const above = out.at(-1);
      if (above?.line.no === l.no - 1 && / \\$/.test(above.line.text)) out.pop();
      owner = { command: l.text.trim(), name: inLine[1]! };
      if (inLine[2] !== undefined) out.push({ line: { no: l.no, text: inLine[2] }, owner });
    } else out.push({ line: l, owner });
  }
  return out;
}

/** Whether the report block opened at `at` has an ethtool -i field before the next block. */
function reportHasFields(lines: readonly TextLine[], at: number): boolean {
  for (let j = at + 1; j < lines.length && !REPORT_INTERFACE.test(lines[j]!.text); j++) if (/^\s*driver:/.test(lines[j]!.text)) return true;
  return false;
}

/**
 * Several `ethtool -i` commands typed one under the other with no output between them (`ethtool -i eno1` /
 * `ethtool -i eno2`), then as many outputs one after the other: the k-th output is the k-th command's, as a person reads
 * them. The text layer gives every output line the last command; each output is given its own. Fewer or more outputs
 * than commands say nothing of whose each is, and are left as they are.
 */
function listedCommands(c: CleanText): TextLine[] {
  const prompts = c.noise.filter((n) => n.kind === 'prompt').sort((a, b) => a.no - b.no);
  const lines = [...c.lines];
  let group: { no: number; name: string }[] = [];
  const assign = (): void => {
    const last = group.at(-1);
    const next = prompts.find((p) => last !== undefined && p.no > last.no)?.no ?? Infinity;
    const run = lines.map((l, i) => [l, i] as const).filter(([l]) => last !== undefined && l.no > last.no && l.no < next);
    const starts = run.filter(([l]) => /^\s*driver:/.test(l.text));
    if (group.length >= 2 && starts.length === group.length) {
      let k = -1;
      for (const [l, i] of run) {
        if (k + 1 < starts.length && l === starts[k + 1]![0]) k++;
        lines[i] = { ...l, command: `ethtool -i ${group[Math.max(k, 0)]!.name}` };
      }
    }
    group = [];
  };
  for (const p of prompts) {
    const names = chainedTargets(p.text) ?? [COMMAND_LINE.exec(p.text)].flatMap((m) => (m?.[1] !== undefined && m[2] === undefined ? [m[1]] : []));
    const last = group.at(-1);
    const adjacent = last !== undefined && !c.lines.some((l) => l.no > last.no && l.no < p.no);
    if (!adjacent || !names.length) assign();
    // The same command typed twice in a row, nothing printed between (a prompt line above a bare one), is one command.
    for (const name of names) if (group.at(-1)?.name !== name || group.at(-1)?.no === p.no) group.push({ no: p.no, name });
  }
  assign();
  return lines;
}

/** The interfaces of one line running `ethtool -i` once for each (`ethtool -i eth0 && ethtool -i eth1`, `;` between), in order. */
function chainedTargets(line: string): string[] | undefined {
  const parts = line.split(/\s*(?:&&|;)\s*/);
  if (parts.length < 2) return undefined;
  const names = parts.map((part) => commandTarget(part));
  return names.every((t) => t !== undefined && t.glued === undefined) ? names.map((t) => t!.name) : undefined;
}

/** The command of a fenced block above an `ethtool -i` command line that shows none of its own (see blocksAboveCommand). */
const UNSHOWN = '(a block above the command line, its own command not shown)';

/**
 * A fenced block with no command line and no ethtool -i field, above a later block's `ethtool -i` command line (an
 * issue's `NIC:` over an `lshw -businfo` table, then `ethtool:` over the typed command and its output): another
 * command's output, whose command the writer did not paste. Its lines are given that command, so they are noted once
 * as one output, not each as an unread line of ethtool's.
 */
function blocksAboveCommand(c: CleanText, lines: TextLine[]): TextLine[] {
  const fences = c.noise.filter((n) => n.kind === 'fence').map((n) => n.no).sort((a, b) => a - b);
  const commands = c.noise.filter((n) => n.kind === 'prompt' && commandTarget(n.text) !== undefined).map((n) => n.no);
  const out = [...lines];
  for (let k = 0; k + 1 < fences.length; k += 2) {
    const [open, close] = [fences[k]!, fences[k + 1]!];
    const inner = out.map((l, i) => [l, i] as const).filter(([l]) => l.no > open && l.no < close);
    if (!inner.length || !commands.some((no) => no > close) || commands.some((no) => no > open && no < close)) continue;
    if (inner.some(([l]) => l.command !== undefined || FIELD_LINE.test(l.text) || l.shell)) continue;
    for (const [l, i] of inner) out[i] = { ...l, command: UNSHOWN };
  }
  return out;
}

/**
 * A forum's quote box that left its mark on the first line only (`ethtool -i eth0:` over `> driver: 8139too`, the next
 * fields unquoted): the mark is the box's, and the field is read. A quoted output (every line marked) is left to the text layer.
 */
function quoteBoxMarks(lines: TextLine[]): TextLine[] {
  return lines.map((l, i) => {
    const bare = l.text.replace(/^>[ \t]?/, '');
    const next = lines[i + 1];
    const quotedAbove = i > 0 && /^>/.test(lines[i - 1]!.text);
    if (bare === l.text || quotedAbove || !/^\s*driver:/.test(bare) || !next || /^>/.test(next.text) || !FIELD_LINE.test(next.text)) return l;
    return { ...l, text: bare };
  });
}

/** A line of `ethtool -i`'s own: one of its fields. */
const FIELD_LINE = /^\s*(?:driver|version|firmware-version|expansion-rom-version|bus-info|supports-[a-z-]+):/;

/** A field retyped with no space after its colon (`bus-info:0000:02:09.0`, `supports-test:no`): still that field. */
const RETYPED_FIELD = /^\s*(driver|version|firmware-version|expansion-rom-version|bus-info|supports-[a-z-]+):(\S.*)$/;

/** A field written as a Markdown list item (`- driver: ixgbe`, `    * firmware-version: 16.35.2000 (MT_0000000012)`): its mark. */
const BULLETED_FIELD = /^(\s*)[-*+\u2022]\s+(?=(?:driver|version|firmware-version|expansion-rom-version|bus-info|supports-[a-z-]+):(?:\s|$))/;

/**
 * A writer who set the output as a Markdown list (a mail's `Driver/mod Info:` over `- driver: ixgbe`, `- version: …`):
 * when its driver line is a list item, each field's list mark is the writer's and the field is read; the writer's other
 * list items stay lines of their own.
 */
function withoutListMarks(lines: TextLine[]): TextLine[] {
  if (!lines.some((l) => BULLETED_FIELD.test(l.text) && /^\s*\S+\s+driver:/.test(l.text))) return lines;
  return lines.map((l) => (BULLETED_FIELD.test(l.text) ? { ...l, text: l.text.replace(BULLETED_FIELD, '$1') } : l));
}

/**
 * The output of another command pasted in the same file (`cat /etc/os-release` above, `ip addr` below): a run of lines
 * under a command line that names no interface for `ethtool -i` and holds none of its fields. Each run is noted once,
 * from its first line; a person's words at its end stay lines of their own (words around the paste). The rest is returned.
 */
function withoutOtherCommands(lines: OwnedLine[], issues: LineIssue[]): OwnedLine[] {
  const kept: OwnedLine[] = [];
  for (let i = 0; i < lines.length; ) {
    const owner = lines[i]!.owner;
    // The shell's own message after a command (`-bash: …: Permission denied`) is left to the load, which names it as the shell's.
    if (lines[i]!.line.shell) {
      kept.push(lines[i++]!);
      continue;
    }
    let j = i + 1;
    while (j < lines.length && lines[j]!.owner === owner && !lines[j]!.line.shell) j++;
    const run = lines.slice(i, j);
    i = j;
    if (owner?.command === undefined || owner.name !== undefined || run.some((o) => FIELD_LINE.test(o.line.text))) {
      kept.push(...run);
      continue;
    }
    // An ip listing's lines are ip's, whatever they read like.
    const prose = owner.command === IP_LISTING ? run.map(() => false) : trailingProse(run.map((o) => o.line.text));
    let end = run.length;
    // A report's rule before its next block (`-----`) ends that block's output; it is no person's words.
    while (end > 0 && prose[end - 1] && !(owner.report !== undefined && isOutputRule(run[end - 1]!.line.text) && i < lines.length)) end--;
    if (end > 0) {
      const first = run[0]!.line;
      const what = owner.file !== undefined ? `another file, under the heading "${owner.file}",` : owner.command === UNSHOWN ? 'another output above the command line (its command not shown)' : owner.report !== undefined && owner.ofInterface === undefined ? `a report's own lines about ${owner.report}` : `the output of "${owner.command}"`;
      issues.push({ line: first.no, text: first.text.trim(), message: `${end} line(s) of ${what} not read` });
    }
    kept.push(...run.slice(end));
  }
  return kept;
}

/** Where a later field starts on a line that holds several (` version: `, ` bus-info: `). */
const LATER_FIELD = /(?<=\S) +(?=(?:version|firmware-version|expansion-rom-version|bus-info|supports-(?:statistics|test|eeprom-access|register-dump|priv-flags)):(?:\s|$))|(?<=[^\s-])(?=(?:version|firmware-version|expansion-rom-version|bus-info):\s)/;

/**
 * A page that lost the output's line ends puts its fields on one line, after a space or glued to the value before
 * (`driver: ATL1Eversion: 1.0.0.7-NAPI`, a forum that lost one line break) (`driver: bnx2 version: 1.4.30 firmware-version:
 * 1.8.0.5 bus-info: 0000:09:00.0`): each field is read as a line of its own, with the line's number.
 */
function collapsedFields(l: TextLine): TextLine[] {
  if (!/^\s*(?:driver|version|firmware-version|expansion-rom-version|bus-info):/.test(l.text)) return [l];
  const parts = l.text.split(LATER_FIELD);
  return parts.length < 2 ? [l] : parts.map((text) => ({ ...l, text }));
}

/**
 * The fields of one run, the first value of each field winning; every other line is an issue. A second `driver:` line
 * starts another output: given `earlier`, one of the same device (`ethtool -i` before and after a firmware update, the
 * bus-info the same or not printed) is a later output, read as current, and the line of each earlier one's start is
 * added to `earlier`; one whose bus-info names another device is that device's output, kept apart in `apart` (a rule a
 * person put between the two, `---`, is theirs, no line of either). Where no command names the outputs' interface
 * (`unnamed`) and either prints no bus-info, one of another driver is another device's (a document's mlx5_core and
 * i40e outputs under headings of their own); under one interface's command, a driver changed is that interface's later output.
 */
function readRun(run: TextLine[], issues: LineIssue[], earlier?: number[], apart?: Map<string, { kv: Map<string, string>; start: number }>, unnamed = false): Map<string, string> {
  const outputs: { kv: Map<string, string>; start: number; issues: LineIssue[] }[] = [{ kv: new Map(), start: run[0]?.no ?? 0, issues: [] }];
  const lines = run.flatMap(collapsedFields);
  for (const [i, l] of lines.entries()) {
    const m = /^\s*([a-z-]+):(?:[ \t](.*))?$/.exec(l.text) ?? RETYPED_FIELD.exec(l.text);
    let cur = outputs.at(-1)!;
    if (earlier && m?.[1] === 'driver' && cur.kv.has('driver')) outputs.push((cur = { kv: new Map(), start: l.no, issues: [] }));
    if (earlier && isOutputRule(l.text) && cur.kv.has('driver') && lines.slice(i + 1).some((n) => /^\s*driver:/.test(n.text))) continue;
    if (m && (STRINGS.has(m[1]!) || m[1]! in SUPPORTS) && !cur.kv.has(m[1]!)) cur.kv.set(m[1]!, m[1] === 'bus-info' ? busAddress(m[2] ?? '') : (m[2] ?? '').trim());
    else cur.issues.push(m ? { line: l.no, text: l.text.trim(), message: `unknown or repeated field "${m[1]}"` } : notAField(l));
  }
  const bus = (o: { kv: Map<string, string> }): string => { const b = o.kv.get('bus-info')?.trim() ?? ''; return b === 'N/A' ? '' : b; };
  const driver = (o: { kv: Map<string, string> }): string => o.kv.get('driver')?.trim() ?? '';
  const first = bus(outputs[0]!);
  let own = outputs[0]!;
  for (const o of outputs) {
    issues.push(...o.issues);
    if (o === outputs[0]) continue;
    const b = bus(o);
    const another = b !== '' && first !== '' ? b !== first : unnamed && driver(o) !== '' && driver(outputs[0]!) !== '' && driver(o) !== driver(outputs[0]!);
    if (!apart || !another) {
      earlier?.push(own.start);
      own = o;
      continue;
    }
    // An output with no bus-info is kept apart by its driver: no address keys it (the loader stores none such).
    const key = b !== '' ? b : `driver ${driver(o)}`;
    const before = apart.get(key);
    if (before) earlier?.push(before.start);
    apart.set(key, { kv: o.kv, start: o.start });
  }
  return own.kv;
}

/** A label alone on its line (`Hardware Info:`, `Driver/mod Info:`): ethtool -i prints none, its fields are in lower case. */
const LABEL = /^[A-Z][\w/&.()'-]*(?: [\w/&.()'-]+){0,4}:$/;

const notAField = (l: TextLine): LineIssue => ({ line: l.no, text: l.text.trim(), message: 'not a "field: value" line', ...(LABEL.test(l.text.trim()) ? { label: true as const } : {}) });

/** A bus-info with a person's note after it (`0000:06:00.0 (and 0000:06:00.1)`, one output pasted for two ports): the address. */
const busAddress = (value: string): string => /^(\S+)\s+\(.*\)$/.exec(value.trim())?.[1] ?? value.trim();

function fields(kv: Map<string, string>): Omit<EthtoolInfoText, 'issues' | 'others' | 'earlier' | 'unnamed'> {
  const driver = kv.get('driver');
  const supports: EthtoolInfoText['supports'] = {};
  for (const [key, field] of Object.entries(SUPPORTS)) {
    const v = kv.get(key);
    if (v === 'yes' || v === 'no') supports[field] = v === 'yes';
  }
  const printed = (field: string, key: 'version' | 'fwVersion' | 'eromVersion' | 'busInfo'): Partial<Record<typeof key, string>> => {
    const v = kv.get(field);
    // A value a person cut out or left as a placeholder (`firmware-version: ...`, `bus-info: [...]`) is none.
    return v === undefined || isElision(v) ? {} : { [key]: v };
  };
  return {
    driver: /^(\S+)\s+\(.*\)$/.exec(driver ?? '')?.[1] ?? driver ?? '',
    ...(driver !== undefined ? { driverField: driver } : {}),
    ...printed('version', 'version'),
    ...printed('firmware-version', 'fwVersion'),
    ...printed('expansion-rom-version', 'eromVersion'),
    ...printed('bus-info', 'busInfo'),
    supports,
  };
}

/**
 * Parses `ethtool -i` output (one `key: value` per line; values may be empty or contain spaces), as captured
 * or as pasted (prompts, indentation, quote markers, `...` — see text-input.ts). An unknown line is an issue;
 * only an output without a single ethtool -i line is refused. Given the interface the file is saved for, a paste of
 * several `ethtool -i <if>` runs (each under its command line or a `== <if> ==` heading) is read for that interface's
 * run; each other interface's run that has a driver line is returned in `others`, the rest of the paste are issues.
 */
export function parseEthtoolInfoText(text: string, ifname?: string): EthtoolInfoText {
  const issues: LineIssue[] = [];
  const c = cleanText(text);
  const lines = withoutOtherCommands(ownedLines(withoutListMarks(quoteBoxMarks(blocksAboveCommand(c, listedCommands(c))))), issues);
  // A document's command names the interface as a placeholder (`ethtool -i <ethX>`): that run is any interface's.
  const mine = (o: OwnedLine): boolean => o.owner?.name !== undefined && (o.owner.name === ifname || /^<[^<>]+>$/.test(o.owner.name));
  const own = ifname !== undefined && lines.some(mine);
  const runs = new Map<string, TextLine[]>();
  const ownRun: TextLine[] = [];
  // Under a command naming no one interface (`grep … ethtool_-i_w*`): an output of a device its bus-info names, or none.
  const anonymous = new Map<NonNullable<OwnedLine['owner']>, TextLine[]>();
  for (const o of lines) {
    if (!own || mine(o)) ownRun.push(o.line);
    else if (o.owner?.name !== undefined) runs.set(o.owner.name, [...(runs.get(o.owner.name) ?? []), o.line]);
    else if (o.owner?.command !== undefined) anonymous.set(o.owner, [...(anonymous.get(o.owner) ?? []), o.line]);
    else issues.push(notAField(o.line));
  }
  // Read as one run, the runs of several interfaces' commands keep the first value of each field; one interface's, the last output.
  const named = new Set(lines.flatMap((o) => (o.owner?.name !== undefined ? [o.owner.name] : [])));
  const earlier: number[] = [];
  const apart = new Map<string, { kv: Map<string, string>; start: number }>();
  const kv = readRun(ownRun, issues, own || named.size <= 1 ? earlier : undefined, apart, !own && named.size === 0);
  // ethtool's error instead of this interface's output; the other interfaces' runs of the paste are read all the same.
  const error = kv.size ? undefined : drvinfoError(ownRun);
  if (!kv.size && error === undefined) throw new ParseError('ethtool-i', 'no "driver:" line; not ethtool -i output');
  // A filter after the command (`ethtool -i p1p1 | grep "firmware"`) printed only the lines it kept: no driver line is none missing.
  if (error === undefined && kv.get('driver') === undefined && !ownRun.some((l) => l.command !== undefined && LINE_FILTER.test(l.command))) issues.push({ line: 0, text: '', message: 'no "driver:" line' });
  const others: EthtoolInfoText['others'] = [];
  for (const [name, run] of runs) {
    const runIssues: LineIssue[] = [];
    const theirs = readRun(run, runIssues);
    const theirError = theirs.size ? undefined : drvinfoError(run);
    if (theirs.has('driver')) {
      others.push({ ifname: name, ...fields(theirs) });
      issues.push(...runIssues);
    } else if (theirError !== undefined) {
      // That interface's own answer (`ethtool -i wlan0` under `ethtool -i eth0`'s fields): its error, no line of the paste unread.
      others.push({ ifname: name, driver: '', supports: {}, error: theirError.text.trim() });
      issues.push(...runIssues.filter((i) => i.line !== theirError.no));
    } else issues.push(...run.map((l) => ({ line: l.no, text: l.text.trim(), message: `the output of another interface (${name})` })));
  }
  for (const [owner, run] of anonymous) {
    const runIssues: LineIssue[] = [];
    const theirs = readRun(run, runIssues);
    const bus = theirs.get('bus-info') ?? '';
    if (theirs.has('driver') && bus !== '' && bus !== 'N/A' && bus !== kv.get('bus-info')) {
      apart.set(bus, { kv: theirs, start: run[0]!.no });
      issues.push(...runIssues);
    } else issues.push(...run.map((l) => ({ line: l.no, text: l.text.trim(), message: `the output of another command (${owner.command})` })));
  }
  issues.sort((a, b) => a.line - b.line);
  earlier.sort((a, b) => a - b);
  if (error !== undefined) return { driver: '', supports: {}, error: error.text.trim(), issues: issues.filter((i) => i.line !== error.no), earlier: [], others, unnamed: [] };
  return { ...fields(kv), issues, earlier, others, unnamed: [...apart.values()].map((o) => fields(o.kv)) };
}
