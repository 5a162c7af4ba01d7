/**
 * Outputs pasted into a captured tree are saved under names people choose: `cmd/nvme/id-ctrl_nvme0.out`,
 * `cmd/smartctl/-x_sda.out`, or the bundle's own `cmd/nvme/id-ctrl_%2fdev%2fnvme0.out`. These helpers read
 * such a name back into words; each source turns the words into the argv it would have run.
 */

/** The words of a saved output's name: `cmd/<tool>/<words joined by _>.out`, each word %xx-decoded. */
export function savedNameWords(treeName: string): string[] {
  const stem = treeName.split('/').pop()!.replace(/\.out$/, '');
  return stem.split('_').filter((w) => w !== '').map(decodeWord);
}

function decodeWord(w: string): string {
  try {
    return decodeURIComponent(w);
  } catch {
    return w;
  }
}

/** A device word as a /dev path: `sda`, `nvme0n1`, `dev/sda`, `/dev/sda` → `/dev/...`. */
export function devPath(word: string): string {
  if (word.startsWith('/dev/')) return word;
  if (word.startsWith('dev/')) return `/${word}`;
  return `/dev/${word}`;
}
