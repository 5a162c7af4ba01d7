import { markupAlone } from './markup-blocks.js';
import { looksLikeProse } from './prose.js';
import { decodeQuotedPrintable } from './quoted-printable.js';
import { loggedLines } from './runner-log.js';
import { ANSIBLE_HEADER } from './shell-session.js';
import { HUNK } from './unified-diff.js';

/** Mail around a pasted output: quote markers and replies quoting replies, attributions, forwarded headers, patch trailers, quoted-printable bodies. */

/** E-mail quote markers on every line (`> `, `>> > `): the depth is removed as a whole. */
// One space after a marker belongs to it; a tab is the quoted line's own indentation (a tab-aligned paste).
export const QUOTE = /^(?:> ?)+/;

/**
 * A forwarded or replied mail's header block above what it carries: Outlook's `-----Original Message-----` or a line
 * of underscores, Gmail's `---------- Forwarded message ---------`, each followed by `From:`, `Sent:`, `To:`, `Cc:`,
 * `Date:` and `Subject:` lines.
 */
export const FORWARD_MARK = /^(?:-{3,}\s*(?:Original Message|Forwarded message|Forwarded by .*)\s*-{3,}|_{10,})$/i;

export const FORWARD_HEADER = /^(?:From|Sent|To|Cc|Date|Subject):\s/;

/**
 * A patch's header and trailer lines around the output its description shows (`From: Jane Roe <jroe@example.org>`,
 * `Cc: …`, `Signed-off-by: …`, `Reviewed-by: …`, `Fixes: 0123abcdef01 ("…")`, `Link: https://…`, Gerrit's `Change-Id: I…` and a tracker's `Issue: 3962500`): the mail's, no tool's.
 */
export const PATCH_TRAILER = /^(?:(?:From|To|Cc|Signed-off-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by|Co-developed-by|Reported-and-tested-by):\s+[^<>]*<[^<>\s]+@[^<>\s]+>(?:,\s*[^<>]*<[^<>\s]+@[^<>\s]+>)*,?|Fixes:\s+[0-9a-f]{8,40}\s+\(".*"\)|Link:\s+https?:\/\/\S+|Change-Id:\s+I[0-9a-f]{40}|Issue:\s+\d+)$/;

/**
 * A reply's attribution line above a quote: a mail's `On Mon, 1 Dec 2026 at 10:00, Someone <a@b.org> wrote:`,
 * Launchpad's `Jane Roe (jroe) wrote on 2026-12-01:`, Bugzilla's `(In reply to Jane Roe from comment #3)`.
 */
export const ATTRIBUTION = /^(?:(?:On\s.*|\S.*\s)wrote(?: on \d{4}-\d\d-\d\d)?:(?:\s*#\d+)?|\(In reply to .* (?:from )?comment #\d+\))$/;

/**
 * The first line of an attribution a mail client wrote on two (`On Mon, 6 Jul 2020 08:34:50 +0200` over `Jiri Pirko
 * <jiri@resnulli.us> wrote:`): `On` and a date, the line under it an attribution.
 */
export const ATTRIBUTION_HEAD = /^On\s+(?:[A-Z][a-z]{2},?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4}|[A-Z][a-z]{2,8}\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}\/\d{1,2}\/\d{2,4})\b[^:]*(?::\d\d)*[^:]*$/;

