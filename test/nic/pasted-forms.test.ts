import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDevlinkHealth, parseDevlinkInfo, parseDevlinkParams } from '../../analyzer/classes/nic/devlink.js';
import { parseEthtoolInfoText } from '../../analyzer/classes/nic/ethtool-info-text.js';
import { parseDevlinkPorts } from '../../analyzer/classes/nic/devlink-port.js';

/**
 * The real outputs of the corpus, pasted the ways they also travel: with CRLF line ends, coloured, indented
 * once more, quoted in an e-mail reply, followed by iproute2's `kernel answers:` trailer, or escaped inside
 * a JSON log line, or HTML-escaped by a web page or a ticket export. Each form must read exactly like the output as published.
 */

const ROOT = new URL('./fixtures/real/', import.meta.url).pathname;

type Reader = (text: string) => { facts: unknown; issues: number };
const devlink = (parse: (t: string) => { items: unknown[]; issues: unknown[] }): Reader => (t) => {
  const r = parse(t);
  return { facts: r.items, issues: r.issues.length };
};
const READERS: Record<string, Reader> = {
  'devlink-dev-info': devlink(parseDevlinkInfo),
  'devlink-param': devlink(parseDevlinkParams),
  'devlink-health': devlink(parseDevlinkHealth),
  'devlink-port': devlink(parseDevlinkPorts),
  'ethtool-i': (t) => {
    // An earlier output is given by its first line's number, which a form adding lines above shifts: its count is the fact.
    const { issues, earlier, ...facts } = parseEthtoolInfoText(t);
    return { facts: { ...facts, earlier: earlier.length }, issues: issues.length };
  },
};

