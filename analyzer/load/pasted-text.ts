import { continuesSentence, excerptOf, IP_LISTING, isGitMailLine, looksLikeProse, trailingProse, type CleanText, type Excerpt, type LineIssue } from '../parsers/text-input.js';

/**
 * What a person added to a pasted output, told apart from what a parser could not read: a note after a value
 * (`fr : EPK9CR5Q  # the firmware`), and text around the output (`Here is the output:`, `Output example::`, `---`, a
 * sentence after it). Both are left out of the values; neither is a gap of the parser, so neither is an unread line.
 */

/** A note left out of a value: its line and the note as written. */
export interface PastedNote {
  line: number;
  note: string;
}

export interface PastedText {
  notes: PastedNote[];
  /** Line numbers of the text around the output, in order. */
  around: number[];
  /** A diff of two outputs, whose newer side was read: the older side's line numbers and the headers', in order. */
  diff?: { removed: number[]; headers: number[] };
  /** The shell's own messages after a command (`Segmentation fault (core dumped)`), with the command when the paste shows it. */
  shell: { line: number; text: string; command?: string }[];
  /** The output went through a filter typed after its command (`| grep -i fr`): the paste is what the filter kept. */
  filtered?: Excerpt;
}

const isLineIssue = (x: unknown): x is LineIssue =>
  typeof x === 'object' && x !== null && typeof (x as LineIssue).line === 'number' && typeof (x as LineIssue).text === 'string';

/**
 * The notes and the text around the output in what a parser read (`seen`, from observeText). The parser's line
 * issues (`result.issues`, when it has them) that are text around the output — prose before the first line it read
 * or after the last — are taken out of that list, so its loader does not record them as unread lines. Lines inside
 * the output the parser did not know stay its issues, prose or not.
 */
export function pastedText(seen: readonly CleanText[], result: unknown): PastedText {
  const notes = new Map<number, string>();
  const around = new Set<number>();
  const given = new Set<number>();
  // The command line and the kernel's answer: where an output that printed nothing else is.
  const command = new Set<number>();
  const removed = new Set<number>();
  const headers = new Set<number>();
  const shell = new Map<number, PastedText['shell'][number]>();
  const named = new Set<number>();
  const margins: number[][] = [];
  // The words of the lines the text layer took for a person's, by line: a closing above a name the parser was given.
  const aroundText = new Map<number, string>();
  for (const c of seen) {
    margins.push(...(c.margins ?? []));
    for (const n of c.noise) {
      if (n.kind === 'diff') (n.diff === 'removed' ? removed : headers).add(n.no);
      else if (n.kind === 'annotation' && n.note !== undefined) notes.set(n.no, n.note);
      else if (n.kind === 'prose') {
        around.add(n.no);
        aroundText.set(n.no, n.text);
      }
      else if (n.kind === 'prompt' || n.kind === 'trailer') command.add(n.no);
    }
    for (const l of c.lines) {
      given.add(l.no);
      if (l.shell) shell.set(l.no, { line: l.no, text: l.text.trim(), ...(l.command !== undefined ? { command: l.command } : {}) });
    }
  }
  const issues = typeof result === 'object' && result !== null && Array.isArray((result as { issues?: unknown }).issues) ? (result as { issues: unknown[] }).issues : undefined;
  if (issues?.every(isLineIssue) && issues.length) {
    // The shell's message the parser could not read is the shell's, named once as such; one it read (a crash it reports) is its own.
    const theShells = issues.filter((i) => shell.get(i.line)?.text === i.text.trim() && !/\bline\(s\) of\b/.test(i.message));
    if (theShells.length) {
      const taken = new Set(theShells);
      const kept = issues.filter((i) => !taken.has(i));
      issues.length = 0;
      for (const i of kept) issues.push(i);
    }
    for (const i of theShells) named.add(i.line);
    const unread = new Set(issues.map((i) => i.line));
    // Nothing read: the output is where its command line and the kernel's answer are (`$ devlink dev info` and `kernel
    // answers: Operation not supported`), else nowhere and nothing is told apart (a file that is not the tool's output).
    const read = [...given].filter((no) => !unread.has(no) && !named.has(no));
    const at = read.length ? read : [...command];
    if (at.length) {
      // A loop, not Math.min(...at): an output may have more lines than a call takes arguments.
      let first = Infinity;
      let last = -Infinity;
      for (const no of at) {
        if (no < first) first = no;
        if (no > last) last = no;
      }
      const after = issues.filter((i) => i.line > last).sort((a, b) => a.line - b.line);
      const prose = trailingProse(after.map((i) => i.text), writersMarked);
      const trailing = new Set(after.filter((_, k) => prose[k]));
      const between = wordsBetweenOutputs(issues, at, command);
      const leading = leadingProse(issues.filter((i) => i.line > 0 && i.line < first).sort((a, b) => a.line - b.line), aroundText);
      const margin = writersParagraphs(margins, given, unread);
      for (const no of typedSteps(margins, given, unread, issues)) margin.add(no);
      // An ip listing a parser noted as one is ip's output, whatever its words read like.
      const outside = (i: LineIssue): boolean => !i.message.includes(IP_LISTING) && (leading.has(i) || trailing.has(i) || between.has(i) || margin.has(i.line) || personsComment(i.text));
      for (const i of issues) if (outside(i)) around.add(i.line);
      const kept = issues.filter((i) => !outside(i));
      issues.length = 0;
      for (const i of kept) issues.push(i);
    }
  }
  const sorted = (xs: Set<number>): number[] => [...xs].sort((a, b) => a - b);
  const filtered = seen.length ? excerptOf(seen[0]!) : undefined;
  return {
    ...(filtered ? { filtered } : {}),
    notes: [...notes].sort(([a], [b]) => a - b).map(([line, note]) => ({ line, note })), around: sorted(around),
    shell: [...shell.values()].filter((m) => named.has(m.line)).sort((a, b) => a.line - b.line),
    ...(removed.size || headers.size ? { diff: { removed: sorted(removed), headers: sorted(headers) } } : {}),
  };
}

