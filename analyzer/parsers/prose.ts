/** Whether a line is a person's words rather than a tool's: sentences, headings, greetings, closings and signatures, separators. */

/**
 * A mail's signature under its words: the signature marker (RFC 3676's `-- `) alone or with a name (`-- Jane Roe`,
 * `--Marc`), or a closing word and a name on one line (`Cheers Bob`).
 */
const SIGNATURE = /^(?:--(?:\s*[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,2})?|(?:[Tt]hanks|[Cc]heers|[Bb]est|[Rr]egards)(?: [A-Z][A-Za-z'.-]*){1,2}[.!]?)$/;

/** A line that thanks or closes (`Thanks,`, `Thanks for your time.`, `Best regards,`): a name under it is the writer's. */
const CLOSES = /^(?:many thanks|thanks|thank you|thx|tia|(?:best |kind |warm )?regards|best|cheers|sincerely|br|rgds)\b/i;

/** A name signed under a closing or the signature marker (`Jane`, `Jane Roe`, `Bart.`, `J. Roe`, `-Jason`): one to three capitalised words. */
const SIGNED_NAME = /^(?:-\s?)?[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*){0,2}[,.!]?$/;

/**
 * The next line of a sentence a person wrapped (`… after the update to the latest` / `firmware from the vendor site.`):
 * the line above does not end a sentence, and this one has words with single spaces, no tool's marks (`=`, `|`,
 * brackets, a `key: value`), and starts in lower case or ends the sentence.
 */
export function continuesSentence(above: string, t: string): boolean {
  const line = t.trim();
  if (/[.!?:]$/.test(above.trim()) || /\s{2,}|\t|[=|{}[\]<>]|^\S+:(?:\s|$)/.test(line)) return false;
  // The rest may be one capitalised word closing the sentence (`… 17 vectors per` / `VF.`).
  // The stop may follow the emphasis, quote or bracket the sentence closes (`PCI *Vital Product Data*.`).
  return /^[a-z]/.test(line) || /[a-z][*_'"\u2019)]*[.!?]$/.test(line) || /^[A-Z][A-Za-z]+[.!?]$/.test(line);
}

/**
 * Which lines after an output, in order, are a person's: prose, and after prose the rest of a wrapped sentence or a
 * signature (`-- Jane Roe`, `--`); a name only under a closing or the signature marker (`Regards,` / `Jane`, `Thanks,` /
 * `Bart.`), as a capitalised word alone after a sentence may be a tool's (a line cut short, `Auto Of`). `writers` names
 * more lines the caller knows for a person's (a Markdown list item outside the output).
 */
export function trailingProse(texts: readonly string[], writers?: (text: string) => boolean): boolean[] {
  let afterProse = false;
  let signing = false;
  // The entries still to come under a cover letter's shortlog head taken as the mail's (`Jane Roe (2):`).
  let entries = 0;
  const signedAt = mailSignature(texts);
  return texts.map((t, i) => {
    if (signedAt !== undefined && i >= signedAt) return (afterProse = true);
    const line = t.trim();
    // Each commit's subject under the head (`bnxt_en: Add board_serial_number field to info_get cb`), as many as it counts.
    if (entries > 0 && line !== '') {
      entries--;
      return (afterProse = true);
    }
    const prose = looksLikeProse(t) || (writers?.(t) ?? false);
    const signature = afterProse && SIGNATURE.test(line);
    const name = signing && SIGNED_NAME.test(line);
    signing = (prose && CLOSES.test(line)) || (signature && line.startsWith('--')) || name;
    afterProse = prose || signature || name || (afterProse && continuesSentence(texts[i - 1]!, t));
    if (afterProse) entries = Math.min(Number(SHORTLOG_HEAD.exec(line)?.[1] ?? 0), 100);
    return afterProse;
  });
}

/** A cover letter's shortlog head: the author and how many of the series' commits are theirs (`Vasundhara Volam (2):`). */
const SHORTLOG_HEAD = /^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \((\d+)\):$/;

/** A mail's signature marker alone on its line: RFC 3676's `-- `, or the dash a typographic mail client or page makes of it. */
const SIGNATURE_MARK = /^(?:--|[\u2013\u2014])$/;

/**
 * Where the signature at the end of a mail starts, when the output runs up to it: its marker (`-- `, `—`) and under it,
 * to the end, git format-patch's version (`2.39.2`, `2.34.1.windows.1`, `2.45.0.rc1`) or the writer's name on a line or
 * two (`Jonathan`, `Jane Roe`). The mail's, not lines of the output above it.
 */
function mailSignature(texts: readonly string[]): number | undefined {
  const lines = texts.map((t) => t.trim());
  let n = lines.length;
  while (n > 0 && lines[n - 1] === '') n--;
  const signed = (t: string): boolean => t === '' || /^\d+\.\d+(?:\.\d+)*(?:[.-][\w.]+)?$/.test(t) || (SIGNED_NAME.test(t) && !t.startsWith('-'));
  for (let at = n - 2; at >= Math.max(0, n - 3); at--) {
    if (SIGNATURE_MARK.test(lines[at]!) && lines.slice(at + 1, n).every(signed)) return at;
  }
  // A mail client's signature under the marker: the writer's name with an address, a company, a telephone, a site, up
  // to four lines (RFC 3676's advice); one line at least names a mail address or a site, as no tool's line under a
  // grep's `--` separator does.
  for (let at = n - 2; at >= Math.max(0, n - 5); at--) {
    if (!SIGNATURE_MARK.test(lines[at]!)) continue;
    const under = lines.slice(at + 1, n);
    if (under.some((t) => CONTACT.test(t)) && under.every((t) => t === '' || CONTACT.test(t) || SIGNED_NAME.test(t) || SIGNATURE_WORDS.test(t))) return at;
  }
  return undefined;
}

/**
 * A signature's line naming a mail address or a site (`Ben Greear <greearb@candelatech.com>`, `https://example.com`).
 * An address is tried only where a word starts: tried at every character, a long line of word characters cost its length squared.
 */
const CONTACT = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b(?:https?:\/\/|www\.)\S+/;
/** A signature's line of words: a company (`Example Networks, Inc.`), a telephone (`+1 555 0100`), no tool's `key: value`. */
const SIGNATURE_WORDS = /^(?![^\s:]+:(?:\s|$))[A-Z+(][\w .,&'()+-]*$/;

/** A series' changelog head in a cover letter or under a patch's `---` (`v1-v2:`, `v3 -> v4:`, `v10-v11:`, `v2:`). */
const CHANGELOG_HEAD = /^(?:changes\s+)?v\d+(?:\s*(?:-+>?|\u2192|to)\s*v\d+)?\s*:$/i;

/**
 * The lines git format-patch writes under a mail's message (a cover letter's shortlog head `Jiri Pirko (6):`, the
 * diffstat's `devlink/devlink.c | 382 +++---`, `3 files changed, 345 insertions(+), 159 deletions(-)`) and the
 * changelog's version heads a series carries: the mail's, no tool's.
 */
export const isGitMailLine = (text: string): boolean =>
  CHANGELOG_HEAD.test(text.trim()) ||
  /^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} \(\d+\):$|^\S+\s+\|\s+(?:\d+ ?[+-]*|Bin(?: \d+ -> \d+ bytes)?)$|^\d+ files? changed(?:, \d+ insertions?\(\+\))?(?:, \d+ deletions?\(-\))?$/.test(text.trim());

/** A closing a person writes under a paste: `Thanks, Bob`, `Regards,`, `Cheers!`, `Hope this helps.` */
const CLOSING = /^(?:many thanks|thanks(?: a lot| in advance)?|thank you|thx|tia|(?:best |kind |warm )?regards|best|cheers|hope this helps)(?:[,.!]+(?: [A-Z][\w.'-]*){0,2}[.!]?)?$/i;

/** A greeting a person writes above a paste, on a line of its own: `Hi,`, `Hello all,`, `Dear Jane,`, `Hi Bob!`. */
const GREETING = /^(?:hi|hello|hey|dear)(?: [\w.'-]+){0,2}[,!]$|^(?:hi|hello|hey)$/i;

/**
 * A rule a person put between two outputs pasted one after the other (`---`, `===`, `___`, `***`, `-----8<-----`,
 * `-- >8 --`): a line of one such character, or scissors. A reader that finds its tool's output starting again after
 * one reads each output as it would be alone.
 */
export const isOutputRule = (text: string): boolean => /^(?:-{3,}|={3,}|_{3,}|\*{3,}|~{3,}|-+\s*(?:8<|>8|\u2702)\s*-+)$/.test(text.trim());

/** A line of dashes (`---`, `———`, `───`), equals signs, stars or the like: a separator a person put above or below a block. */
const SEPARATOR = /^[-=*_~#.:+\u2013\u2014\u2015\u2500\u2501\u2550]{3,}$/;

/**
 * A line a person wrote rather than a tool printed: a separator, or words with single spaces (tools align their
 * columns; people do not) written as people write: a heading of two words or more ending in `:` with a lower-case word
 * (`Output example::`, `Here is the output:`; not a field with no value, `firmware-version:`, `Security Attributes:`),
 * a sentence ending in `.`, `?` or `!` with two lower-case words, or a line of four lower-case words or more; never a
 * run of a tool's `key value` pairs.
 */
export function looksLikeProse(text: string): boolean {
  const trimmed = text.trim();
  if (SEPARATOR.test(trimmed) || CLOSING.test(trimmed) || GREETING.test(trimmed)) return true;
  // A devlink handle and its attributes (`pci/0000:08:00.0/1: type eth netdev eno1 flavour physical`) are a tool's.
  if (/^[a-z][\w-]*\/[^\s/]*[\d.:][^\s/]*(?:\/\d+)?:\s/.test(trimmed)) return false;
  // lspci's line naming a function (`01:00.0 Ethernet controller: … integrated ConnectX-6 Dx network controller (rev 01)`) is a tool's.
  if (/^(?:[\da-f]{4}:)?[\da-f]{2}:[\da-f]{2}\.[0-7] [^:]+:\s/i.test(trimmed)) return false;
  // A JSON document on one line (smartctl --json=c) is a tool's, whatever words its strings hold.
  if (oneLineJson(trimmed)) return false;
  // A quoted name, an arrow and words (`"fw.undi" -> The combo image version`): a list a person wrote of what names
  // mean, several of them run together where a mail client unwrapped it (`… etc  "fw.mgmt.api" -> API version …`).
  if (DEFINITION.test(trimmed)) return true;
  // A tool aligns its columns with runs of spaces; a person's one doubled space (`smartctl -c  /dev/nvme0` quoted in a
  // sentence) is a space, and so are a typist's two after each full stop (`… at the same time.  This is …`).
  const typed = trimmed.replace(/([a-z][.?!])  (?=[A-Z])/g, '$1 ');
  if (/\s{3,}|\t/.test(typed) || (typed.match(/ {2}/g) ?? []).length > 1) return false;
  const t = typed.replace(/ {2}/, ' ');
  // Words in Chinese, Japanese or Korean (`网卡bnx2自己固定的信息，如：`, `→ ドライバも新しそう。`): no tool fwsnap reads
  // prints them, except as a value after an ASCII field name.
  if ((t.match(CJK) ?? []).length >= 2 && !/^[\x21-\x7e][\x20-\x7e]*:\s/.test(t)) return true;
  const words = t.split(' ');
  if (keyValueRun(words)) return false;
  const lower = words.filter((w) => /^[a-z][a-z']*[,.;:!?]*$/.test(w)).length;
  // Brackets, pipes and `=` are a tool's, unless the line is mostly words (a sentence quoting a command line).
  if (/[=|{}[\]<>]/.test(t) && lower < 4) return false;
  if (t.endsWith(':')) return words.length >= 2 && lower >= 1;
  if (/[.?!]$/.test(t)) return lower >= 2;
  return lower >= 4;
}

/** A double-quoted name, an arrow (`->`, `=>`, `→`) and two words or more after it, the first a word. */
const DEFINITION = /^"[\w.-]+"\s+(?:->|=>|\u2192)\s+[A-Za-z][\w-]*(?:\s+\S+)+$/;

function oneLineJson(t: string): boolean {
  if (!/^[[{].*[\]}]$/.test(t)) return false;
  try {
    const v: unknown = JSON.parse(t);
    return typeof v === 'object' && v !== null;
  } catch {
    return false;
  }
}

/** Han, kana and Hangul characters. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/g;

/** A value a tool prints after its key: a number, a date or time, a boolean. */
const TOOL_VALUE = /^(?:\d[\d.:-]*|true|false)$/;

/**
 * Words that are a tool's `key value` pairs rather than a sentence (devlink's `state healthy error 0 recover 0
 * grace_period 500 auto_recover true auto_dump true`, `cmode runtime value true`): an even number of words, every
 * other one a lower-case key, and at least half the values numbers, dates, times or booleans.
 */
function keyValueRun(words: readonly string[]): boolean {
  if (words.length < 4 || words.length % 2 !== 0) return false;
  const keys = words.filter((_, i) => i % 2 === 0);
  const values = words.filter((_, i) => i % 2 === 1);
  return keys.every((k) => /^[a-z][a-z0-9_.-]*$/.test(k)) && values.filter((v) => TOOL_VALUE.test(v)).length * 2 >= values.length;
}
