import { indentOf, type TextLine } from './text-lines.js';

/** What a parser names the lines of an `ip address` / `ip link` listing pasted without its command line. */
export const IP_LISTING = 'ip address / ip link (its command line not pasted)';

/** iproute2's line for one interface: `2: eno1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP …`. */
const IP_HEAD = /^\s*\d+:\s+[\w.:-]+(?:@[\w.-]+)?:\s+<[A-Z0-9_,-]*>\s+mtu\s+\d+\b/;
/**
 * `ip -br link` / `ip -br address`'s line for one interface, its columns aligned: the name, the state and the address or
 * the flags (`enP7s7           UP             <redacted-mac> <BROADCAST,MULTICAST,UP,LOWER_UP>`, `eno1  UP  10.0.0.2/24`).
 */
const IP_BRIEF = /^\s*[\w.:-]+(?:@[\w.-]+)?\s{2,}(?:UP|DOWN|UNKNOWN|LOWERLAYERDOWN|DORMANT|NOTPRESENT|TESTING)\s{2,}\S.*?(?:<[A-Z0-9_,-]+>|\s[\d.]+\/\d+|\s[\da-f:]+\/\d+)\s*$/;
/** The lines ip prints under it, also when the paste lost their indentation (`link/ether …`, `inet6 …`, `valid_lft …`, `altname …`). */
const IP_DETAIL = /^\s*(?:link\/[\w-]+(?:\s|$)|inet6?\s+[\d.a-f:]+\/\d+\s|valid_lft\s|altname\s|vf\s+\d+\s+(?:link\/|MAC\s)|[RT]X:\s+bytes\b|[RT]X errors:)/;

/** `ip -s link`'s counter heads (`RX:  bytes packets …`, `TX errors: …`) and the line of numbers under each. */
const COUNTER_HEAD = /^\s*[RT]X(?::|\s+errors:)\s/;
const COUNTERS = /^\s*\d+(?:\s+\d+)+\s*$/;

/**
 * Another tool's `field: value` line, its name of one or more words (`driver: igb`, `Supported ports: [ TP ]`,
 * `Link detected: yes`, ethtool's settings, tab-indented deeper than ip's head line): ip prints none such under an
 * interface but its counter heads (`RX: bytes …`, `TX errors: …`, read as ip's own first).
 */
const OTHER_FIELD = /^\s*[A-Za-z][\w-]*(?: [A-Za-z][\w-]*)*:(?:\s|$)/;

/**
 * A line under an interface's head line, of the same command's output (a command line typed between ends it): ip's
 * own, a counter line under its head (at any indentation: a page may have lost it), or indented deeper and no other
 * tool's `field: value`.
 */
const isDetail = (l: TextLine, head: TextLine, above: TextLine): boolean =>
  !IP_HEAD.test(l.text) &&
  l.command === head.command &&
  (IP_DETAIL.test(l.text) || (COUNTERS.test(l.text) && COUNTER_HEAD.test(above.text)) || (indentOf(l) > indentOf(head) && !OTHER_FIELD.test(l.text)));

/**
 * The lines of `ip address` / `ip link` listings pasted beside another tool's output with no command line of their
 * own (a ticket's `ip a` above the `ethtool -i` it asks for): each interface's head line and every line under it that
 * is indented deeper or reads as ip's own, and the brief form's lines (`ip -br link`). Their line numbers; a command line above them (`$ ip a`) already names them.
 */
export function ipListingLines(lines: readonly TextLine[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!;
    if (head.command !== undefined && /(?:^|[\s/])ip\s/.test(head.command)) continue;
    if (IP_BRIEF.test(head.text)) {
      out.add(head.no);
      continue;
    }
    if (!IP_HEAD.test(head.text)) continue;
    out.add(head.no);
    while (i + 1 < lines.length && isDetail(lines[i + 1]!, head, lines[i]!)) out.add(lines[++i]!.no);
  }
  return out;
}
