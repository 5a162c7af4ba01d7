/** What the text layer hands a parser: the tool's lines with their numbers, the lines it left out and why, and the issues a parser records. */

/** A line the parser should read; `no` is its 1-based line number in the (decoded) input. */
export interface TextLine {
  no: number;
  text: string;
  /** The command line (after its prompt) this line is the output of, when the paste shows one. */
  command?: string;
  /**
   * The Markdown heading above a later fenced block that shows no command line (`### /etc/network/interfaces` over a
   * config file's fence, after the fence of the output): that block is another file the writer pasted, not more output.
   */
  section?: string;
  /**
   * The shell's own message after the command, not the tool's (`Segmentation fault (core dumped)`): kept for a parser
   * that says what it means of the run; one that cannot read it leaves it to the load, which names it once as the shell's.
   */
  shell?: true;
}

/** `kernel`: a pasted `uname -a` / `uname -r` / `cat /proc/version` line, the host's kernel (see hostKernelAside). */
export type NoiseKind = 'prompt' | 'elision' | 'trailer' | 'fence' | 'annotation' | 'prose' | 'diff' | 'kernel';

/** A line that is not the tool's output, left out with the reason. */
export interface NoiseLine extends TextLine {
  kind: NoiseKind;
  /** An annotation's note as written after the value (`# the firmware`, `<-- old`), left out of the line. */
  note?: string;
  /** A diff's line set aside: a line of the older output (`-`), or a file or hunk header (`---`, `+++`, `@@`). */
  diff?: 'removed' | 'header';
}

/** A line a parser did not understand; parsers return these instead of giving up. */
export interface LineIssue {
  line: number;
  text: string;
  message: string;
  /** A label alone on its line (`Hardware Info:`) that the parser's tool never prints: above the output, a person's. */
  label?: true;
}

export interface CleanText {
  /** Non-blank output lines, trailing spaces removed, common indentation removed. */
  lines: TextLine[];
  noise: NoiseLine[];
  /** True when the output was found escaped inside a JSON string (a log line) and decoded. */
  decodedFromJson: boolean;
  /** True when HTML character references (`&lt;`, `&#x2F;`, `&quot;`) were found and decoded. */
  decodedEntities: boolean;
  /**
   * The writer's paragraphs at the margin of a text whose outputs are Markdown's indented code blocks (see
   * marginParagraphs): each paragraph's line numbers. A parser may still read a line of one; what it cannot read is the writer's.
   */
  margins?: number[][];
  /** Lines of a JSON document read from this text where a person elided members or a value (`...`), each named as not read. */
  elided?: LineIssue[];
}

export interface CleanOptions {
  /** The text is a document (JSON, XML) whose characters are all the tool's: Markdown marks and notes after values inside it are not undone. */
  document?: boolean;
  /** HTML character references are the document's own (XML): they are left for its reader. */
  keepEntities?: boolean;
}

/** Indentation of a cleaned line, in columns. */
export const indentOf = (line: TextLine): number => line.text.length - line.text.trimStart().length;
