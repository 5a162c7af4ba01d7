/**
 * A command typed with a pipe after it (`nvme id-ctrl /dev/nvme0 -H | grep -i fr`, `nvme list | head -3`): what the
 * paste below it shows is what the pipe let through. A pager or a copy to a file (`| less`, `| tee out.txt`, `| cat`)
 * lets the whole output through, `column -t` only aligns its columns again and `jq .` only indents a JSON document
 * again; anything else (`grep`, `head`, `tail`, `sed -n`, `awk`, `sort`, `jq .x`, a command fwsnap does not know) may
 * have left lines out or moved them: the paste is an excerpt of the output, read as far as it goes, and no absence in
 * it says anything.
 */

/** Stages that pass every line through unchanged, as far as a parser reads them (options do not change that). */
const WHOLE = new Set(['less', 'more', 'most', 'tee', 'column', 'pv']);

/** The stages of a shell line: split at each `|` (or `|&`) outside quotes; a `||`, `&&`, `;` or ` # ` ends the pipeline. */
function stages(line: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let from = 0;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (c === ';' || (c === '&' && line[i + 1] === '&') || (c === '|' && line[i + 1] === '|') || (c === '#' && /\s/.test(line[i - 1] ?? ''))) break;
    else if (c === '|') {
      out.push(line.slice(from, i));
      if (line[i + 1] === '&') i++;
      from = i + 1;
    }
  }
  out.push(line.slice(from, i));
  return out.map((s) => s.trim());
}

/**
 * Whether one stage after the pipe hands on every line: a pager, `tee`, `cat` alone, `column`, `grep .` or `grep -v '^$'`
 * (blank lines only), jq's identity filter (every member, re-indented).
 */
function passesWhole(stage: string): boolean {
  const words = stage.replace(/^sudo\s+(?:-\S+\s+)*/, '').split(/\s+/);
  const tool = words[0]!.split('/').pop()!;
  if (WHOLE.has(tool)) return true;
  if (tool === 'cat') return words.slice(1).every((w) => w === '-');
  if (tool === 'jq') return jqIdentity(words.slice(1));
  if (tool === 'grep' || tool === 'egrep') {
    const args = words.slice(1).map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
    const pattern = args.filter((w) => !w.startsWith('-'));
    const options = args.filter((w) => w.startsWith('-'));
    if (pattern.length !== 1) return false;
    if (pattern[0] === '.' && options.length === 0) return true;
    return pattern[0] === '^$' && options.length === 1 && options[0] === '-v';
  }
  return false;
}

/**
 * jq options that change only how each value is printed, never which members it keeps: -r/-j raw strings (an object is
 * printed as JSON all the same), -c compact, -C/-M colour, -S sorted keys, -a ASCII escapes, --tab and --indent N.
 */
const JQ_PRINT_OPTIONS = /^-(?:[rjcCMSa]+|-(?:raw-output|join-output|compact-output|color-output|monochrome-output|sort-keys|ascii-output|tab|indent))$/;

/**
 * Whether a jq stage is its identity filter (`jq .`, `jq '.'`, `jq -r .`, or `jq` alone, whose default filter is `.`): it
 * prints every member of the document it reads, a whole output, only re-indented.
 */
function jqIdentity(args: string[]): boolean {
  let filter: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!;
    if (w === '--indent' && /^\d$/.test(args[i + 1] ?? '')) i++;
    else if (JQ_PRINT_OPTIONS.test(w)) continue;
    else if (filter !== undefined || w.startsWith('-')) return false;
    else filter = w.replace(/^(['"])(.*)\1$/, '$2').trim();
  }
  return filter === undefined || filter === '.';
}

/**
 * What a pipe after the typed command line did to its output: the stages that may have left lines out or moved them,
 * as typed (`grep -i fr`, `grep -v Power | head -3`); undefined when the paste is the whole output (no pipe, or only
 * stages that pass every line on).
 */
export function outputFilter(commandLine: string): string | undefined {
  const after = stages(commandLine).slice(1).filter((s) => s !== '' && !passesWhole(s));
  return after.length ? after.join(' | ') : undefined;
}