/** Attribution lines that only a tracker's comment has, quoting or not (Bugzilla's reply line, Launchpad's comment header). */
export const REPLY_TO = /^(?:\(In reply to .*comment #\d+\)|\S.*\swrote on \d{4}-\d\d-\d\d:(?:\s*#\d+)?)$/;

/**
 * A writer's bar in the margin of each line of an output (`| $ devlink dev info`, `| driver: etas_es58x`), as a cover
 * letter sets its sample outputs apart: where a run of two lines or more starts with `|` and holds no other (no
 * Markdown table's row), the writer barred the text's outputs, and the bar and one space after it come off every such
 * line (a lone one too: an elision or a chat header may part one line from the rest). A bar whose space became a tab
 * (the text's spaces turned into tabs with the bar in place) leaves the indentation that tab stood for, less that space.
 */
export function barMargins(raws: readonly string[]): string[] {
  // Behind the indentation or quote markers added around the whole (a reply quoting the cover letter), the bar is the same.
  const BAR = /^([ \t]*(?:> ?)*)\|(?=[ \t]|$)/;
  const barred = raws.map((l) => BAR.test(l) && !l.replace(BAR, '').includes('|'));
  if (!barred.some((b, i) => b && barred[i + 1])) return [...raws];
  return raws.map((l, i) => (barred[i] ? unbarred(l, BAR.exec(l)![1]!) : l));
}

/** A barred line without its bar (after `lead`) and the one space after it, tabs after the bar expanded from the bar's column. */
function unbarred(line: string, lead: string): string {
  const rest = line.slice(lead.length + 1);
  const space = /^[ \t]*/.exec(rest)![0];
  if (!space.includes('\t')) return lead + rest.replace(/^ /, '');
  const column = (text: string, from: number): number => [...text].reduce((c, ch) => (ch === '\t' ? (Math.floor(c / 8) + 1) * 8 : c + 1), from);
  const at = column(lead, 0) + 1;
  return lead + ' '.repeat(Math.max(0, column(space, at) - at - 1)) + rest.slice(space.length);
}

/** A quoted-printable soft break: `=` at the end of a line (trailing spaces added on the way do not count). */
const SOFT_BREAK = /=[ \t]*\r?$/;

/** For each line, whether it continues the line above after a quoted-printable soft break. */
const softContinuations = (ls: readonly string[]): boolean[] => ls.map((_, i) => i > 0 && SOFT_BREAK.test(ls[i - 1]!));

/** Lines added around a body after it was encoded: Ansible's ad-hoc header, a page's markup alone on its line (`<syntaxhighlight lang="text">`, `== Output ==`). */
const aroundBody = (l: string): boolean => ANSIBLE_HEADER.test(l) || markupAlone(l);

/**
 * A quoted-printable mail body, decoded after a log's prefix that every encoded line carries is taken off (a syslog
 * tag, a CI log's or `ts`'s time, kubectl's `[pod/…]`, each line of the body logged after it was encoded): the
 * continuation of a soft break carries the prefix too, and is joined without it. When a continuation has none, the body
 * was encoded with the log's lines in it, and is decoded as it is. Ansible's ad-hoc header is no part of the body.
 */
export function decodeMailBody(text: string): string | undefined {
  const logged = loggedLines(text);
  if (logged !== undefined) {
    const ls = text.split('\n');
    const bareLs = logged.map((l) => l ?? '');
    // A continuation that is the prefix alone (an empty line logged) carries it as much as one with words after it.
    const prefixed = softContinuations(bareLs).every((c, i) => !c || ls[i]!.trim() === '' || logged[i] !== undefined);
    const decoded = prefixed && softContinuations(bareLs).some(Boolean) ? decodeQuotedPrintable(bareLs.join('\n'), aroundBody, looksLikeProse) : undefined;
    if (decoded !== undefined) return decoded;
  }
  return decodeQuotedPrintable(text, aroundBody, looksLikeProse);
}

/**
 * Whether a diff (`@@` hunks) was made of quoted-printable bodies as encoded: every continuation of a soft break in it
 * carries a diff's mark (` `, `+`, `-`) as its own line of the diff. A diff mailed after it was made is encoded with
 * it, and its continuations carry no mark.
 */
export function diffAfterEncoding(text: string): boolean {
  const ls = text.split('\n');
  const first = ls.findIndex((l) => HUNK.test(l));
  if (first < 0) return false;
  const inHunks = softContinuations(ls).map((c, i) => c && i > first + 1 && /^[ +-]/.test(ls[i - 1]!));
  return inHunks.some(Boolean) && inHunks.every((c, i) => !c || /^[ +-]/.test(ls[i]!));
}

/**
 * A forum's quote box exported with its mark on its first line only: a label ending in a colon (`ethtool -i eth0:`,
 * `lsmod:`), then `> driver: 8139too`, then the rest of the box unquoted, no blank line between. The mark is the box's,
 * not a reply's quote, and comes off. An attribution above (`Jane wrote:`) makes it a reply's quote, and it stays.
 * `gone`: lines set aside before (a diff's older side), no neighbour of any line.
 */
export function quoteBoxFirstLines(raws: readonly string[], gone: (i: number) => boolean = () => false): string[] {
  const depth = (l: string | undefined): number => (l === undefined ? -1 : quoteDepth(l) - 1);
  const body = (l: string | undefined): string => (l ?? '').trimStart().replace(QUOTE, '').trim();
  // The neighbours in the text as read: a diff's older lines, set aside, stand between no two lines of the newer side.
  const near = (i: number, step: 1 | -1): string | undefined => {
    let j = i + step;
    while (j >= 0 && j < raws.length && gone(j)) j += step;
    return raws[j];
  };
  return raws.map((l, i) => {
    if (gone(i)) return l;
    const [above, below] = [near(i, -1), near(i, 1)];
    // The whole paste may be quoted in turn (a reply quoting the post): the box's line is one deeper than its neighbours.
    const d = depth(above);
    const box = d >= 0 && depth(l) === d + 1 && depth(below) === d && body(above).endsWith(':') && !ATTRIBUTION.test(body(above)) && body(below) !== '';
    return box ? `${'> '.repeat(d)}${body(l)}` : l;
  });
}

/** How many quote markers a line carries: 0 for `driver: ice`, 2 for `>> driver: ice` and `> > driver: ice`. */
function quoteDepth(line: string): number {
  return QUOTE.exec(line.trimStart())?.[0].split('>').length ?? 1;
}

/**
 * A mail reply whose quotes are cut by answers (`>> output`, `> a question`, an unquoted answer, `>> more output`): the
 * output is the lines of one depth, whichever holds the most lines that are no sentence (a command line counts too);
 * the lines of other depths are the thread's words around it. Undefined unless at least two quoted runs are parted by
 * unquoted words. aside: lines the caller knows to be a person's block around the paste (a forwarded message's headers,
 * a Markdown table), which weigh for no depth.
 */
export function interleavedReply(raws: readonly string[], around: (l: string) => boolean, aside: (i: number) => boolean = () => false): { raws: string[]; prose: number[] } | undefined {
  const depths = raws.map((l) => quoteDepth(l) - 1);
  const bodies = raws.map((l) => l.trimStart().replace(QUOTE, '').trim());
  // The writer's level: the shallowest depth of their words (a reply quoted whole in a later mail has its words one or
  // two deep, what it quotes deeper); an attribution line above the whole is no word of theirs.
  let base = Infinity;
  bodies.forEach((b, i) => {
    if (b !== '' && !ATTRIBUTION.test(b)) base = Math.min(base, depths[i]!);
  });
  if (!Number.isFinite(base)) return undefined;
  let runs = 0;
  let inRun = false;
  raws.forEach((l, i) => {
    if (l.trim() === '' || (ATTRIBUTION.test(bodies[i]!) && depths[i]! < base)) return;
    if (depths[i]! > base && !inRun) runs++;
    inRun = depths[i]! > base || (inRun && bodies[i] === '');
  });
  if (runs < 2) return undefined;
  const weight = new Map<number, number>();
  bodies.forEach((b, i) => {
    if (b === '' || aside(i) || ATTRIBUTION.test(b) || (looksLikeProse(b) && !around(b))) return;
    weight.set(depths[i]!, (weight.get(depths[i]!) ?? 0) + 1);
  });
  const ranked = [...weight].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  if (ranked.length < 2 && ranked[0]?.[0] === base) return undefined;
  const depth = ranked[0] === undefined ? undefined : (repastedAt(bodies, depths, ranked[0][0], around) ?? ranked[0][0]);
  if (depth === undefined) return undefined;
  const prose: number[] = [];
  const out = raws.map((l, i) => {
    if (bodies[i] === '') return '';
    if (depths[i] !== depth) prose.push(i);
    return depths[i] === depth && depth > 0 ? l.trimStart().replace(QUOTE, '') : l;
  });
  return { raws: out, prose };
}

/** A line's shape: its first two words, digits masked (`state healthy error 33` and `… error 250` are one shape). */
const lineShape = (body: string): string => body.split(/\s+/, 2).join(' ').replace(/\d+/g, '0');

/**
 * The depth at which the writer pasted an output again, below the one they quote (`Oops, not 250:` and the corrected
 * output): the nearest shallower depth with at least three lines that are no sentence, most of them of a shape the
 * quoted output has. The writer's output is the one they stand by, also when a later reply quotes the writer in turn
 * (the writer's lines one deep, the output they quoted two deep). Undefined when no depth repastes it.
 */
function repastedAt(bodies: readonly string[], depths: readonly number[], quoted: number, around: (l: string) => boolean): number | undefined {
  const tool = (b: string): boolean => b !== '' && !ATTRIBUTION.test(b) && !(looksLikeProse(b) && !around(b));
  const shapes = new Set(bodies.filter((b, i) => depths[i] === quoted && tool(b)).map(lineShape));
  for (let d = quoted - 1; d >= 0; d--) {
    const own = bodies.filter((b, i) => depths[i] === d && tool(b));
    const twins = own.filter((b) => shapes.has(lineShape(b))).length;
    if (twins >= 3 && twins * 2 >= own.length) return d;
  }
  return undefined;
}
