import { outputFilter } from '../../collector/output-filter.js';
import { namedCommandLine } from '../../collector/typed-commands.js';
import type { CleanText } from './text-lines.js';

/** An output pasted through a filter: the command line it was typed on and what the pipe after it kept (`grep -i fr`). */
export interface Excerpt {
  line: number;
  filter: string;
}

/**
 * The filter the pasted output went through, told by the command line it was typed under (`$ nvme id-ctrl /dev/nvme0 -H
 * | grep -i fr`): its lines are what the filter kept, read as far as they go; a field, a row or a section they lack was
 * left out, not absent from the tool's output. Undefined when the paste shows the whole output (collector/output-filter.ts).
 */
export function excerptOf(clean: CleanText): Excerpt | undefined {
  const first = clean.lines.find((l) => l.command !== undefined);
  if (first === undefined) return namedExcerpt(clean);
  const filter = first?.command === undefined ? undefined : outputFilter(first.command);
  if (filter === undefined) return undefined;
  const typed = clean.noise.filter((n) => n.kind === 'prompt' && n.no < first!.no && n.text.includes(first!.command!)).at(-1);
  return { line: typed?.no ?? first!.no, filter };
}

/**
 * The filter a person's words right above the output name, when no command is typed (`Output of smartctl -a /dev/sda |
 * grep -i firmware:`): their last line before the output's first line, set aside as words or still the first line read.
 */
function namedExcerpt(clean: CleanText): Excerpt | undefined {
  const first = clean.lines.find((l) => l.text.trim() !== '');
  if (first === undefined) return undefined;
  const above = clean.noise.filter((n) => n.kind === 'prose' && n.no < first.no).at(-1);
  for (const words of [above, /:\s*$/.test(first.text) ? first : undefined]) {
    const named = words === undefined ? undefined : namedCommandLine(words.text);
    const filter = named === undefined ? undefined : outputFilter(named);
    if (filter !== undefined) return { line: words!.no, filter };
  }
  return undefined;
}
