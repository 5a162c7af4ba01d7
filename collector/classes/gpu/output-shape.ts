/**
 * nvidia-smi by its own headings: `==============NVSMI LOG==============` (-q), `<nvidia_smi_log>` (-q -x), or the table's
 * `NVIDIA-SMI 535.104.05   Driver Version: …` line. The loader tells the form by the text.
 */
export function nvidiaSmiShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  return t.some((l) => /^=+NVSMI LOG=+$/.test(l) || /^<nvidia_smi_log>$/.test(l) || /^\|?\s*NVIDIA-SMI \d+\.\d+(?:\.\d+)?\s+Driver Version: \d/.test(l)) ? ['nvidia-smi'] : undefined;
}
