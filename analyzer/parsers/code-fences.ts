/**
 * Code fences around a pasted output: Markdown's (```` ``` ````, `~~~`, with a language, options or attributes), a static
 * site generator's highlight tags, and MyST's directive fences as Sphinx and Jupyter Book docs write them
 * (```` ```{code-block} console ````, `:::{code-block} console` … `:::`, the directive's `:caption:` options under it,
 * a `{tab-set}` or `{note}` around other fences).
 */

/**
 * A fence line: a Markdown code fence (```console, ``` shell with a space before the language, Qiita's and Zenn's
 * ```bash:output or ```yaml:/etc/netplan/01.yaml naming the block's role or file after a colon, a language in brackets
 * (```` ```[sh] ````, as some notes write it), four backticks or more
 * around a block that holds three), or a static site generator's highlight tag around a block (Hugo `{{< highlight sh
 * >}}`, Jekyll `{% highlight console %}`); options after the language (mkdocs' ```` ```sh hl_lines="18 37" ````,
 * ```` ```python title="x" ````), pandoc's attributes (```` ```{.bash} ````), MyST's directive and its argument
 * (```` ```{code-block} console ````), MyST's colon fences (`:::{code-block} console`, `::::{tab-set}`, `:::` closing one),
 * and Trac's and MoinMoin's wiki blocks (`{{{`, `{{{#!sh` … `}}}`).
 */
