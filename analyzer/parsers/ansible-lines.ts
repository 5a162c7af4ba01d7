import { parse } from 'yaml';
import { jsonValueEnd } from './json-extent.js';

/**
 * A command's output as Ansible shows a registered result: `debug: var=out.stdout_lines` (or `-v` on the task) prints
 * the lines as a JSON list under `"out.stdout_lines": [` with the default callback, or as a YAML list under
 * `out.stdout_lines:` with the yaml callback. The list's strings are the output's lines; everything around them
 * (PLAY, TASK, RECAP) is Ansible's. Undefined when the text holds no such list.
 */
const JSON_KEY = /"(?:[\w.-]*\.)?stdout_lines"\s*:\s*\[/;
const YAML_KEY = /^( *)(?:[\w.-]*\.)?stdout_lines:\s*$/m;

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

export function ansibleStdoutLines(text: string): string | undefined {
  const j = JSON_KEY.exec(text);
  if (j) {
    const open = j.index + j[0].length - 1;
    const close = jsonValueEnd(text, open);
    const array = close < 0 ? undefined : text.slice(open, close + 1);
    try {
      const lines = array === undefined ? undefined : strings(JSON.parse(array));
      if (lines) return `${lines.join('\n')}\n`;
    } catch {
      // Not a JSON list after all: try the YAML form.
    }
  }
  const y = YAML_KEY.exec(text);
  if (!y) return undefined;
  const indent = y[1]!.length;
  const after = text.slice(y.index + y[0].length + 1).split('\n');
  const block: string[] = [];
  for (const l of after) {
    const depth = l.length - l.trimStart().length;
    if (l.trim() !== '' && (depth < indent || (depth === indent && !l.trimStart().startsWith('- ') && l.trim() !== '-'))) break;
    block.push(l);
  }
  try {
    const lines = strings(parse(block.join('\n')) as unknown);
    return lines ? `${lines.join('\n')}\n` : undefined;
  } catch {
    return undefined;
  }
}
