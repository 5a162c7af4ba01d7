import { ParseError } from './errors.js';
import { jsonDocument as jsonText } from './text-input.js';

/**
 * The JSON text of an output: from its start, or (nvme-cli 2.8 `-o json -v` prints the passthrough command
 * first, issue 2367) from the first line that opens an object to the last closing brace.
 */
function jsonBody(text: string): string | undefined {
  const whole = jsonText(text);
  if (whole !== undefined) return whole;
  const open = /^\{\s*$/m.exec(text);
  const end = text.lastIndexOf('}');
  return open && end > open.index ? text.slice(open.index, end + 1) : undefined;
}

/** The JSON document of an output that may carry a prompt, command line or other lines around it. */
export function jsonDocument(parser: string, text: string): unknown {
  const body = jsonBody(text);
  if (body === undefined) throw new ParseError(parser, 'no JSON object in the output');
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new ParseError(parser, `not valid JSON: ${(e as Error).message}`);
  }
}

/** True when an output is JSON rather than text (nvme -o json, smartctl -j), whatever its name says. */
export function looksLikeJson(text: string): boolean {
  return jsonBody(text) !== undefined;
}

