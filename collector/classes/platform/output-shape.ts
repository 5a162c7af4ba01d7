/** dmidecode by its banner (`# dmidecode 3.3`) or its structures' headings (`Handle 0x0001, DMI type 1, 27 bytes`). */
export function dmidecodeShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  return t.some((l) => /^# dmidecode \d+\.\d+/.test(l) || /^Handle 0x[0-9A-Fa-f]{4}, DMI type \d+, \d+ bytes$/.test(l)) ? ['dmidecode'] : undefined;
}
