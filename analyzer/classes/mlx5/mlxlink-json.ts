import { ParseError } from '../../parsers/errors.js';
import { closeCutJson } from '../../parsers/json-output.js';
import { looksLikeProse, type LineIssue } from '../../parsers/text-input.js';
import type { LinkOutput, LinkRun } from './mlxlink.js';

/**
 * `mlxlink … --json` (NVIDIA MFT; mstflint's mlxlink/modules/printutil/mlxlink_cmd_print.cpp, toJsonFormat): each section
 * the text form prints is an object under `result.output`, each of its records a string, or an object whose `values`
 * list is the record's comma-separated text value (`mask` before it in Supported and FEC Info, as the text form prints
 * `0x0001bff2 (400G_4X,…)`). `status.code` other than 0 is a failure, `status.message` the tool's words for it.
 */

/** A record's value as the text form prints it, or undefined for a shape mlxlink does not print. */
function textValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { mask, values } = value as { mask?: unknown; values?: unknown };
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string' || typeof v === 'number')) return undefined;
  const list = values.map((v) => String(v).trim()).join(',');
  return typeof mask === 'string' ? `${mask.trim()} (${list})` : list;
}

/** The line of the document a key is written on (1-based), for an issue about it. */
const lineOf = (text: string, key: string): number => {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
};

/**
 * One mlxlink JSON document: one run, its device and port those of the command that printed it. `from`: the text from the
 * document's opening line (numbered `line` in the output) to the output's end, where a document cut short has its rest.
 */
export function parseMlxlinkJson(whole: string, command: Pick<LinkRun, 'device' | 'port'>, from?: { text: string; line: number }): LinkOutput {
  let body = whole;
  let doc: unknown;
  /** A document cut short (a paste, a thread's stored copy that stops inside it): read up to its last whole member. */
  let cut: LineIssue | undefined;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const fromOpening = from === undefined ? undefined : closeCutJson(from.text);
    const closed = fromOpening ?? closeCutJson(body);
    if (!closed) throw new ParseError('mlxlink', `not valid JSON: ${(e as Error).message}`);
    if (fromOpening) body = from!.text;
    doc = JSON.parse(closed.closed);
    const next = body.slice(closed.at + 1).search(/\S/);
    const nextLine = body.split('\n')[body.slice(0, next < 0 ? body.length : closed.at + 1 + next).split('\n').length - 1] ?? '';
    // Words after a document cut short (`Any idea what is wrong?`) are the person's: the cut is in the last line read.
    const atClose = next >= 0 && looksLikeProse(nextLine) && !/^\s*["{}[\]]/.test(nextLine);
    const line = body.slice(0, next < 0 ? body.length : atClose ? closed.at + 1 : closed.at + 1 + next).split('\n').length;
    cut = { line: line + (fromOpening ? from!.line - 1 : 0), text: body.split('\n')[line - 1]!.trim(), message: 'the JSON output ends inside this member (cut short): read up to its last whole member' };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new ParseError('mlxlink', 'the JSON output is not an object');
  const { result, status } = doc as { result?: { output?: unknown }; status?: { code?: unknown; message?: unknown } };
  const errors = status && typeof status.code === 'number' && status.code !== 0 && typeof status.message === 'string' ? [status.message.trim()] : [];
  const output = result?.output;
  if (!output || typeof output !== 'object' || Array.isArray(output)) {
    if (errors.length) return { runs: [{ ...command, sections: {}, errors }], issues: cut ? [cut] : [] };
    throw new ParseError('mlxlink', 'the JSON output has no result.output object');
  }
  const sections: Record<string, Record<string, string>> = {};
  const issues: LineIssue[] = [];
  for (const [title, records] of Object.entries(output as Record<string, unknown>)) {
    if (!records || typeof records !== 'object' || Array.isArray(records)) {
      issues.push({ line: lineOf(body, title), text: title, message: 'not a section of an mlxlink report' });
      continue;
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(records as Record<string, unknown>)) {
      const text = textValue(value);
      if (text === undefined) issues.push({ line: lineOf(body, key), text: key, message: 'not a record of an mlxlink report' });
      else fields[key] = text;
    }
    sections[title] = fields;
  }
  return { runs: [{ ...command, sections, errors }], issues: cut ? [...issues, cut] : issues };
}