export const FENCE =
  /^(?:(?:`{3,}|~~~) *(?:(?:[\w+-]*|\[[\w+.-]+\])(?::[^\s`]*)?(?:\s+[\w-]+=(?:"[^"]*"|'[^']*'|[^\s`]+))*|\{[^}`]*\}(?:\s+[^`]*)?)|:{3,}(?:\{[\w:.-]+\}(?:\s.*)?)?|\{\{[<%]\s*\/?(?:highlight|code)\b[^}]*[>%]\}\}|\{%-?\s*(?:end)?(?:highlight|raw|code)\b[^}]*%\}|\{\{\{(?:#!\S.*)?|\}\}\})$/;

/** A fence's mark (its character and how many), and what follows it (a language, a MyST directive and its argument). */
const MARK = /^(`{3,}|~{3,}|:{3,})\s*(.*)$/;

/** MyST's directive after a fence's mark (```` ```{code-block} ````, `:::{note}`): its name. */
const DIRECTIVE = /^\{([\w:.-]+)\}/;

/** The directives whose body is a literal block (an output, a session); any other (`{note}`, `{tab-item}`) holds the document's markup. */
const LITERAL_DIRECTIVE = /^(?:code|code-block|sourcecode|code-cell|parsed-literal|prompt|command-output|literalinclude)$/;

/** A directive's option under its opening fence (`:caption: nvidia-smi -q`, `:linenos:`). */
const DIRECTIVE_OPTION = /^:[\w-]+:(?:\s.*)?$/;

/** A closing fence glued to the block's last line, its line end lost (`GPU 1: Tesla T4 (UUID: GPU-…)```): the line and the mark. */
const GLUED_CLOSING = /^(.*[^\s`~])(```|~~~)\s*$/;

interface Block {
  /** The fence's character (`` ` ``, `~`, `:`), or `{` for a highlight tag. */
  ch: string;
  len: number;
  /** Its lines are a literal block (an output); a MyST container's (`{tab-set}`, `{note}`) are the document's. */
  literal: boolean;
}

const markOf = (t: string): { ch: string; len: number; info: string } => {
  const m = MARK.exec(t);
  return m ? { ch: m[1]![0]!, len: m[1]!.length, info: m[2]!.trim() } : { ch: '{', len: 0, info: '' };
};

/**
 * Which lines are inside a fenced literal block, read as a person wrote the fences: a fence opens a block and the next
 * one closes it (whatever its language: a closing fence written as ```` ```bash ```` still closes), but for a shorter
 * fence of the same mark inside a longer one (the block's own line); a MyST container (`::::{tab-set}`, `:::{note}`)
 * opens no literal block but holds fences that do, and is closed by a bare fence of its mark. The options under a MyST
 * directive's opening (`:caption: …`, `:linenos:`, or a `---` block of them) are the document's. `opened` are lines
 * whose opening fence was glued before them, `closed` lines whose closing fence was glued after them, the marks taken
 * off; the lines that end in a closing fence glued after them are found here (`glued`).
 */
export function fenceBlocks(raws: readonly string[], opened: ReadonlySet<number> = new Set(), closed: ReadonlySet<number> = new Set()): { inside: boolean[]; marks: number; glued: Set<number> } {
  const stack: Block[] = [];
  const glued = new Set<number>();
  const literal = (): boolean => stack.at(-1)?.literal === true;
  let marks = 0;
  // After a literal directive's opening: its options, as `:name: value` lines or a `---` block of them up to the line `skip`.
  let options = false;
  let skip = -1;
  const inside = raws.map((l, i) => {
    const t = l.trim();
    if (i <= skip) return false;
    if (options && DIRECTIVE_OPTION.test(t)) return false;
    options = false;
    if (opened.has(i)) {
      marks++;
      stack.push({ ch: '`', len: 3, literal: true });
      return true;
    }
    const top = stack.at(-1);
    if (closed.has(i) || (top?.literal && top.len === 3 && !FENCE.test(t) && GLUED_CLOSING.exec(t)?.[2]![0] === top.ch)) {
      marks++;
      if (!closed.has(i)) glued.add(i);
      const was = literal();
      if (was) stack.pop();
      return was;
    }
    if (!FENCE.test(t)) return literal();
    marks++;
    const mark = markOf(t);
    if (top?.literal) {
      // A colon fence closes only with a bare colon fence as long; a backtick fence with any fence but a shorter one of its mark.
      const closes = top.ch === ':' || mark.ch === ':' ? mark.ch === top.ch && mark.info === '' && mark.len >= top.len : !(mark.ch === top.ch && mark.len < top.len);
      if (!closes) return true;
      stack.pop();
      return false;
    }
    const directive = DIRECTIVE.exec(mark.info)?.[1];
    if (directive !== undefined) {
      const isLiteral = LITERAL_DIRECTIVE.test(directive);
      stack.push({ ch: mark.ch, len: mark.len, literal: isLiteral });
      if (isLiteral) {
        options = true;
        if (raws[i + 1]?.trim() === '---') {
          let j = i + 2;
          while (j < raws.length && raws[j]!.trim() !== '---') j++;
          if (j < raws.length) skip = j;
        }
      }
      return false;
    }
    if (mark.info === '' && top && top.ch === mark.ch && mark.len >= top.len) stack.pop();
    else if (mark.ch !== ':' || mark.info !== '') stack.push({ ch: mark.ch, len: mark.len, literal: mark.ch !== ':' });
    return false;
  });
  return { inside, marks, glued };
}

/**
 * Which lines are inside a fenced block, when the paste has fences opening and closing a block: the prose around it
 * is the person's. Undefined when it has no such pair.
 */
export function fenced(raws: readonly string[], opened: ReadonlySet<number> = new Set(), closed: ReadonlySet<number> = new Set()): boolean[] | undefined {
  const f = fenceBlocks(raws, opened, closed);
  return f.marks < 2 ? undefined : f.inside;
}

/** A line without the closing fence glued after its words. */
export const withoutGluedClosing = (line: string): string => line.replace(/(?:```|~~~)(\s*)$/, '$1');

/**
 * A fence's opening mark glued to the block's first line (```==============NVSMI LOG==============, ```{"a": 1}): no
 * info string starts so (pandoc's attributes in braces, ```{.sh}, are one, as is a language in brackets, ```[sh]).
 */
const GLUED_OPENING = /^(\s*)(?:```|~~~)(?=[^\s\w`~+:-])(?!.*```\s*$)(?!\{[^{}"]*\}\s*$)(?!\{[\w:.-]+\}\s)(?!\[[\w+.-]+\]\s*$)/;

/**
 * The lines whose fence opening mark is glued to the block's first line, when a fence alone on its line closes a block
 * after them or the line opens the paste (its end cut off): the lines with the mark taken off, and where they are (for `fenced`).
 */
export function gluedFenceOpenings(raws: readonly string[]): { raws: string[]; at: Set<number> } {
  const at = new Set<number>();
  const candidates = raws.flatMap((l, i) => (GLUED_OPENING.test(l) ? [i] : []));
  if (candidates.length) {
    // The first line that is not blank, and the last line that is a fence, alone or glued after a block's last line.
    const firstWords = raws.findIndex((l) => l.trim() !== '');
    let lastFence = raws.length - 1;
    while (lastFence >= 0 && !FENCE.test(raws[lastFence]!.trim()) && !GLUED_CLOSING.test(raws[lastFence]!.trim())) lastFence--;
    for (const i of candidates) if (i <= firstWords || i < lastFence) at.add(i);
  }
  return { raws: at.size ? raws.map((l, i) => (at.has(i) ? l.replace(GLUED_OPENING, '$1').replace(/^(\s*)(?:```|~~~)/, '$1') : l)) : [...raws], at };
}

/**
 * Whether a text's last line closes a fenced block: a fence alone, or one glued after the block's last line. Its output
 * ended before the fence, whether or not a line end follows it.
 */
export function endsInClosingFence(text: string): boolean {
  const lines = text.split('\n').map((l) => l.replace(/^(?:\s*>)+/, ''));
  const last = lines.length - 1;
  if (FENCE.test(lines[last]!.trim())) return true;
  if (!GLUED_CLOSING.test(lines[last]!.trim())) return false;
  const openings = gluedFenceOpenings(lines);
  return fenceBlocks(openings.raws, openings.at).glued.has(last);
}
