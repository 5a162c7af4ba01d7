/**
 * Text as people capture and paste tool outputs: with CRLF line ends, colour codes, shell prompts and the
 * command line, `...` where they cut something out, iproute2's `kernel answers:` trailer, indented as a
 * whole, escaped inside one JSON log line, or HTML-escaped (`&quot;`, `&#x2F;`) by a web page or ticket export;
 * inside a Markdown fence with prose around it, values set in bold or code; quoted in a mail (`> `), or in a
 * quoted-printable mail body; with a log's prefix on every line (syslog, a CI log's or `ts`'s time, kubectl's
 * `[pod/…]`); as Ansible's `stdout_lines`; recorded by `script`; with Unicode or zero-width spaces and typographic
 * quotes from a web page; in a chat copy under its message headers (Slack's `Jane Roe  10:42 AM`, Teams' `[10:42 AM]
 * Jane Roe`); as a reST literal block; under a forum's `Code:` label or after a code block's line-number gutter (`1 2 3 … 12 |`). `cleanText` undoes all of that once, so every text parser sees only the tool's own lines,
 * each with the line number it had in the input.
 */

// The text layer's entry point: every parser reads pasted and saved text through these.
export { cleanText, observeText, unobserved } from './clean-text.js';
export { endsInClosingFence } from './code-fences.js';
export { endsWithJsonDocument, jsonDocument } from './json-document.js';
export { IP_LISTING, ipListingLines } from './ip-link-lines.js';
export { isElision } from './line-marks.js';
export { excerptOf, type Excerpt } from './output-excerpt.js';
export { couldWrapBefore } from './mail-wrap.js';
export { continuesSentence, isGitMailLine, isOutputRule, looksLikeProse, trailingProse } from './prose.js';
export { indentOf, type CleanOptions, type CleanText, type LineIssue, type NoiseKind, type NoiseLine, type TextLine } from './text-lines.js';
export { printsHostKernel } from './shell-session.js';
export { asWrittenByTool } from './whole-decoding.js';
