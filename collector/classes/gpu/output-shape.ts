import { rocmSmiArgv } from './saved-amd-smi.js';

/**
 * nvidia-smi by its own headings: `==============NVSMI LOG==============` (-q), `<nvidia_smi_log>` (-q -x), or the table's
 * `NVIDIA-SMI 535.104.05   Driver Version: …` line. The loader tells the form by the text.
 */
export function nvidiaSmiShape(lines: readonly string[]): string[] | undefined {
  const t = lines.map((l) => l.trim());
  return t.some((l) => /^=+NVSMI LOG=+$/.test(l) || /^<nvidia_smi_log>$/.test(l) || /^\|?\s*NVIDIA-SMI \d+\.\d+(?:\.\d+)?\s+Driver Version: \d/.test(l)) ? ['nvidia-smi'] : undefined;
}

/**
 * rocm-smi by its banner (`==== ROCm System Management Interface ====`), its `--json` object of cards with their
 * `"Device Name"`/`"Card series"`/`"VBIOS version"` members, or its detail lines (`GPU[0]		: VBIOS version: …`, two at
 * least); replayed as the form its text shows (saved-amd-smi.ts).
 */
export function rocmSmiShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  const banner = /^[\s=]*=+\s*ROCm System Management Interface\s*=+\s*$/m.test(text);
  const json = /"card\d+"\s*:\s*\{/.test(text) && /"(?:Device Name|Card [Ss]eries|VBIOS version|Card model)"\s*:/.test(text);
  const details = (text.match(/^\W*GPU\[\d+\]\s*:\s*[A-Za-z][^:\n]*:/gm)?.length ?? 0) >= 2;
  return banner || json || details ? rocmSmiArgv(text) : undefined;
}