/**
 * The lines of the writer's paragraphs at the margin between indented outputs (CleanText's margins) that the parser was
 * given and read none of: a paragraph one of whose lines it read holds output, and stays the parser's.
 */
function writersParagraphs(margins: readonly number[][], given: ReadonlySet<number>, unread: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  for (const p of margins) {
    const mine = p.filter((no) => given.has(no));
    if (mine.every((no) => unread.has(no))) for (const no of mine) out.add(no);
  }
  return out;
}

/**
 * A line a person writes outside an output, marked as theirs: a Markdown list item (`- Linux kernel: 6.17.7`, `* Ubuntu
 * 20.04.3 LTS`, `-- Bonded interfaces …`), a footnote (`[1] https://…`, `[3] Ethtool Parameters:`), a link alone, a
 * Markdown heading of two marks or more (`#### Namespaces and addressing`). Inside an output such a line stays the parser's.
 */
const writersMarked = (text: string): boolean => isGitMailLine(text) || /^(?:(?:[-*+\u2022]|--)\s+\S|\[\d{1,2}\]\s+\S|<?https?:\/\/\S+>?$|#{2,6}\s+\S)/.test(text.trim());

/** A command line typed with no prompt, of any tool (`rmmod vmxnet3`, `lsmod | grep vmx`, `mv a.ko a.ko.old`): a word in lower case and its arguments, no `key: value`. */
const TYPED_COMMAND = /^(?:sudo\s+)?[a-z][\w.+-]*(?:\s+(?:[^\s:]\S*|\|))*$/;

/**
 * The writer's steps between their paragraphs at the margin (a how-to's `Remove the current module` over an indented
 * `rmmod vmxnet3`, then `Load the module` over `insmod vmxnet3.ko`): an indented block between two of those paragraphs
 * whose every line the parser was given, read none of, and is a command line typed with no prompt. A block the parser
 * read a line of is output.
 */
function typedSteps(margins: readonly number[][], given: ReadonlySet<number>, unread: ReadonlySet<number>, issues: readonly LineIssue[]): Set<number> {
  const out = new Set<number>();
  const texts = new Map(issues.map((i) => [i.line, i.text]));
  const paragraphs = [...margins].sort((a, b) => a[0]! - b[0]!);
  for (let k = 1; k < paragraphs.length; k++) {
    const from = paragraphs[k - 1]!.at(-1)!;
    const to = paragraphs[k]![0]!;
    const block = [...given].filter((no) => no > from && no < to);
    if (block.length && block.every((no) => unread.has(no) && TYPED_COMMAND.test((texts.get(no) ?? '').trim()))) for (const no of block) out.add(no);
  }
  return out;
}

/**
 * A person's label in one lower-case word alone on its line (`example:`, `output:`, `before:`), or a commit message's
 * `e.g.` / `i.e.:`: above an output, where no tool fwsnap reads prints such a line first, it is the person's.
 */
const LOWER_LABEL = /^(?:[a-z]+:|[Ee]\.?g\.?:?|[Ii]\.?e\.?:?)$/;

/**
 * The unread lines above an output that are a person's: prose (also quoted deeper than the output), a line marked as
 * theirs, a label the parser's tool never prints (`Hardware Info:`), and the rest of a sentence
 * wrapped onto the next line (`we see the following on` / `the second port`), which alone reads as no sentence; a name
 * under a closing (`Thanks` / `Robin`), the closing being among the lines the text layer took for a person's (`aside`).
 */
function leadingProse(above: readonly LineIssue[], aside: ReadonlyMap<number, string>): Set<LineIssue> {
  const out = new Set<LineIssue>();
  above.forEach((i, k) => {
    const prev = above[k - 1];
    const before = prev !== undefined && out.has(prev) && prev.line === i.line - 1 ? prev.text : aside.get(i.line - 1);
    const continued = prev !== undefined && out.has(prev) && prev.line === i.line - 1 && continuesSentence(prev.text, i.text);
    const words = unquoted(i.text);
    if (looksLikeProse(words) || writersMarked(words) || i.label === true || LOWER_LABEL.test(words.trim()) || continued || (before !== undefined && trailingProse([before, words], writersMarked)[1])) out.add(i);
    else if (words === '' && before !== undefined) out.add(i);
  });
  // The head of a sentence the next line ends (`Tested on x86-64, mtk7996 radio.  Specifically` / `debugged on 2.4Ghz
  // radio, but I think it affects 5Ghz too.`): words a person wrapped, which alone read as no sentence.
  for (let k = above.length - 2; k >= 0; k--) {
    const i = above[k]!;
    const next = above[k + 1]!;
    const words = unquoted(i.text).trim().replace(/([a-z][.?!])  (?=[A-Z])/g, '$1 ');
    if (!out.has(i) && out.has(next) && next.line === i.line + 1 && SENTENCE_HEAD.test(words) && continuesSentence(words, unquoted(next.text))) out.add(i);
  }
  return out;
}

/** A sentence's first words: a capital, then words one space apart, no tool's label (`Current message level: 0x36`) or marks. */
const SENTENCE_HEAD = /^(?!.*\S:(?:\s|$))[A-Z][a-z']*(?: [^\s=|{}[\]<>]+){2,}$/;

/**
 * The words of a line quoted deeper than the output under it (a reply's quoted question above the writer's answer and
 * paste, `> on Linux and Windows setups.`), without its quote marks; a quoted empty line (`>`) holds none.
 */
const unquoted = (text: string): string => text.replace(/^\s*(?:>\s?)+/, '');

/** A comment marker and the words after it (`# 服务器网卡`, `#Server NIC`): the words. */
const commentWords = (text: string): string => text.trim().replace(/^#+\s*/, '');

/**
 * A `#` comment of a person's words inside an output (`# vmxnet3 是 VMware 的高性能半虚拟化驱动`, `# the second port`): no
 * tool read through the text layer prints one (smartctl's `# 1  Short offline …` starts with a number and aligns its
 * columns, dmidecode's `# dmidecode 3.3` is a name and a version).
 */
const personsComment = (text: string): boolean => (/^#/.test(text.trim()) && looksLikeProse(commentWords(text))) || C_COMMENT.test(text.trim());

/**
 * A C comment alone on its line between the commands of a session (`/* Set num_qps_per_vf to 4 *\/`): the writer's
 * note; no tool prints a line opened and closed by the comment marks.
 */
const C_COMMENT = /^\/\*\s*\S.*\*\/$/;

/**
 * Words a person put between two outputs: the unread lines after one output's last read line and before the next
 * command line, when all of them read as a person's (a sentence and its wrapped rest, a heading, a `#` comment).
 */
function wordsBetweenOutputs(issues: readonly LineIssue[], read: readonly number[], commands: ReadonlySet<number>): Set<LineIssue> {
  const out = new Set<LineIssue>();
  if (!commands.size || !issues.length) return out;
  const lines = Float64Array.from(read).sort();
  const sorted = [...issues].sort((a, b) => a.line - b.line);
  // The last entry of an ascending list below n, by bisection (an output may have many lines).
  const below = <T>(xs: ArrayLike<T>, n: number, at: (x: T) => number): number => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(xs[mid]!) < n) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  for (const c of commands) {
    const k = below(lines, c, (x) => x);
    if (k < 0) continue;
    const from = below(sorted, lines[k]!, (i) => i.line) + 1;
    const to = below(sorted, c, (i) => i.line) + 1;
    const run = sorted.slice(Math.max(from, 0), to).filter((i) => i.line > lines[k]!);
    if (run.length && trailingProse(run.map((i) => commentWords(i.text))).every(Boolean)) for (const i of run) out.add(i);
  }
  return out;
}

/** `1–3, 40`: line numbers as runs. */
export function lineRuns(lines: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    runs.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j + 1;
  }
  return runs.join(', ');
}
