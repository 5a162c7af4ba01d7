/** An lscpu line: a field's name, `:`, its value (`CPU(s):  8`, `NUMA node0 CPU(s):  0-7`) or none (`Caches (sum of all):`). */
const FIELD = /^[A-Za-z][\w ()/.,+-]*:(?:\s+\S|\s*$)/;
/** A line another tool starts at the margin with a device's address (lspci's `00:1f.2 SATA controller: …`). */
const ADDRESS = /^(?:[0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] /;

/**
 * lscpu by its fields: `Architecture:` with `CPU(s):`, `Model name:` or `Vendor ID:`, and three lines in four at the
 * margin its fields (a block indented as a whole is read at its own margin; lines below a field, a newer lscpu's tree
 * or its wrapped flags, count neither way). Words around it are tolerated; another tool's device lines beside it are not.
 */
export function lscpuShape(lines: readonly string[]): string[] | undefined {
  const filled = lines.filter((l) => l.trim() !== '');
  const indent = Math.min(...filled.map((l) => /^\s*/.exec(l)![0].length));
  const all = filled.map((l) => l.slice(indent));
  if (!all.some((l) => /^\s*Architecture:\s+\S/.test(l)) || !all.some((l) => /^\s*(?:CPU\(s\)|Model name|Vendor ID):\s+\S/.test(l))) return undefined;
  const margin = all.filter((l) => !/^\s/.test(l));
  if (margin.some((l) => ADDRESS.test(l))) return undefined;
  return margin.filter((l) => FIELD.test(l)).length * 4 >= margin.length * 3 ? ['lscpu'] : undefined;
}
