/**
 * Text as people capture and paste tool outputs: with CRLF line ends, colour codes, shell prompts and the
 * command line, `...` where they cut something out, iproute2's `kernel answers:` trailer, indented as a
 * whole, escaped inside one JSON log line, or HTML-escaped (`&quot;`, `&#x2F;`) by a web page or ticket export. `cleanText` undoes all of that once, so every text parser
 * sees only the tool's own lines, each with the line number it had in the input.
 */

/** A line the parser should read; `no` is its 1-based line number in the (decoded) input. */
export interface TextLine {
  no: number;
  text: string;
  /** The command line (after its prompt) this line is the output of, when the paste shows one. */
  command?: string;
}

export type NoiseKind = 'prompt' | 'elision' | 'trailer' | 'fence' | 'annotation';

/** A line that is not the tool's output, left out with the reason. */
export interface NoiseLine extends TextLine {
  kind: NoiseKind;
}

/** A line a parser did not understand; parsers return these instead of giving up. */
export interface LineIssue {
  line: number;
  text: string;
  message: string;
}

export interface CleanText {
  /** Non-blank output lines, trailing spaces removed, common indentation removed. */
  lines: TextLine[];
  noise: NoiseLine[];
  /** True when the output was found escaped inside a JSON string (a log line) and decoded. */
  decodedFromJson: boolean;
  /** True when HTML character references (`&lt;`, `&#x2F;`, `&quot;`) were found and decoded. */
  decodedEntities: boolean;
}

// CSI sequences (colours, cursor movement) and OSC sequences (terminal titles, hyperlinks).
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]/g;

/** `...`, `(...)`, `[...]`, `…`, `<snip>`, `[ ... ]`: where the person who pasted cut lines out. */
const ELISION = /^(?:\.{3,}|…|\(\s*(?:\.{3,}|…)\s*\)|\[\s*(?:\.{3,}|…|snip)\s*\]|<\s*(?:\.{3,}|snip(?:ped)?)\s*>|\.{3,}\s*(?:snip(?:ped)?|truncated|more)?\s*\.*)$/i;

/** A value someone cut out of a paste (`sn : [...]`): not the value itself. */
export const isElision = (value: string): boolean => ELISION.test(value.trim());

/** iproute2 appends the kernel's extended ack to error output: `kernel answers: Operation not supported`. */
const TRAILER = /^kernel answers:/;

/** A Markdown code fence (```console), or a static site generator's highlight tag around a block (Hugo `{{< highlight sh >}}`, Jekyll `{% highlight console %}`). */
const FENCE = /^(?:(?:```|~~~)[\w+-]*|\{\{[<%]\s*\/?(?:highlight|code)\b[^}]*[>%]\}\}|\{%-?\s*(?:end)?(?:highlight|raw|code)\b[^}]*%\})$/;

/**
 * A prompt followed by a command: `$ devlink dev info`, `# ethtool -i eth0`, `[root@host ~]# ...`,
 * `user@host:~$ ...`, `user@host ~ $ ...` (Gentoo), `~ # ...` (busybox), `#> ...`, `host# ...`, `(venv) $ ...`, `PS C:\> ...`. A bare `#` comment line is a prompt
 * only when a command word follows; `sudo` and environment prefixes are allowed.
 */
const PROMPT = /^(?:\([^)]*\)\s*)?(?:\[[^\]]*\]|[\w.-]+@[\w.-]+\s+[^\s$#%>]+\s|~\s|[^\s$#%>]{0,80})?(?:[$#%]>?|>)\s*(?:sudo\s+(?:-\S+\s+)*)?(?:[A-Z_]+=\S+\s+)*(?:\S*\/)?(?:devlink|ethtool|mstflint|mstconfig|flint|mlxconfig|nvme|smartctl|lspci|cat|ip|udevadm)\b/;

/** `$ anything` is always a command line (no tool output line starts with a dollar and a space). */
const DOLLAR_COMMAND = /^(?:\([^)]*\)\s*)?(?:\[[^\]]*\]\s*|[\w.-]+@[\w.-]+(?::[^\s$]*)?\s*)?\$\s+\S/;

/** A bare command line without a prompt, as people paste it above the output: `devlink dev info`, `sudo ethtool -i eth0`. */
const BARE_COMMAND = /^(?:sudo\s+(?:-\S+\s+)*)?(?:\S*\/)?(?:devlink|ethtool|mstflint|mstconfig|flint|mlxconfig|nvme|smartctl)(?:\s+-{1,2}[\w-]+)*\s+[a-z-]+\b/;

