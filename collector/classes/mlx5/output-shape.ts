import type { UnnamedOutput } from '../../source.js';

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
 * settings of no known device. `mlxconfig i` by its banner, `List of configurations the device 0000:06:00.0 may support:`.
 */
export function mlxconfigShape(lines: readonly string[]): string[] | undefined {
  const t = trimmed(lines);
  // `mlxconfig i` (show_confs): the parameters a device may support, under a banner naming it.
  const listing = t.map((l) => /^List of configurations the device(?: (\S+))? may support:$/.exec(l)).find((m) => m !== null);
  if (listing) return ['mlxconfig', ...(listing[1] !== undefined ? ['-d', listing[1]] : []), 'i'];
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

/** mlxconfig's settings under `Configurations:` (or its `Default  Current  Next Boot` heading) with no device line above them. */
export function mlxconfigUnnamed(lines: readonly string[]): UnnamedOutput | undefined {
  const t = trimmed(lines);
  if (mlxconfigShape(lines) !== undefined) return undefined;
  const heading = t.some((l) => /^Configurations:/.test(l) || /^Default\s+Current\s+Next Boot$/.test(l));
  const rows = t.filter((l) => /^[A-Z][A-Z0-9_]*(?:\[\d+(?:\.\.\d+)?\])?\s{2,}\S/.test(l)).length;
  return heading && rows > 0
    ? { what: "mlxconfig's query (settings under `Configurations:`)", typed: 'mlxconfig -d 0000:3b:00.0 q', named: 'mlxconfig -d 0000:3b:00.0 q.txt' }
    : undefined;
}

/** mlxlink's report by its headings (`Operational Info` over its underline) and its `State :` field. */
export function mlxlinkUnnamed(lines: readonly string[]): UnnamedOutput | undefined {
  const t = trimmed(lines);
  const at = t.findIndex((l) => l === 'Operational Info');
  const report = at >= 0 && /^-{4,}$/.test(t[at + 1] ?? '') && t.some((l) => /^State\s*:\s*\S/.test(l));
  return report ? { what: "mlxlink's report (`Operational Info`)", typed: 'mlxlink -d mlx5_0', named: 'mlxlink -d mlx5_0.txt' } : undefined;
}
