const trimmed = (lines: readonly string[]): string[] => lines.map((l) => l.trim());

/** `flint q` by its fields: `Image type:`, `FW Version:` and `PSID:`. */
export function flintShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  return [/^Image type:/, /^FW Version:/, /^PSID:/].every((re) => t.some((l) => re.test(l))) ? ['flint', 'q'] : undefined;
}

/** `mlxconfig query` by its headings: `Device #1:` over `Configurations:`. */
export function mlxconfigShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  return t.some((l) => /^Device #\d+:$/.test(l)) && t.some((l) => /^Configurations:/.test(l)) ? ['mlxconfig', 'query'] : undefined;
}
