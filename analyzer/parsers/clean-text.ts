import { CODE_PROCESSOR, FORUM_CODE_LABEL, isLineNumberGutter } from './code-block-labels.js';
import { COMMENT, ELISION, noteAfterValue, TRAILER } from './line-marks.js';
import { ATTRIBUTION, ATTRIBUTION_HEAD, barMargins, FORWARD_HEADER, FORWARD_MARK, interleavedReply, PATCH_TRAILER, QUOTE, quoteBoxFirstLines, REPLY_TO } from './mail-quoting.js';
import { fenceBlocks, FENCE, gluedFenceOpenings, withoutGluedClosing } from './code-fences.js';
import { boldAcrossLines, INLINE_MARKUP, laterSections, marginParagraphs, markdownTables, restDirectives, restHeadings, restLiteralProse, undoSelfLinks } from './markdown-text.js';
import { showsMask } from './masked-value.js';
import { looksLikeProse, trailingProse } from './prose.js';
import { unwrapRunnerLog } from './runner-log.js';
import { ANSIBLE_HEADER, ANY_PROMPT, BARE_COMMAND, BARE_PROMPT, CHAT_HEADER, commandOf, COMMENT_WORDS, DOLLAR_COMMAND, ECHO_ERROR, ECHO_WRITE, ENDS_IN_OPTION, gluedCommand, HEADING_WORD, LABEL, OPEN_CODE_SPAN, OPTION_VALUE, OWN_TOOL, printsHostKernel, PROMPT, PROMPT_COMMENT, promptedCommand, ROOT_ECHO, SCRIPT_COMMAND, SCRIPT_LINE, SESSION_LINE, SHELL_MESSAGE, TWO_LINE_FIRST, TWO_LINE_SECOND, VERSION_SHAPED, WINDOWS_BARE_PROMPT } from './shell-session.js';
import { type CleanOptions, type CleanText, indentOf, type NoiseLine, type TextLine } from './text-lines.js';
import { DIFF_ADDED, unifiedDiff } from './unified-diff.js';
import { decodeWhole } from './whole-decoding.js';
import { wikiCommandLines } from './wiki-commands.js';

/**
 * The line-by-line pass of the text layer (see text-input.ts for what a paste carries): after the whole-paste decodings,
 * each line is the tool's, or a prompt, a cut, a fence, a note, a person's words or a diff's older side, with its number.
 */

/** A tool's field behind a comment mark: `driver: mlx5_core`, `fw.version 16.35.2000`'s handle `pci/0000:3b:00.0:`. */
const COMMENTED_FIELD = /^(?:[A-Za-z][\w.() -]*:(?:\s+\S.*)?|[a-z][\w-]*\/\S+:)$/;

