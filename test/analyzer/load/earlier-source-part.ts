/**
 * The sources of earlier releases that stored a class's artifacts, before sources were named after classes
 * (docs/bundle-format.md): a class's part in test/<class>/earlier-sources.ts, registered in
 * test/analyzer/load/earlier-source-parts.ts.
 */
export interface EarlierSources {
  /** The class whose source now stores these artifacts. */
  class: string;
  /** Every name its artifacts' sources had. */
  names: readonly string[];
  /** The earlier source of one artifact, by its name. */
  of(artifact: string): string;
}
