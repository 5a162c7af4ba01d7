/** A kernel log line as dmesg prints it: the seconds since boot in brackets. */
const STAMPED = /^\[\s*\d+\.\d{6}\] /;

/** dmesg by its lines: three at least, and nearly every line (nine in ten) stamped with the time since boot. */
export function dmesgShape(lines: readonly string[]): string[] | undefined {
  const filled = lines.filter((l) => l.trim() !== '');
  const stamped = filled.filter((l) => STAMPED.test(l)).length;
  return stamped >= 3 && stamped * 10 >= filled.length * 9 ? ['dmesg'] : undefined;
}
