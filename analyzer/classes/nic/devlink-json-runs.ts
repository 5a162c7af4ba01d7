import { cleanText, unobserved, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import type { Parsed } from './devlink.js';

/** A command line asking devlink for JSON: `-j`, `-jp`, `-pj`, `--json`. */
const JSON_FLAG = /(?:^|\s)(?:-[a-z]*j[a-z]*|--json)(?=\s|$)/;

/** How much deeper a line leaves JSON's nesting (`{`, `[` in, `}`, `]` out), strings left aside. */
function depthChange(t: string): number {
  let d = 0;
  let inString = false;
  for (let k = 0; k < t.length; k++) {
    const ch = t[k];
    if (inString) {
      if (ch === '\\') k++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') d++;
    else if (ch === '}' || ch === ']') d--;
  }
  return d;
}

/** The JSON documents printed under a command line with a JSON flag, in a paste of devlink's text outputs: each one's lines. */
function jsonRuns(lines: readonly TextLine[]): TextLine[][] {
  const runs: TextLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!;
    if (!head.text.trim().startsWith('{') || head.command === undefined || !JSON_FLAG.test(head.command)) continue;
    let depth = 0;
    let j = i;
    for (; j < lines.length && lines[j]!.command === head.command; j++) if ((depth += depthChange(lines[j]!.text)) <= 0) break;
    if (depth !== 0 || j >= lines.length) continue;
    const run = lines.slice(i, j + 1);
    try {
      JSON.parse(run.map((l) => l.text).join('\n'));
    } catch {
      continue;
    }
    runs.push(run);
    i = j;
  }
  return runs;
}

/**
 * A session pasting a devlink query's text and JSON outputs one after the other (`health show`, then `port health show
 * … -j --pretty`, then `health show` again): each JSON document is read by the JSON reader, the text around it by the
 * text reader, in the order printed, so the later output of a thing stays the later one.
 */
export function withJsonOutputs<T>(raw: string, text: (raw: string, keep?: (no: number) => boolean) => Parsed<T>, json: (doc: string) => T[]): Parsed<T> {
  const c = unobserved(() => cleanText(raw));
  // A JSON document of another query (`dev info -j` in a health show paste) is left to the text reader, which names it.
  const runs = jsonRuns(c.lines).flatMap((lines) => {
    try {
      return [{ lines, items: json(lines.map((l) => l.text).join('\n')) }];
    } catch {
      return [];
    }
  });
  if (!runs.length) return text(raw);
  const items: T[] = [];
  const issues: LineIssue[] = [];
  let from = -Infinity;
  for (const run of [...runs, undefined]) {
    const until = run?.lines[0]!.no ?? Infinity;
    if (c.lines.some((l) => l.no > from && l.no < until)) {
      const part = text(raw, (no) => no > from && no < until);
      items.push(...part.items);
      issues.push(...part.issues);
    }
    if (!run) break;
    items.push(...run.items);
    from = run.lines.at(-1)!.no;
  }
  return { items, issues };
}
