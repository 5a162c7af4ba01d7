const trimmed = (lines: readonly string[]): string[] => lines.map((l) => l.trim());

/**
 * `flint q` by its fields: `Image type:`, `FW Version:` (an older flint's `FW Version(Running):` alone) and one of
 * `PSID:`, `FW Release Date:` or `Product Version:`, a field perhaps set in Markdown bold (`**FW Version: 16.28.2006**`).
 */
export function flintShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines).map((l) => l.replace(/^(?:\*\*|__)/, ''));
  return [/^Image type:/, /^FW Version(?:\(Running\))?:/, /^(?:PSID|FW Release Date|Product Version):/].every((re) => t.some((l) => re.test(l))) ? ['flint', 'q'] : undefined;
}

/**
 * `mlxconfig query` by its headings: `Configurations:` under `Device #1:` or under the `Device:` line naming the device (a
 * paste from `Device type:` down). Its rows alone, or under `Configurations:` with no device named, are not told: the
 * settings of no known device.
 */
export function mlxconfigShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  return t.some((l) => /^Device #\d+:$/.test(l) || /^Device:\s*\S/.test(l)) && t.some((l) => /^Configurations:/.test(l)) ? ['mlxconfig', 'query'] : undefined;
}

/**
 * A firmware manager's query (mlxfwmanager, mstfwmanager, mlxup) by its banner (`Querying Mellanox devices firmware ...`)
 * or its device fields (`Device Type:`, `Part Number:`, `PSID:`) without flint's `Image type:` or mlxconfig's `Configurations:`.
 */
export function fwManagerShape(lines: readonly string[]): boolean {
  const t = trimmed(lines);
  if (t.some((l) => /^Querying Mellanox devices firmware/.test(l))) return true;
  const fields = [/^Device Type:\s+\S/, /^Part Number:\s+\S/, /^PSID:\s+\S/].every((re) => t.some((l) => re.test(l)));
  return fields && !t.some((l) => /^(?:Image type|Configurations):/.test(l));
}
