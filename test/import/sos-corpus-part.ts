/** What a class adds to test/import/corpus-sos.test.ts: its real outputs, and where a sosreport holds each of them. */
export interface SosCorpusPart {
  /** Folders of real public outputs with `.provenance.yaml` files (`saved_as`: the name in a captured tree). */
  corpora: URL[];
  /** Tools (the saved name's `cmd/<tool>/` folder) this part places in a sosreport, whichever class's corpus holds the sample. */
  tools: string[];
  /** Tools whose samples must reach a sosreport at least once. */
  required: string[];
  /** The command sos runs for the same output and its plugin; undefined when sos would never produce this output. */
  sosCommand(tool: string, savedAs: string, text: string): { plugin: string; argv: string[] } | undefined;
  /** Queries of the class's own tables whose rows must be the same imported and replayed (columns that name no artifact). */
  compared?: string[];
}