const FORMS: Record<string, (text: string, json: boolean) => string | undefined> = {
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  colour: (t, json) => (json ? undefined : t.replace(/^(\s*)(\S+)/gm, '$1\x1b[1;32m$2\x1b[0m')),
  indented: (t) => t.replace(/^/gm, '    '),
  quoted: (t) => t.replace(/^/gm, '> '),
  'kernel answers': (t) => `${t.replace(/\n?$/, '\n')}kernel answers: Operation not supported\n`,
  'JSON log line, compact JSON inside': (t, json) => {
    if (!json) return undefined;
    const doc = t.slice(t.indexOf('{'));
    return `${JSON.stringify({ level: 'info', msg: 'devlink', stdout: JSON.stringify(JSON.parse(doc.replace(/^>\s?/gm, ''))) })}\n`;
  },
  // A sample published HTML-escaped is not escaped twice (one decoding undoes one escaping).
  'HTML-escaped': (t) => (/&#x[0-9a-f]+;/i.test(t) ? undefined : t)?.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\//g, '&#x2F;').replace(/`/g, '&#x60;'),
  // A list reply (lore.kernel.org netdev threads) quoting the output two deep, cut by the reviewer's question one deep and
  // the author's unquoted answer; a JSON document is quoted whole, the thread going on below it.
  // A sample whose own prompt is `>` (`>ethtool -i eth4` above unquoted output) cannot be quoted so: its prompts would read as quote markers.
  'reply, quote depths interleaved': (t, json) => {
    if (/^>\s?(?:ethtool|devlink)\s.*\r?\n(?!>)\S/m.test(t)) return undefined;
    const lines = t.replace(/\n+$/, '').split('\n');
    const cut = json ? lines.length : Math.ceil(lines.length / 2);
    const quote = (ls: string[]): string => ls.map((l) => `>> ${l}`.trimEnd()).join('\n');
    return `On Tue, 12 Jan 2021 10:11:12 -0800 A Reviewer wrote:\n> On Mon, 11 Jan 2021 17:20:01 +0200 An Author wrote:\n${quote(lines.slice(0, cut))}\n>\n` +
      `> Is this all the device prints here?\n\nYes, the rest follows below.\n\n${cut < lines.length ? `${quote(lines.slice(cut))}\n>\n` : ''}> Thanks, that answers it.\n\nOkay, will send v2.\n`;
  },
  'JSON log line': (t) => (t.split('\n').length > 2 ? `${JSON.stringify({ level: 'info', ts: 1700000000, msg: 'command output', stdout: t })}\n` : undefined),
};

/**
 * Forms of a sample that store the same facts but count other unread lines than the published output, each with its
 * reason; an entry whose form starts counting the same must leave the list.
 */
const OPEN_ISSUE_COUNTS: Record<string, string> = {
  'devlink-param/ice-msix-nested-quote-with-space-kernel-answers.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the patch two deep under a question one deep; quoted two deeper and cut, the question and the answer at other depths than the output are the thread\'s words, not unread lines (8, 14 as published); the same facts',
  'devlink-param/ice-msix-nested-quote-with-space-kernel-answers.txt: quoted':
    'the sample is itself a reply quoting the patch two deep (`> > `) under a question one deep; quoted once more, every depth is one deeper and the question is no longer the one-deep words above the output, so the thread\'s lines are counted otherwise (12 unread lines, 14 as published); the same facts',
  'ethtool-i/jme-before-after-vendor-driver-uname-after.txt: reply, quote depths interleaved':
    'the form cuts the paste between the heading `After` and the command line under it; the heading then stands over the thread\'s words, not over a command, and is an unread line (2 unread lines, 1 as published); the same facts',
  'devlink-dev-info/ice-srev-lock-firmware-rfc.txt: reply, quote depths interleaved':
    'the sample\'s own answer to a y/N prompt (`>y`) reads as one quote depth more, a line of the thread\'s words instead of an unread line of the output',
  'devlink-param/bnxt-two-ports-devlink-dev-list-spaced-quotes.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the output four deep under its reviewer\'s question; quoted two deeper and cut, the question lines are the thread\'s words at another depth, not unread lines',
  'ethtool-i/atlantic-kernel-rst-output-example.txt: reply, quote depths interleaved':
    'the document\'s own title line (` Output example::`) is quoted at the output\'s depth, so it is an unread line of the output rather than text above it',
  'ethtool-i/mlx5-ipoib-sbin-path-quoted-two-deep.txt: reply, quote depths interleaved':
    'the question quoted three deep above the answer two deep: one depth deeper, the question\'s lines read as the thread\'s words, 3 lines fewer unread',
  'ethtool-i/igc-i225-wired-lan-mail.txt: reply, quote depths interleaved':
    'the sample is itself a reply whose quoted questions sit around its unquoted output; quoted two deeper and cut, its own question and command lines are counted otherwise than in the published reply',
  'devlink-health/port-reporter-tx-set-continued-shown-again-four-deep.txt: reply, quote depths interleaved':
    'the sample is itself a review quoting the output four deep under the reviewer\'s words at other depths; quoted two deeper and cut, one review line is counted at the output\'s depth (1 unread line, 2 as published); the same facts',
  'devlink-health/octeontx2-npa-v5-quoted-four-deep-dump-glued.txt: reply, quote depths interleaved':
    'the sample is itself a review quoting the patch three and four deep; quoted two deeper and cut, the reviewers\' lines at other depths are counted otherwise (8 unread lines, 11 as published); the same facts',
  'devlink-param/mlx5-esw-port-metadata-qp-reply-three-deep.txt: quoted':
    'the sample is itself a reply quoting the output three deep under answers at other depths; quoted once more, every depth is one deeper and the answers are no longer the unquoted depth, so the thread\'s words are counted otherwise (24 unread lines, 14 as published); the same facts',
  'devlink-param/mlx5-esw-port-metadata-qp-reply-three-deep.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the output three deep under answers at other depths; quoted two deeper and cut, the thread\'s words at other depths than the output are text around it (3 unread lines, 14 as published); the same facts',
  'devlink-dev-info/nfp-nfp3800-multi-pf-reply-two-functions.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the question one deep above its unquoted output; quoted two deeper and cut, the question is the thread\'s words at another depth, not unread lines (1, 3 as published); the same facts',
  'ethtool-i/mlx5-five-deep-three-lines-uname-before.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the thread five and six deep; quoted two deeper and cut, the question and the answer at other depths than the output are the thread\'s words, not unread lines (1, 4 as published); the same facts',
  'devlink-param/sja1105-hostprio-rst-patch-kernel-line-between.txt: reply, quote depths interleaved':
    'the sample is a patch\'s `+` lines; quoted two deeper and cut, the patch\'s sentence above its `::` is read at the output\'s depth, not as the document\'s words (3 unread lines, 1 as published); the same facts',
  'ethtool-i/mlx5-i40e-rst-literal-headings-two-outputs.txt: reply, quote depths interleaved':
    'quoted two deeper right under the attribution lines, the document\'s title has the attribution above it, not a blank line, so it and its underline are unread lines (8, 6 as published); the same facts',
  'ethtool-i/atl1e-label-quote-mark-driver-and-version-glued.txt: reply, quote depths interleaved':
    'quoted two deeper and cut, the writer\'s sentence above the command\'s label (`Here are the outputs of the ethtool:`) is the thread\'s words, not an unread line (1, 2 as published); the same facts',
  'ethtool-i/8139too-ubuntuforums-label-quote-mark-first-line.txt: reply, quote depths interleaved':
    'quoted two deeper and cut, the other file under its path label after the output is split from the output by the reviewer\'s lines, and its comment lines count as unread lines rather than words after the output (3 unread lines, 2 as published); the same facts',
  'ethtool-i/8139too-ubuntuforums-label-quote-mark-first-line.txt: kernel answers':
    'the sample ends in another file\'s path label and first lines; the kernel\'s answer appended under them is one more line no ethtool prints (3 unread lines, 2 as published); the same facts',
  'ethtool-i/mt7996e-wlan2-reply-quoted-thread-above-signature.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting its thread one and two deep above its unquoted output; quoted two deeper and cut, the thread\'s lines are at other depths than the output and are counted otherwise (8, 24 as published); the same facts',
  'devlink-dev-info/qed-russkikh-answer-two-deep-board-serial-question-below.txt: quoted':
    'the sample is itself a reply quoting the output two deep above the reviewer\'s question one deep and the author\'s unquoted answer; quoted once more, the answer is no longer the unquoted words, so the thread\'s lines are counted otherwise (7, 4 as published); the same facts',
  'devlink-dev-info/qed-russkikh-reply-two-deep-cut-after-serial-rst-entry-below.txt: quoted':
    'the sample is itself a reply quoting the output two deep above the reviewer\'s question and rst entry one deep and the author\'s unquoted answer; quoted once more, the answer is no longer the unquoted words, so the thread\'s lines are counted otherwise (8, 5 as published); the same facts',
  'devlink-dev-info/qed-russkikh-answer-two-deep-board-serial-question-below.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the output two deep above the reviewer\'s question one deep and the author\'s answer; quoted two deeper and cut, the question and the answer are the thread\'s words at other depths than the output (0, 4 as published); the same facts',
  'devlink-dev-info/qed-russkikh-reply-two-deep-cut-after-serial-rst-entry-below.txt: reply, quote depths interleaved':
    'the sample is itself a reply quoting the output two deep above the reviewer\'s question one deep and the author\'s answer; quoted two deeper and cut, the question and the answer are the thread\'s words at other depths than the output (0, 5 as published); the same facts',
  'ethtool-i/mlx5-three-lines-inside-mail-reply.txt: reply, quote depths interleaved':
    'a reply mixing quoted questions, unquoted answers and an unquoted command session: quoted two deeper and cut, another command\'s output pasted beside ethtool -i is split by the reviewer\'s lines and noted once per part (2, 1 as published); the same facts',
};

const samples = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort().flatMap((tool) =>
  readdirSync(join(ROOT, tool)).filter((f) => /\.(txt|json)$/.test(f)).sort().map((f) => ({ tool, file: f, text: readFileSync(join(ROOT, tool, f), 'utf8') })),
);

describe('real outputs in pasted forms read like the published output', () => {
  for (const { tool, file, text } of samples) {
    const read = READERS[tool]!;
    it(`${tool}/${file}`, () => {
      const published = read(text);
      for (const [form, make] of Object.entries(FORMS)) {
        const pasted = make(text, file.endsWith('.json'));
        if (pasted === undefined) continue;
        const got = read(pasted);
        if (OPEN_ISSUE_COUNTS[`${tool}/${file}: ${form}`] === undefined) expect(got, form).toEqual(published);
        else {
          expect(got.facts, form).toEqual(published.facts);
          expect(got.issues, `${form}: listed as open but counting the same now`).not.toBe(published.issues);
        }
      }
    });
  }
});
