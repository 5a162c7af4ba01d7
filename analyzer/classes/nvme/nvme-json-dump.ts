import { jsonValueEnd } from '../../parsers/json-extent.js';
import { jsonDocument, readJsonOutput } from '../../parsers/json-output.js';
import { cleanText, type LineIssue } from '../../parsers/text-input.js';

/** The keys of nvme-cli's dump of a command it sent (logging.c), as its JSON printer writes them: trimmed. */
const DUMP_KEYS = new Set([
  'opcode', 'flags', 'rsvd1', 'nsid', 'cdw2', 'cdw3', 'data_len', 'metadata_len', 'addr', 'metadata', 'cdw10', 'cdw11', 'cdw12',
  'cdw13', 'cdw14', 'cdw15', 'timeout_ms', 'result', 'err', 'latency', 'doff', 'dlen',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed object is a command dump alone: `opcode` and nothing but the dump's keys. */
function isDump(v: unknown): boolean {
  return isObject(v) && 'opcode' in v && Object.keys(v).every((k) => DUMP_KEYS.has(k));
}

/**
 * The text with each object of its own that is a command dump (nvme-cli 2.14 to 2.16 print it after the output's
 * object with `-o json -vv`) blanked out, its line ends kept so that line numbers stay those of the output.
 */
function withoutDumpObjects(text: string): string {
  const objects: [number, number][] = [];
  const opening = /^[ \t]*\{/gm;
  for (let m = opening.exec(text); m; m = opening.exec(text)) {
    const start = m.index + m[0].length - 1;
    const end = jsonValueEnd(text, start);
    if (end < 0) break;
    objects.push([start, end]);
    opening.lastIndex = end + 1;
  }
  if (objects.length < 2) return text;
  let out = text;
  for (const [start, end] of objects) {
    let doc: unknown;
    try {
      doc = JSON.parse(text.slice(start, end + 1));
    } catch {
      continue;
    }
    if (isDump(doc)) out = out.slice(0, start) + text.slice(start, end + 1).replace(/[^\n]/g, ' ') + out.slice(end + 1);
  }
  return out;
}

/**
 * An nvme-cli JSON output read as readJsonOutput reads it, without nvme-cli's dump of the command it sent: an object
 * of its own (2.14 to 2.16), or the dump's members in the output's object (3.0, which adds them to its one root).
 */
export function readNvmeJson(parser: string, text: string): { doc: unknown; cut?: LineIssue; elided?: LineIssue[] } {
  const read = mended(text, (t) => readJsonOutput(parser, withoutDumpObjects(t)));
  return { ...read, doc: withoutDumpMembers(read.doc) };
}

/** The same for an output that must be whole (jsonDocument). */
export function nvmeJsonDocument(parser: string, text: string): unknown {
  return withoutDumpMembers(mended(text, (t) => jsonDocument(parser, withoutDumpObjects(t))));
}

/**
 * A member whose string value a raw line end broke: nvme-cli 1.x printed a controller's strings unescaped, so a
 * controller that ends its sn, mn, fr or subnqn in a newline (an NVMe over Fabrics target's, nvme-cli issue 311) puts the
 * closing quote alone at the start of the next line (`"sn" : "0cc47ad37b71-3` then `",`).
 */
const BROKEN_STRING = /^([^\S\r\n]*"[^"\r\n]*"[^\S\r\n]*:[^\S\r\n]*"[^"\\\r\n]*)[^\S\r\n]*(\r?\n)([^\S\r\n]*"[^\S\r\n]*[,}\]]?[^\S\r\n]*)$/gm;

/** A person's note on a line of its own in the document, as a JSON-with-comments line (`// rest of the fields`). */
const NOTE_LINE = /^[^\S\r\n]*\/\/[^\r\n]*$/gm;

/**
 * A person's note after a member's whole value on its line (`"sn" : "BTLF732107UL1P0GGN  ",  # the firmware`, `<-- old`,
 * `<== check this`, `// from the ticket`): the member is what comes before it.
 */
const NOTE_AFTER = /^([^\S\r\n]*"[^"\r\n]*"[^\S\r\n]*:[^\S\r\n]*(?:"(?:[^"\\\r\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)[^\S\r\n]*,?)[^\S\r\n]+(?:#|<-|<=|\/\/)[^\r\n]*$/gm;

/**
 * The text with a person's `//` note lines inside its JSON document (from the line opening it to its last `}`) emptied,
 * and their notes after members' values left out.
 */
function withoutNoteLines(text: string): string {
  const open = /^[^\S\r\n]*`?\{/m.exec(text);
  const end = text.lastIndexOf('}');
  if (!open || end < open.index) return text;
  return text.slice(0, open.index) + text.slice(open.index, end).replace(NOTE_LINE, '').replace(NOTE_AFTER, '$1') + text.slice(end);
}

/**
 * An output read as `read` reads it, a member's string broken so read with the line end out of the string (the value is
 * the controller's string before it; the line kept as an empty one so that the lines after it keep their numbers), a
 * person's `//` note lines in the document as empty ones (no JSON document holds such a line: read as it is, the
 * document would end there).
 */
function mended<T>(text: string, read: (t: string) => T): T {
  const mend = (t: string): string => t.replace(BROKEN_STRING, (_m, open: string, eol: string, close: string) => `${open}${close.trimStart()}${eol}`);
  const joined = mend(text);
  let failed: unknown;
  for (const t of new Set([withoutNoteLines(joined), joined, text])) {
    try {
      return read(t);
    } catch (e) {
      if (t === text) failed = e;
    }
  }
  // The broken member under what a paste added to every line (a mail's `> `, a log's time stamps, colour codes): mended
  // in the lines as the text layer reads them, each at its own line number.
  const lines = cleanText(text, { document: true });
  const at: string[] = [];
  for (const l of [...lines.noise, ...lines.lines]) at[l.no - 1] = l.text;
  const cleaned = Array.from(at, (l) => l ?? '').join('\n');
  const whole = withoutNoteLines(mend(cleaned));
  if (whole !== cleaned) {
    try {
      return read(whole);
    } catch {
      // As it was.
    }
  }
  throw failed;
}

/**
 * nvme-cli 3.0's bytes the command moved, beside the dump's members: `"data":"4096 bytes"` and the bytes' characters
 * by rows under `"data: buf=0x… len=4096 width=16 group=1"` (nvme-print-json.c `json_d`), metadata alike.
 */
const DATA_MEMBER = /^(?:meta)?data(?::\s*buf=.*)?$/;

function withoutDumpMembers(doc: unknown): unknown {
  if (!isObject(doc) || !('opcode' in doc)) return doc;
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !DUMP_KEYS.has(k) && !DATA_MEMBER.test(k)));
}
