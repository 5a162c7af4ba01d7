import { cleanText, jsonDocument, unobserved, type LineIssue, type TextLine } from '../../parsers/text-input.js';
import { jsonValueEnd } from '../../parsers/json-extent.js';
import type { Parsed } from './devlink.js';

/** A command line asking devlink for JSON: `-j`, `-jp`, `-pj`, `--json`. */
const JSON_FLAG = /(?:^|\s)(?:-[a-z]*j[a-z]*|--json)(?=\s|$)/;

/** The JSON documents printed under a command line with a JSON flag, in a paste of devlink's text outputs: each one's lines. */
function jsonRuns(lines: readonly TextLine[]): TextLine[][] {
  const runs: TextLine[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const head = lines[i]!;
    if (!head.text.trim().startsWith('{') || head.command === undefined || !JSON_FLAG.test(head.command)) continue;
    let k = i;
    while (k < lines.length && lines[k]!.command === head.command) k++;
    const text = lines.slice(i, k).map((l) => l.text).join('\n');
    const end = jsonValueEnd(text, text.indexOf('{'));
    if (end < 0) continue;
    const run = lines.slice(i, i + text.slice(0, end).split('\n').length);
    try {
      JSON.parse(run.map((l) => l.text).join('\n'));
    } catch {
      continue;
    }
    runs.push(run);
    i += run.length - 1;
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

/**
 * A devlink query's saved output, as each subcommand's entry point reads it: one JSON document (`-j`, `-jp`) by its
 * JSON reader, else text, with any JSON outputs printed between its text outputs read in order (withJsonOutputs).
 */
export function devlinkOutput<T>(raw: string, text: (raw: string, keep?: (no: number) => boolean) => Parsed<T>, json: (doc: string) => T[]): Parsed<T> {
  const doc = jsonDocument(raw);
  return doc !== undefined ? { items: json(doc), issues: [] } : withJsonOutputs(raw, text, json);
}
