/** The only error a parser may throw: input that does not have the expected shape. */
export class ParseError extends Error {
  constructor(
    readonly parser: string,
    message: string,
    /** Byte offset or line number where the input went wrong, when known. */
    readonly at?: number,
  ) {
    super(`${parser}: ${message}${at !== undefined ? ` (at ${at})` : ''}`);
    this.name = 'ParseError';
  }
}
