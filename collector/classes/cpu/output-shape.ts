/** lscpu by its fields: `Architecture:` with `CPU(s):`, `Model name:` or `Vendor ID:`. */
export function lscpuShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  const arch = t.some((l) => /^Architecture:\s+\S/.test(l));
  return arch && t.some((l) => /^(?:CPU\(s\)|Model name|Vendor ID):\s+\S/.test(l)) ? ['lscpu'] : undefined;
}