/** A prompt with nothing typed after it (`root@host:~#`, `[root@host ~]$`): the end of a pasted session. */
const BARE_PROMPT = /^(?:\[[^\]]*\]|[\w.@:~/-]*|[\w.-]+@[\w.-]+\s+[^\s$#]+\s|~\s)[$#]$/;

/** An author's note after a value: `1.7 <--- No patch number included`, `bnx2x <-----`. */
const ANNOTATION = /\s+<-{2,}.*$/;

/** E-mail quote markers on every line (`> `, `>> > `): the depth is removed as a whole. */
// One space after a marker belongs to it; a tab is the quoted line's own indentation (a tab-aligned paste).
const QUOTE = /^(?:> ?)+/;

/** A shell or script comment marker that every line of a pasted output carries. */
const COMMENT = /^#(?: |$)/;

/** The command a prompt or bare command line runs, without the prompt. */
function commandOf(line: string): string {
  const dollar = /[$#>%]\s+(.*)$/.exec(line);
  return (dollar ? dollar[1]! : line).trim();
}

/** An output that lives inside a JSON string: more `\n` escapes than real line ends. */
function decodeJsonEscaped(raw: string): string | undefined {
  const escaped = raw.match(/\\n/g)?.length ?? 0;
  const real = raw.match(/\n/g)?.length ?? 0;
  if (escaped < 2 || escaped <= real) return undefined;
  let best: string | undefined;
  let bestCount = 0;
  for (const m of raw.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
    const count = m[1]!.match(/\\n/g)?.length ?? 0;
    if (count <= bestCount) continue;
    try {
      best = JSON.parse(`"${m[1]!}"`) as string;
      bestCount = count;
    } catch {
      // Not a valid JSON string literal; try the next one.
    }
  }
  if (best !== undefined) return best;
  // An unquoted escaped dump (copied from a log viewer): undo the common escapes only.
  return raw.replace(/\\r\\n|\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos|nbsp));/g;

/**
 * Undoes HTML character references, which a web page, a blog export or a ticket system leaves in a pasted
 * output (`pci&#x2F;0000:01:00.0:`, `{&quot;info&quot;: …}`). No tool fwsnap reads prints them itself.
 * A reference to no valid character is left as it is.
 */
function decodeEntities(text: string): string | undefined {
  if (!/&(?:#[xX]?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);/.test(text)) return undefined;
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name]!;
    const code = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** An output found escaped inside a JSON log line, decoded; a log line quoting a log line is undone level by level (a few at most). */
export function decodeJsonLogLine(raw: string): string | undefined {
  let text: string | undefined;
  for (let depth = 0; depth < 3; depth++) {
    const decoded = decodeJsonEscaped(text ?? raw);
    if (decoded === undefined) break;
    text = decoded;
  }
  return text;
}

/** Normalises captured text; never throws. */
export function cleanText(raw: string): CleanText {
  let text = raw.replace(/^\uFEFF/, '');
  const decoded = decodeJsonLogLine(text);
  const fromJson = decoded !== undefined;
  if (decoded !== undefined) text = decoded;
  const unescaped = decodeEntities(text);
  if (unescaped !== undefined) text = unescaped;
  text = text.replace(ANSI, '').replace(/\r\n?/g, '\n');
  let raws = text.split('\n');
  // Quoted when every line is, except lines added around the quote (a trailer, a fence, an elision, the command line typed above it).
  const around = (l: string): boolean => TRAILER.test(l) || FENCE.test(l) || ELISION.test(l) || PROMPT.test(l) || DOLLAR_COMMAND.test(l) || BARE_PROMPT.test(l);
  const quoted = raws.map((l) => l.trim()).filter((l) => l !== '' && !around(l));
  if (quoted.length && quoted.every((l) => QUOTE.test(l))) raws = raws.map((l) => (QUOTE.test(l.trimStart()) ? l.trimStart().replace(QUOTE, '') : l));
  // An output pasted as comments (`# driver: mlx4_en` under the command, or a `# Sample output:` in a script): every line but the command.
  const commented = raws.map((l) => l.trim()).filter((l) => l !== '' && !around(l) && !BARE_COMMAND.test(l));
  if (commented.length > 1 && commented.every((l) => COMMENT.test(l))) raws = raws.map((l) => (COMMENT.test(l.trimStart()) ? l.trimStart().replace(COMMENT, '') : l));
  const lines: TextLine[] = [];
  const noise: NoiseLine[] = [];
  let command: string | undefined;
  raws.forEach((line, i) => {
    let t = line.replace(/[\s\u00a0]+$/, '').replace(/\u00a0/g, ' ');
    const bare = t.trim();
    if (bare === '') return;
    const no = i + 1;
    if (ELISION.test(bare)) noise.push({ no, text: t, kind: 'elision' });
    else if (TRAILER.test(bare)) noise.push({ no, text: t, kind: 'trailer' });
    else if (FENCE.test(bare)) noise.push({ no, text: t, kind: 'fence' });
    else if (PROMPT.test(bare) || DOLLAR_COMMAND.test(bare) || BARE_COMMAND.test(bare)) {
      noise.push({ no, text: t, kind: 'prompt' });
      command = commandOf(bare);
    } else if (BARE_PROMPT.test(bare)) noise.push({ no, text: t, kind: 'prompt' });
    else {
      if (ANNOTATION.test(t)) {
        noise.push({ no, text: t, kind: 'annotation' });
        t = t.replace(ANNOTATION, '');
      }
      lines.push({ no, text: t.replace(/\t/g, '        '), ...(command !== undefined ? { command } : {}) });
    }
  });
  const indent = Math.min(...lines.map((l) => l.text.length - l.text.trimStart().length));
  if (indent > 0 && Number.isFinite(indent)) for (const l of lines) l.text = l.text.slice(indent);
  return { lines, noise, decodedFromJson: fromJson, decodedEntities: unescaped !== undefined };
}

/** Indentation of a cleaned line, in columns. */
export const indentOf = (line: TextLine): number => line.text.length - line.text.trimStart().length;

/**
 * The JSON document in a captured output: the cleaned text from its first `{` (or `[`) to the matching
 * last `}` (or `]`), so a prompt before it or a trailer after it does not matter. Undefined when the
 * output does not start with JSON.
 */
export function jsonDocument(raw: string): string | undefined {
  const { lines } = cleanText(raw);
  const body = lines.map((l) => l.text).join('\n');
  const start = body.search(/\S/);
  if (start < 0 || (body[start] !== '{' && body[start] !== '[')) return undefined;
  // `[param,new] ...` (devlink monitor) and `[...]` elisions start with a bracket but are not JSON arrays.
  if (body[start] === '[' && !/^\[\s*(?:[{["\d-]|true|false|null|\])/.test(body.slice(start))) return undefined;
  const end = body.lastIndexOf(body[start] === '{' ? '}' : ']');
  return end > start ? body.slice(start, end + 1) : body.slice(start);
}
