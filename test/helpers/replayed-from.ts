/**
 * Whether an artifact was read from the output saved as `saved`: the file itself, or a part of it split at a command
 * typed in it (`smartctl.txt:3`: a text saved under its tool's name alone with the command typed above the output).
 */
export function replayedFromSaved(a: { replayedFrom?: string }, saved: string): boolean {
  return a.replayedFrom === saved || (a.replayedFrom?.startsWith(`${saved}:`) ?? false);
}
