/** A sample's provenance file as the corpus counts it: its tool, form, saved name and the truth a person reads off it. */
export type Provenance = Record<string, unknown> & { truth?: Record<string, unknown> };

/**
 * What a class adds to docs/real-corpus.md: the kinds of real output issue 11 asks its corpus to cover, and how a
 * sample of its corpus (test/<class>/fixtures/real*) counts for them.
 */
export interface CorpusKindPart {
  /** The class whose test/<class>/ folder holds the corpus. */
  klass: string;
  /** The kinds the issue lists for this class, in its order. */
  required: string[];
  /** Required kinds no public sample was found for, with where it was looked for. A kind that gains a sample must leave. */
  gaps: Record<string, string>;
  /** Samples of this corpus that are real forms of no listed kind (`<path under test/>: <kind>`), with the reason in a comment. */
  unlisted: string[];
  /** The kinds a sample counts for, read off its provenance (dir: the folder holding it), never off its file name. */
  kinds(dir: string, p: Provenance): string[];
}

export const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A kind and, for an output in JSON form, the same kind marked (JSON): a JSON sample counts for both. */
export const withJsonForm = (kind: string, json: boolean): string[] => (json ? [kind, `${kind} (JSON)`] : [kind]);