/** A person's `Key: value` note in capitalised words (`Firmware: updated last week`), as no tool read here prints at a comment block's margin. */
const PERSONS_NOTE = /^[A-Z][a-z]+(?: [A-Za-z]+)*: [A-Za-z][\w.,' -]*$/;

/** A script's step: a program's name (after `sudo`, a path) and its arguments, no field's colon after the name. */
const SCRIPT_STEP = /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?[a-z][\w.+-]*(?:\s+[^\s:][^\s]*)*$/;

/**
 * Seven hashes or more (more than a Markdown heading has) before what a forum post pasted under it: a command or a
 * file's name, in lower case or a path (a writer's `######## SNIP` is no command).
 */
const HASH_BANNER = /^#{7,}(?!#)\s*((?:sudo\s+)?(?:\S*\/)?[a-z][\w.+-]*(?:\s[^#]*?)?)\s*#*$/;

/** A Markdown heading of the writer's above a quoted paste (`### Output`); one `#` is a root prompt's sign. */
const WRITERS_HEADING = /^#{2,6}\s+\S/;

/** The line without the backtick of a code span opened before a command line and never closed (`` `lscpu ``). */
function openSpanCommand(line: string): string | undefined {
  const m = OPEN_CODE_SPAN.exec(line.trimEnd());
  if (!m) return undefined;
  const typed = m[2]!.trim();
  return PROMPT.test(typed) || DOLLAR_COMMAND.test(typed) || BARE_COMMAND.test(typed) ? `${m[1]}${typed}` : undefined;
}

/** Whether `line` is indented deeper than `above` (a tab as a terminal shows it, to the next multiple of 8). */
const deeper = (line: string, above: string): boolean => {
  const indent = (l: string): number => {
    let col = 0;
    for (const ch of /^\s*/.exec(l)![0]) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
    return col;
  };
  return indent(line) > indent(above);
};

/** A line with each tab turned into the spaces up to the next tab stop (every 8 columns), as a terminal shows it. */
const expandTabs = (line: string): string => {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
};

/** How a person's sentence starts: a letter, or a quote or bracket before one. */
const SENTENCE_START = /^["'(]?\p{L}/u;

/** Normalises captured text; never throws. */
export function cleanText(raw: string, o: CleanOptions = {}): CleanText {
  const whole = decodeWhole(raw, o.keepEntities === true);
  const markup = whole.markup;
  let raws = whole.text.split('\n');
  // A diff of two pastes is made of the pastes as saved: its marks come off first, quote markers and all inside them.
  const diffParts = unifiedDiff(raws);
  raws = o.document ? diffParts.raws : boldAcrossLines(barMargins(diffParts.raws));
  // A wiki's command as two glued code spans (`root #``dmidecode`) is a prompt and its command; a fence glued after them opens the output's block.
  const wiki = o.document ? undefined : wikiCommandLines(raws);
  if (wiki) raws = wiki.raws;
  // A command after a code span's opening backtick never closed (`lscpu over its output) is the command line.
  if (!o.document) raws = raws.map((l) => openSpanCommand(l) ?? l);
  const openings = markup.inBlock || o.document ? { raws, at: new Set<number>() } : gluedFenceOpenings(raws);
  raws = openings.raws;
  if (!markup.inBlock) for (const i of wiki?.opened ?? []) openings.at.add(i);
  // A closing fence glued after the block's last line comes off that line (the block closes there).
  const closings = new Set<number>();
  const fenced = (): boolean[] | undefined => {
    const f = fenceBlocks(raws, openings.at, closings);
    for (const i of f.glued) {
      raws[i] = withoutGluedClosing(raws[i]!);
      closings.add(i);
    }
    return f.marks < 2 ? undefined : f.inside;
  };
  let inFence = markup.inBlock ?? fenced();
  // A person's comment between the commands of a session: words on the line above a command line, or a sentence as the
  // paste's last line. One inside an output stays the parser's unread line.
  const nextIndex = (i: number): number => {
    let j = i + 1;
    while (j < raws.length && raws[j]!.trim() === '') j++;
    return j;
  };
  const nextLine = (i: number): string => raws[nextIndex(i)]?.trim() ?? '';
  const previousIndex = (i: number): number => {
    let j = i - 1;
    while (j >= 0 && raws[j]!.trim() === '') j--;
    return j;
  };
  // Where a code block starts: the text's first line, the first line inside a fence (or glued after its opening mark).
  const blockStart = (i: number): boolean => {
    const p = previousIndex(i);
    return p < 0 || openings.at.has(i) || (FENCE.test(raws[p]!.trim()) && (inFence?.[i] ?? true));
  };
  // The steps of a script whose outputs are written as comments: there, a line that is no comment is a command, whatever its program.
  const scriptSteps = new Set<number>();
  const commandLine = (l: string): boolean => PROMPT.test(l) || DOLLAR_COMMAND.test(l) || BARE_COMMAND.test(l) || ANY_PROMPT.test(l) || ECHO_WRITE.test(l);
  // Fences around the command typed alone (```` ```shell ```` / `fwupdmgr get-devices` / ```` ``` ````), its output
  // pasted under them unfenced, do not mark the output off: the lines outside them are no person's words for that.
  const outputFence = (f: boolean[] | undefined): boolean[] | undefined => (f && raws.some((l, i) => f[i] && l.trim() !== '' && !commandLine(l.trim())) ? f : undefined);
  if (!markup.inBlock) inFence = outputFence(inFence);
  const commandAt = (j: number): boolean => commandLine(raws[j]?.trim() ?? '') || scriptSteps.has(j);
  // A write by echo behind a bare `#` with a line of the output right under it (`# echo 4 > …/sriov_numvfs` between
  // ethtool -i's fields) is a step a person left commented: a typed echo into a file prints nothing, so a blank line, a
  // command line or the shell's write error follows it.
  const commentedStep = (t: string, i: number): boolean => {
    const below = raws[i + 1]?.trim() ?? '';
    return ROOT_ECHO.test(t) && below !== '' && !FENCE.test(below) && !commandLine(below) && promptedCommand(below) === undefined && !ECHO_ERROR.test(below);
  };
  const personComment = (t: string, i: number): boolean => {
    // A label over a command line, or over the person's sentence right under it (`Outputs:` / `Don't have it saved, …`);
    // a rule of `=` under it (a check plugin's `Thresholds:` in its frame) is no sentence.
    // A sentence indented under the label is a tool's item under its heading (dmidecode's `Features:` / `Board is a hosting board`).
    if (LABEL.test(t.trim())) return commandAt(nextIndex(i)) || (nextIndex(i) === i + 1 && SENTENCE_START.test(nextLine(i)) && looksLikeProse(nextLine(i)) && !commandLine(nextLine(i)) && !deeper(raws[i + 1]!, raws[i]!));
    if (HEADING_WORD.test(t.trim())) return commandAt(nextIndex(i)) && !commandAt(previousIndex(i));
    const m = COMMENT_WORDS.exec(t);
    const words = m?.[1] ?? m?.[2];
    if (words === undefined) return false;
    const j = nextIndex(i);
    const next = raws[j]?.trim() ?? '';
    // A sentence over the writer's comment right under it that is over a command (`# Install the tools` / `# RHEL:` / `yum …`).
    const over = j === i + 1 && scriptSteps.size > 0 && !COMMENTED_FIELD.test(words) && COMMENT.test(next) && personComment(next, j);
    return commandAt(j) || over || (next === '' && looksLikeProse(words));
  };
  // Quoted when every line is (inside the fenced block, when there is one), except lines added around the quote (a
  // trailer, a fence, an elision, the command line typed above it, the mail's attribution line, `script`'s lines).
  const around = (l: string): boolean =>
    TRAILER.test(l) || FENCE.test(l) || ELISION.test(l) || PROMPT.test(l) || DOLLAR_COMMAND.test(l) || BARE_COMMAND.test(l) || BARE_PROMPT.test(l) ||
    ATTRIBUTION.test(l) || SCRIPT_LINE.test(l) || ANSIBLE_HEADER.test(l) || PROMPT_COMMENT.test(l) || SESSION_LINE.test(l) || WINDOWS_BARE_PROMPT.test(l) || CHAT_HEADER.test(l) ||
    SHELL_MESSAGE.test(l);
  // Lines a person wrote around a block whose every line carries a marker (a quote's `> `, a comment's `# `, a diff's `+`).
  const unquoted = (x: string | undefined): string => (x ?? '').trim().replace(QUOTE, '').trim();
  // A person's Markdown table, read before anything else on its lines: its cells may hold a command or a tool's words.
  const tables = markdownTables(raws, unquoted);
  const proseAround = new Set(tables);
  // An attribution wrapped onto two lines: its first line (`On Mon, 6 Jul 2020 08:34:50 +0200`) is the mail's too.
  raws.forEach((l, i) => {
    if (ATTRIBUTION_HEAD.test(unquoted(l)) && ATTRIBUTION.test(unquoted(raws[i + 1]))) proseAround.add(i);
  });
  raws.forEach((l, i) => {
    if (!FORWARD_MARK.test(unquoted(l))) return;
    proseAround.add(i);
    for (let j = i + 1; j < raws.length && FORWARD_HEADER.test(unquoted(raws[j])); j++) proseAround.add(j);
  });
  // A reST literal block's paragraph (`Output example::`, `::` alone) and the words after the block are the author's,
  // whatever its indented lines carry (a mail's quote markers).
  for (const i of restLiteralProse(raws)) proseAround.add(i);
  const isQuoted = (ls: string[]): boolean => {
    const prose = markedBlock(ls, (l, i) => l !== '' && !around(l) && !WRITERS_HEADING.test(l) && !proseAround.has(i) && !personComment(l, i) && (!inFence || inFence[i]), (l) => QUOTE.test(l), 1);
    // A line typed directly under a command line outside the quote is that command's output, however much it reads
    // like a sentence (`nvidia-smi` / `No devices were found`): the quote is then the question, not the paste.
    const typedUnder = (i: number): boolean => {
      const above = (ls[i - 1] ?? '').trim();
      return !QUOTE.test(above) && commandLine(above);
    };
    if (prose && [...prose].some(typedUnder)) return false;
    for (const i of prose ?? []) proseAround.add(i);
    return prose !== undefined;
  };
  // A mail quoting a log, or a log holding a quote: quote markers and log prefixes are undone in turn (line numbers kept).
  let isQuote = false;
  for (let pass = 0; pass < 3; pass++) {
    const quote = isQuoted(raws);
    if (quote) {
      // A reply quoted as a whole keeps its own depths under the outer marker (the writer's lines one deep, what the
      // writer quoted two deep): one marker comes off, and the reply is read as one. Else every marker comes off.
      const once = raws.map((l) => l.trimStart().replace(/^> ?/, ''));
      raws = interleavedReply(once, around) ? once : raws.map((l) => (QUOTE.test(l.trimStart()) ? l.trimStart().replace(QUOTE, '') : l));
    }
    isQuote ||= quote;
    // The person's lines (a table, a fence and the words outside it) are no lines of the log: they do not count against it.
    const joined = raws.map((l, i) => (tables.has(i) || (inFence && !inFence[i]) ? '' : l)).join('\n');
    const unwrapped = unwrapRunnerLog(joined);
    // A log's prefix off, a margin bar behind it (a cover letter's outputs logged line by line) is the writer's too.
    if (unwrapped !== joined) raws = o.document ? unwrapped.split('\n') : barMargins(unwrapped.split('\n'));
    else if (!quote) break;
  }
  // A reply that quotes the question above the output it pastes: the quoted lines after the attribution are the
  // earlier message's, when at least as much of the reply follows them; otherwise they are the output it quotes, with
  // a remark below, and their quote markers are undone.
  const replyProse = new Set<number>();
  raws = quoteBoxFirstLines(raws, (i) => diffParts.set.has(i));
  const interleaved = interleavedReply(raws, around, (i) => proseAround.has(i) || tables.has(i));
  if (interleaved) {
    raws = interleaved.raws;
    for (const i of interleaved.prose) replyProse.add(i);
  } else if (!isQuote) {
    // Non-blank lines from each line to the end, so each attribution line costs only its own quote.
    const rest = new Array<number>(raws.length + 1).fill(0);
    for (let i = raws.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + (raws[i]!.trim() === '' ? 0 : 1);
    raws.forEach((l, i) => {
      if (!ATTRIBUTION.test(l.trim())) return;
      let end = i + 1;
      while (end < raws.length && (raws[end]!.trim() === '' || QUOTE.test(raws[end]!.trim()))) end++;
      const quoted = rest[i + 1]! - rest[end]!;
      const after = rest[end]!;
      if (quoted === 0) return;
      // A reply whose own lines are words only (a remark, a signature's name) under a quote holding a tool's lines
      // (`> mn        : Samsung Portable SSD X5` / `Isn't the latest firmware 2B2QEXE7?` / `Jason`) answers about
      // that output: the quote is the output, however few its lines.
      const toolLine = (l: string): boolean => l !== '' && !looksLikeProse(l) && !around(l) && l.split(/\s+/).length > 2;
      let next = end;
      while (next < raws.length && !ATTRIBUTION.test(raws[next]!.trim())) next++;
      const answersOutput = raws.slice(i + 1, end).some((l) => toolLine(unquoted(l))) && !raws.slice(end, next).some((l) => toolLine(l.trim()));
      for (let j = i + 1; j < end; j++) {
        if (after >= quoted && !answersOutput) replyProse.add(j);
        else raws[j] = raws[j]!.trimStart().replace(QUOTE, '');
      }
    });
  }
  // A fence inside the quote (a Markdown block in a quoted mail) shows once the markers are gone.
  if ((isQuote || interleaved) && !markup.inBlock) inFence = outputFence(fenced()) ?? inFence;
  // An output pasted as comments (`# driver: mlx4_en` under the command, or a `# Sample output:` in a script): every line but the command.
  const counted = (l: string, i: number): boolean => l !== '' && !around(l) && !replyProse.has(i) && !proseAround.has(i) && !BARE_COMMAND.test(l) && !personComment(l, i) && (!inFence || inFence[i]);
  // A person's sentence or note at the margin between the commented lines (`The values below were read after the reboot.`,
  // `Firmware: updated last week`) interrupts the output, and ends nothing.
  const commented = markedBlock(raws, counted, (l) => COMMENT.test(l), 2, (l) => looksLikeProse(l) || PERSONS_NOTE.test(l));
  if (commented) {
    for (const i of commented) proseAround.add(i);
    // A person's comment over a command line keeps its mark: it is their words, not a line of the output.
    raws = raws.map((l, i) => (COMMENT.test(l.trimStart()) && !proseAround.has(i) && !personComment(l.trim(), i) ? l.trimStart().replace(COMMENT, '') : l));
  } else {
    const outputs = new Set<number>();
    // An output pasted as comments in a script among other commands (`ethtool -i ens8f0np0` over `# driver: mlx5_core`,
    // `# firmware-version: 28.39.1002`, then `# Install …` and `yum install …`): decided by content, the run of comment
    // lines right under a command line whose first is a tool's field (`key: value`, a devlink handle) is its output.
    raws.forEach((l, i) => {
      const head = l.trim();
      if (!head || !(commandLine(head) || promptedCommand(head) !== undefined)) return;
      const field = (j: number): boolean => {
        const body = raws[j]!.trim().replace(COMMENT, '');
        return COMMENT.test(raws[j]!.trim()) && COMMENTED_FIELD.test(body) && !looksLikeProse(body) && !commandLine(body);
      };
      // What cuts an output without ending it: a reply's words (its rest quoted below them), an elision, a chat
      // client's header, a diff's older line. Blank lines alone end it.
      const cut = (k: number): boolean => {
        const t = raws[k]!.trim();
        return replyProse.has(k) || proseAround.has(k) || diffParts.set.has(k) || ELISION.test(t) || CHAT_HEADER.test(t);
      };
      const after = (j: number): number | undefined => {
        let k = j;
        let cuts = false;
        for (; k < raws.length && (raws[k]!.trim() === '' || cut(k)); k++) cuts ||= cut(k);
        return k < raws.length && (k === j || cuts) && field(k) ? k : undefined;
      };
      for (let j = after(i + 1); j !== undefined && j < raws.length; ) {
        if (COMMENT.test(raws[j]!.trim()) && !commandLine(raws[j]!.trim())) {
          raws[j] = raws[j]!.trimStart().replace(COMMENT, '');
          outputs.add(j);
          j++;
        } else j = after(j);
      }
    });
    // In such a script (or its fence), the lines that are neither comments nor its outputs are its steps (`yum install -y
    // mstflint`, `apt install …` after the output): commands, not more lines of the output above them.
    if (outputs.size) {
      raws.forEach((l, i) => {
        const t = l.trim();
        if (t && !outputs.has(i) && (!inFence || inFence[i]) && !COMMENT.test(t) && !FENCE.test(t) && SCRIPT_STEP.test(t) && !commandLine(t)) scriptSteps.add(i);
      });
    }
  }
  const added = markedBlock(raws, counted, (l) => DIFF_ADDED.test(l), 2);
  if (added) {
    for (const i of added) proseAround.add(i);
    raws = raws.map((l, i) => (proseAround.has(i) ? l : l.trimStart().replace(DIFF_ADDED, '')));
  }
  for (const i of restLiteralProse(raws)) proseAround.add(i);
  for (const i of restDirectives(raws)) proseAround.add(i);
  for (const i of restHeadings(raws)) proseAround.add(i);
  const margins = inFence ? [] : marginParagraphs(raws);
  const sections = inFence ? laterSections(raws, inFence, commandLine) : new Map<number, string>();
  const lines: TextLine[] = [];
  const noise: NoiseLine[] = [...whole.setAside];
  let command: string | undefined;
  // A command line ending in ` \` goes on on the next line (`devlink health set … grace_period 1000 \`).
  let continued = false;
  // A command line ending in an option whose value a mail client moved to the next line (`# ethtool -i` / `eth0`).
  let wantsValue = false;
  raws.forEach((line, i) => {
    let t = line.replace(/\s+$/, '');
    const trimmed = t.trim();
    // A prompt and command in Markdown bold are a command line like any other.
    const bare = /^\*\*[^*]+\*\*$/.test(trimmed) && PROMPT.test(trimmed.slice(2, -2)) ? trimmed.slice(2, -2) : trimmed;
    const no = i + 1;
    if (continued && bare !== '') {
      noise.push({ no, text: t, kind: 'prompt' });
      continued = / \\$/.test(bare);
      return;
    }
    continued = false;
    if (wantsValue && bare !== '') {
      wantsValue = false;
      // Only when the output follows it: an option's output alone on its line (`uname -r`, `5.15.0-91-generic`) is no value.
      const after = nextLine(i);
      if (OPTION_VALUE.test(bare) && !VERSION_SHAPED.test(bare) && !ELISION.test(bare) && after !== '' && !FENCE.test(after) && !commandLine(after)) {
        noise.push({ no, text: t, kind: 'prompt' });
        command = `${command} ${bare}`;
        return;
      }
    }
    if (markup.prose.has(i)) {
      // A folded block's title (`<summary>ethtool -i eth0</summary>`) names the command when it is one.
      const title = markup.prose.get(i);
      noise.push({ no, text: title ?? '', kind: 'prose' });
      if (title !== undefined && (PROMPT.test(title) || DOLLAR_COMMAND.test(title) || BARE_COMMAND.test(title))) command = commandOf(title);
      return;
    }
    const part = diffParts.set.get(i);
    if (part !== undefined) {
      noise.push({ no, text: part.text.trimEnd(), kind: 'diff', diff: part.part });
      return;
    }
    if (bare === '') return;
    let prompted: string | undefined;
    let banner: string | undefined;
    if (tables.has(i)) noise.push({ no, text: t, kind: 'prose' });
    else if (ELISION.test(bare)) noise.push({ no, text: t, kind: 'elision' });
    else if (TRAILER.test(bare)) noise.push({ no, text: t, kind: 'trailer' });
    else if (FENCE.test(bare)) noise.push({ no, text: t, kind: 'fence' });
    // A web page's code block copied with its forum label (`Code:`) or its line-number gutter (`1 2 3 … 12 |`) above the code.
    else if ((FORUM_CODE_LABEL.test(bare) && nextLine(i) !== '') || isLineNumberGutter(raws, i) || (CODE_PROCESSOR.test(bare) && blockStart(i))) noise.push({ no, text: t, kind: 'fence' });
    else if (PROMPT_COMMENT.test(bare)) noise.push({ no, text: t, kind: 'prompt' });
    else if ((banner = HASH_BANNER.exec(bare)?.[1]) !== undefined && !looksLikeProse(banner)) {
      // A rule of hashes naming what was run below it (`############### ethtool -i eth1`, `##########lshw -C Network`).
      noise.push({ no, text: t, kind: 'prompt' });
      command = commandOf(banner);
    } else if (PROMPT.test(bare) || DOLLAR_COMMAND.test(bare) || BARE_COMMAND.test(bare) || scriptSteps.has(i)) {
      noise.push({ no, text: t, kind: 'prompt' });
      command = commandOf(bare);
      continued = / \\$/.test(bare);
      wantsValue = ENDS_IN_OPTION.test(command) && OWN_TOOL.test(command) && !command.includes('|');
    } else if ((prompted = promptedCommand(bare)) !== undefined && !commentedStep(bare, i)) {
      noise.push({ no, text: t, kind: 'prompt' });
      command = prompted;
      continued = / \\$/.test(bare);
    } else if (SCRIPT_LINE.test(bare)) {
      noise.push({ no, text: t, kind: 'prompt' });
      const typed = SCRIPT_COMMAND.exec(bare)?.[1];
      if (typed !== undefined) command = typed.trim();
    } else if (BARE_PROMPT.test(bare) || WINDOWS_BARE_PROMPT.test(bare) || SESSION_LINE.test(bare) || ANSIBLE_HEADER.test(bare) || (TWO_LINE_FIRST.test(bare) && TWO_LINE_SECOND.test(nextLine(i).trim()))) noise.push({ no, text: t, kind: 'prompt' });
    else if ((inFence && !inFence[i]) || ((isQuote || replyProse.size > 0 || REPLY_TO.test(bare)) && ATTRIBUTION.test(bare)) || replyProse.has(i) || proseAround.has(i) || personComment(bare, i) || CHAT_HEADER.test(bare) || PATCH_TRAILER.test(bare)) noise.push({ no, text: t, kind: 'prose' });
    else {
      const note = o.document ? null : noteAfterValue(t);
      // A note is after a value: a line that is only a comment is not a value with a note.
      const glued = note && note.index > 0 && t.slice(0, note.index).trim() !== '' ? gluedCommand(note.text.trim()) : undefined;
      if (note && note.index > 0 && t.slice(0, note.index).trim() !== '') {
        if (glued === undefined) noise.push({ no, text: t, kind: 'annotation', note: note.text.trim() });
        t = t.slice(0, note.index);
      }
      // Bold around a masking word a person typed (`**redacted**` for a serial) is the mask, kept as typed; a value a
      // forum set in bold (`**16.35.2000**`, `**XXXXXXXX**`) is the value.
      if (!o.document) t = undoSelfLinks(t.replace(INLINE_MARKUP, (m, bold: string | undefined, code: string | undefined) => (bold !== undefined && /[a-z]/.test(bold) && showsMask(bold) ? m : bold ?? code ?? '')));
      const section = sections.get(i);
      lines.push({ no, text: expandTabs(t), ...(command !== undefined ? { command } : {}), ...(section !== undefined ? { section } : {}), ...(SHELL_MESSAGE.test(bare) ? { shell: true as const } : {}) });
      if (glued !== undefined) {
        // The next command typed at a root prompt, its line break lost: the lines below are that command's output.
        noise.push({ no, text: note!.text.trim(), kind: 'prompt' });
        command = glued;
        continued = / \\$/.test(glued);
      }
    }
  });
  if (o.document) proseAroundXml(lines, noise);
  hostKernelAside(lines, noise);
  // An output indented as a whole, also under or above a sentence that is not (a README's code block), or with a person's
  // sentence at the margin between its lines (an inline reply): the indentation the output's lines share is removed; a
  // line indented less keeps what it has.
  const { from, to } = edgeProse(lines);
  const indent = Math.min(...lines.slice(from, to).filter((l) => !marginSentence(l)).map(indentOf));
  if (indent > 0 && Number.isFinite(indent)) for (const l of lines) l.text = l.text.slice(Math.min(indent, indentOf(l)));
  const cleaned = { lines, noise, decodedFromJson: whole.fromJson, decodedEntities: whole.entities, ...(margins.length ? { margins } : {}) };
  observed?.push(cleaned);
  return cleaned;
}

/** A whole Linux `uname -a` line: `Linux <host> <release> #<build> … <machine> GNU/Linux`. */
const UNAME_A = /^Linux \S+ \d+\.\d+\S* #\S+ .*\s(?:GNU\/Linux|Linux|Android)$/;

/**
 * A pasted `uname -a`, `uname -r` or `cat /proc/version`'s line (or two, wrapped) under its command line: the host's
 * kernel, which the load reads from any saved output (a ticket pasting `uname -a` above `devlink dev info`), moved from
 * the lines to the noise so no tool's parser counts it as a line it did not read. Each command's run of lines is
 * looked at alone; a run that is anything more stays the parser's.
 */
function hostKernelAside(lines: TextLine[], noise: NoiseLine[]): void {
  const prompts = noise.filter((n) => n.kind === 'prompt').map((n) => n.no);
  const promptBetween = (a: number, b: number): boolean => prompts.some((p) => p > a && p < b);
  const aside = new Set<TextLine>();
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && lines[j]!.command === lines[i]!.command && !promptBetween(lines[j - 1]!.no, lines[j]!.no)) j++;
    const run = lines.slice(i, j);
    if (printsHostKernel(run[0]!.command, run.map((l) => l.text))) for (const l of run) aside.add(l);
    i = j;
  }
  // A whole `uname -a` line pasted without its command, a line apart from its neighbours: no line of another tool. Its
  // command stays the one above it, so it is not read as the host's kernel (embeddedUname).
  lines.forEach((l, k) => {
    const apart = (lines[k - 1]?.no ?? -Infinity) < l.no - 1 && (lines[k + 1]?.no ?? Infinity) > l.no + 1;
    if (apart && UNAME_A.test(l.text.trim())) aside.add(l);
  });
  if (!aside.size) return;
  const kept = lines.filter((l) => !aside.has(l));
  lines.length = 0;
  lines.push(...kept);
  noise.push(...[...aside].map((l) => ({ ...l, kind: 'kernel' as const })));
}

/**
 * Words a person wrote above an XML document (from its `<?xml …?>` or first tag) or under it (after its closing tag),
 * without a fence: moved from the lines to the noise as prose. Lines that do not read as a person's stay.
 */
function proseAroundXml(lines: TextLine[], noise: NoiseLine[]): void {
  const first = lines.findIndex((l) => /^\s*<(?:\?xml\b|[A-Za-z][\w.:-]*(?:[\s>]|\/>|$))/.test(l.text));
  let last = lines.length - 1;
  while (last > first && !/^\s*<\/[A-Za-z][\w.:-]*>\s*$/.test(lines[last]!.text)) last--;
  if (first < 0 || last <= first) return;
  const before = lines.slice(0, first);
  const after = lines.slice(last + 1);
  const prose = [...(before.every((l) => looksLikeProse(l.text)) ? before : []), ...(trailingProse(after.map((l) => l.text)).every(Boolean) ? after : [])];
  if (!prose.length) return;
  const words = new Set(prose);
  const kept = lines.filter((l) => !words.has(l));
  lines.length = 0;
  for (const l of kept) lines.push(l);
  noise.push(...prose.map((l) => ({ no: l.no, text: l.text, kind: 'prose' as const })));
}

/**
 * Whether a block is marked on every line (`marked`), but for lines a person wrote around it: lines that read as prose
 * before its first marked line or after its last. Only lines `counts` says are the block's are looked at. Returns the
 * indices of the prose lines around it (empty when there are none), or undefined when the block is not marked.
 */
function markedBlock(raws: string[], counts: (trimmed: string, i: number) => boolean, marked: (trimmed: string) => boolean, atLeast: number, inside: (trimmed: string) => boolean = () => false): Set<number> | undefined {
  const idx = raws.map((_, i) => i).filter((i) => counts(raws[i]!.trim(), i));
  const markedIdx = idx.filter((i) => marked(raws[i]!.trim()));
  if (markedIdx.length < atLeast) return undefined;
  const first = markedIdx[0]!;
  const last = markedIdx.at(-1)!;
  const before = idx.filter((i) => i < first && !marked(raws[i]!.trim()));
  const after = idx.filter((i) => i > last);
  // A line `inside` allows between marked lines stays the block's, unmarked: the reader is given it and names it.
  if (idx.some((i) => i > first && i < last && !marked(raws[i]!.trim()) && !inside(raws[i]!.trim()))) return undefined;
  const trailing = trailingProse(after.map((i) => raws[i]!));
  if (!before.every((i) => looksLikeProse(raws[i]!)) || !trailing.every(Boolean)) return undefined;
  return new Set([...before, ...after]);
}

/** What cleanText made of the texts read while observeText runs a parser; undefined when none runs. */
let observed: CleanText[] | undefined;

/**
 * Runs a parser and gives back, with its result, what every cleanText call made of its input: the lines it gave the
 * parser and the lines it left out (notes after values, prose around a block), so the caller can say what was left
 * out without each parser reporting it.
 */
export function observeText<T>(fn: () => T): { value: T; seen: CleanText[] } {
  const outer = observed;
  const seen: CleanText[] = [];
  observed = seen;
  try {
    return { value: fn(), seen };
  } finally {
    observed = outer;
  }
}

/** A whole sentence at the margin (`The values below were read after the reboot.`): a person's, whatever the output's indentation. */
const marginSentence = (l: TextLine): boolean => indentOf(l) === 0 && /[.?!]$/.test(l.text.trim()) && looksLikeProse(l.text);

/** Lines a person wrote at the start and the end of the lines (prose, a separator, a sign-off), less indented than the rest. */
function edgeProse(lines: readonly TextLine[]): { from: number; to: number } {
  let from = 0;
  while (from < lines.length - 1 && looksLikeProse(lines[from]!.text)) from++;
  let to = lines.length;
  for (let s = lines.length - 1; s > from && s >= lines.length - 8; s--) if (trailingProse(lines.slice(s).map((l) => l.text)).every(Boolean)) to = s;
  const inner = Math.min(...lines.slice(from, to).map(indentOf));
  const lessIndented = (l: TextLine): boolean => indentOf(l) < inner;
  return lines.slice(0, from).every(lessIndented) && lines.slice(to).every(lessIndented) ? { from, to } : { from: 0, to: lines.length };
}

/** Runs fn without adding what it cleans to an observation under way (a check, not the parser's reading). */
export function unobserved<T>(fn: () => T): T {
  const outer = observed;
  observed = undefined;
  try {
    return fn();
  } finally {
    observed = outer;
  }
}
