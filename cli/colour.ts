/**
 * Colour only where a person reads a terminal: never when NO_COLOR is set to anything but the empty string
 * (no-color.org), never on a pipe or a file, never on TERM=dumb.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
