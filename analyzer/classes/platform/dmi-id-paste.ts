import { cleanText, type LineIssue } from '../../parsers/text-input.js';

export interface DmiIdPaste {
  /** Each attribute file's value as the paste shows it, by file name (`bios_version`), the first one given. */
  values: Map<string, string>;
  issues: LineIssue[];
}

const DIR = String.raw`\/sys\/(?:class|devices\/virtual)\/dmi\/id\/([A-Za-z_]+)`;
/** `grep . /sys/class/dmi/id/*` (also `grep -H`, `grep ''`, `grep '.*'`): the file's path, a colon, its value. */
const GREP = new RegExp(String.raw`^${DIR}:(.*)$`);
/**
 * `head /sys/class/dmi/id/*` (and `tail -n +1`): each file under `==> path <==`, its value on the next line. The text
 * layer takes the closing ` <==` for a note after a value and hands the line on without it.
 */
const HEAD = new RegExp(String.raw`^==> ${DIR}(?: <==)?$`);
/** What the tool printed of a file it could not read (serials need root; power and subsystem are directories). */
const REFUSED = new RegExp(String.raw`^(?:grep|cat|head|tail): (?:cannot open |error reading )?'?${DIR}'?(?: for reading)?: (?:Permission denied|Is a directory|No such file or directory)$`);
/** The command typed with no prompt (`grep . /sys/class/dmi/id/* 2>/dev/null`). */
const TYPED = /^(?:sudo\s+)?(?:grep|head|tail|cat)\s.*\/dmi\/id\//;

/**
 * A paste of the DMI attribute files (`grep . /sys/class/dmi/id/*`, `head /sys/class/dmi/id/*`, of `/sys/devices/virtual/
 * dmi/id` too), through the text layer: each file's name and value, as the collected files would give them. A file the
 * tool could not read and the command typed are the paste's own lines, and a line a mail's quoted-printable soft break
 * (`=` at its end) cut goes on on the next; any other line is an issue with its number.
 */
export function parseDmiIdPaste(text: string): DmiIdPaste {
  const out: DmiIdPaste = { values: new Map(), issues: [] };
  let headOf: string | undefined;
  const put = (attr: string, value: string): void => {
    if (!out.values.has(attr)) out.values.set(attr, value);
  };
  /** The line before ended in a quoted-printable soft break (`=`): a mail's copy goes on on this line. */
  let soft = false;
  const quotedPrintable = /=(?:3D|20)/.test(text);
  for (const { no, text: raw } of cleanText(text).lines) {
    const line = raw.trim();
    if (soft) {
      soft = quotedPrintable && line.endsWith('=');
      continue;
    }
    soft = quotedPrintable && line.endsWith('=');
    if (REFUSED.test(line)) {
      headOf = undefined;
      continue;
    }
    const head = HEAD.exec(line);
    if (head) {
      // A header right after a header: the file before it was empty (cleanText drops the blank line head printed).
      if (headOf !== undefined) put(headOf, '');
      headOf = head[1]!;
      continue;
    }
    const grep = GREP.exec(line);
    if (grep) {
      put(grep[1]!, grep[2]!);
      headOf = undefined;
      continue;
    }
    if (headOf !== undefined) {
      put(headOf, line);
      headOf = undefined;
      continue;
    }
    if (TYPED.test(line) || line === '') continue;
    out.issues.push({ line: no, text: line, message: 'not a /sys/class/dmi/id file and value as grep or head print them' });
  }
  if (headOf !== undefined) put(headOf, '');
  return out;
}
