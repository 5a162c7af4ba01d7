import { showsMask } from './masked-value.js';

/** Marks a person adds to single lines of a pasted output: cuts, notes after values, comment markers, iproute2's trailer. */

/** `...`, `(...)`, `[...]`, `…`, `<snip>`, `[ ... ]`, `---snip---`, `[...snip...]`, `-- >8 --`, `< ..... TRUNCATED ..... >`, `[ output truncated ]`: where the person who pasted cut lines out. */
export const ELISION =
  /^(?:\.{3,}|…|\(\s*(?:\.{3,}|…)\s*\)|\[\s*(?:\.{3,}|…)?\s*(?:\.{3,}|…|snip(?:ped)?)\s*(?:\.{3,}|…)?\s*\]|<\s*(?:\.{3,}|snip(?:ped)?)\s*>|\.{3,}\s*(?:snip(?:ped)?|truncated|more)?\s*\.*|[-=]{2,}\s*(?:snip(?:ped)?|cut)\s*[-=]{2,}|-+\s*(?:8<|>8)\s*-+|[<[(]\s*(?:[.…]+\s*)?(?:(?:output|lines?|rest)\s+)?(?:truncated|snip(?:ped)?|cut|omitted|trimmed)(?:\s+\w+)?\s*(?:[.…]+\s*)?[>\])])$/i;

/** A value someone cut out of a paste (`sn : [...]`): not the value itself. */
export const isElision = (value: string): boolean => ELISION.test(value.trim());

/** iproute2 appends the kernel's extended ack to error output: `kernel answers: Operation not supported`. */
export const TRAILER = /^kernel answers:/;

/**
 * An author's note after a value: an arrow after a space (`1.7 <--- No patch number included`, `bnx2x <-----`,
 * `16.35.2000 <== old`), or a `#` or `//` comment after at least two spaces or a tab (`fr : EPK9CR5Q  # the firmware`,
 * `FW Version: 16.35.2000   // from the ticket`, `OK   #版本不同显示不同`: a note in another script needs no space
 * after its mark, nor does a word, `#patched`; a number against it, `  #1`, is no word). Words of a script no tool
 * prints (`#这个`) make it a note after a single space too (a web page collapses the spaces), and so does a `# ` and
 * words (`bus-info: 0000:4d:00.0 # 这就是驱动信息`, `firmware-version: 1.2 # latest`; smartctl --scan's own `# /dev/sda, SCSI
 * device` names a path). No output fwsnap reads
 * through cleanText prints these after a value (the corpus test in test/real-corpus/ finds them only where a person
 * added them); a document's (JSON, XML) are kept. A progress bar of `#` (rpm's `Preparing...   ##### [100%]`) is the
 * tool's own, and so is an arrow that closes one the line opens with (head's `==> /sys/class/dmi/id/bios_date <==` over
 * each file it prints, smartctl's `=======> VALID ARGUMENTS ARE: … <=======`).
 */
export const ANNOTATION = /(?<!\s)(?:(?:\s{2,}|\t)(?!#{3,}\s*(?:\[\s*\d{1,3}%\]\s*)?$)(?:#+|\/\/)(?=\s|$|\p{L}|[^\x00-\x7f])|\s#+(?=(?![\x00-\x7f])\p{L})|\s#\s+(?=\p{L})).*$/u;
/** An arrow after a space (`<---`, `<==`); not after head's `==> file`, whose line closes its arrow. */
const ARROW_NOTE = /(?<!\s)\s+(?:<-{2,}|<={2,}).*$/;
const HEAD_ARROW = /^\s*=+>\s/;

/**
 * A person's bracketed word after a value saying what they did to it (`ZRXXXXXX [trimmed]`, `5 000c50 XXXXXXXXX
 * [trimmed]`, `S3Z9NB0K (redacted)`, `WD-WCC4E <serial removed>`). No tool fwsnap reads prints such a word in brackets
 * after a value. Where what stands before it shows the mask (`ZRXXXXXX`), that is the value; where it does not
 * (`WD-WCC4E`, the stump of a serial cut short), the note stays with it: cut off, the stump would pass for the value.
 */
const EDIT_NOTE = /\s+[[(<]\s*(?:(?:serial|value|number|wwn|id|s\/n)\s+)?(?:trimmed|redacted|removed|hidden|masked|censored|obfuscated|anonymi[sz]ed|saniti[sz]ed|edited|scrubbed|omitted|x+'?ed(?:\s+out)?)(?:\s+(?:for\s+privacy|by\s+me|here))?\s*[\])>]\s*$/i;
/**
 * A label's mark and a value of words one space apart before a note: the bracket that stands alone as the value
 * (`Serial Number: [REDACTED]`, devlink's `serial_number <redacted>`, ifconfig's `HWaddr <hidden>`) is the value.
 */
const LABELLED_VALUE = /[:=][ \t]*(\S+(?: \S+)*)$/;

/**
 * A person's words in Chinese, Japanese or Korean after a value of a line otherwise in ASCII, one space apart
 * (`driver: hns 驱动`, `version: 2.0 驱动版本`, `Speed: 1000Mb/s 网口速率`): no tool fwsnap reads prints them after an
 * ASCII value. The line is a field, a label and its value (not a person's list item or sentence, `(2) 查看以太网设备`);
 * the value before them ends in no label's mark (a localised tool's `描述: 以太网接口` is its own).
 */
const CJK_NOTE = /(?<!\s)\s+(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/u;
const CJK_NOTE_FIELD = /^[ \t]*[A-Za-z][\w .()/-]*[:=][ \t]*[\x20-\x7e]*[\x21-\x39\x3b\x3c\x3e-\x7e]$/;

/**
 * The first space before such words is the only place a note can start: a later one has those words, which are no
 * ASCII, before it. Each pattern here starts only at a run's first space and looks back a bounded way, so a hostile
 * line of a megabyte costs linear time.
 */
function cjkNote(line: string): RegExpExecArray | null {
  const m = CJK_NOTE.exec(line);
  return m && CJK_NOTE_FIELD.test(line.slice(0, m.index)) ? m : null;
}

function annotation(line: string): { index: number } | null {
  const mark = ANNOTATION.exec(line);
  const arrow = HEAD_ARROW.test(line) ? null : ARROW_NOTE.exec(line);
  if (!mark) return arrow;
  return arrow && arrow.index < mark.index ? arrow : mark;
}

/** A note after a value: where it starts in the line, and its text to the line's end. */
export interface LineNote {
  index: number;
  text: string;
}

/**
 * The note after a value a line carries: ANNOTATION's, or a bracketed EDIT_NOTE after a labelled value that shows its
 * mask — also one that an ANNOTATION follows (`ZRXXXXXX [trimmed]  # the serial`); the one that starts first. Null
 * without one.
 */
export function noteAfterValue(line: string): LineNote | null {
  const mark = annotation(line);
  // A note in those scripts may stand before a marked one (`version: 2.0 驱动版本  # the firmware`): the first starts it.
  const a = cjkNote(mark ? line.slice(0, mark.index) : line) ?? mark;
  const before = a ? line.slice(0, a.index) : line;
  const found = EDIT_NOTE.exec(before);
  const value = found ? LABELLED_VALUE.exec(before.slice(0, found.index))?.[1] : undefined;
  const index = value !== undefined && showsMask(value) ? found!.index : a?.index;
  return index === undefined ? null : { index, text: line.slice(index) };
}

/** A shell or script comment marker that every line of a pasted output carries. */
export const COMMENT = /^#(?: |$)/;
