import { ParseError } from '../../parsers/errors.js';
import { cutDocument, type DocumentLine } from '../../parsers/json-output.js';
import type { LineIssue } from '../../parsers/text-input.js';
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
 * One mlxlink JSON document: one run, its device and port those of the command that printed it. `document`: its lines as
 * the reader read them, from its opening line to the output's end (numbered in the output), where a document cut short has its rest.
 */
export function parseMlxlinkJson(whole: string, command: Pick<LinkRun, 'device' | 'port'>, document?: readonly DocumentLine[]): LinkOutput {
  let body = whole;
  let doc: unknown;
  /** A document cut short (a paste, a thread's stored copy that stops inside it): read up to its last whole member. */
  let cut: LineIssue | undefined;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const read = cutDocument(document ?? body.split('\n').map((text, i) => ({ no: i + 1, text })));
    if (!read) throw new ParseError('mlxlink', `not valid JSON: ${(e as Error).message}`);
    if (document) body = document.map((l) => l.text).join('\n');
    doc = JSON.parse(read.closed);
    cut = read.cut;
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
