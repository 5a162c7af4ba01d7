import { AMD_JSON, AMD_STATIC, rocmSmiArgv } from './saved-amd-smi.js';

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

/** amd-smi's heading of each GPU (`GPU: 0`), its firmware list (`FW_LIST:` over `FW_ID:` entries), its JSON's members. */
const AMD_GPU = /^\s*GPU: \d+\s*$/m;
const AMD_FW_LIST = /^\s+FW_LIST:\s*$/m;
const AMD_FW_ID = /^\s+FW_ID: \S/m;
const AMD_JSON_FW = /"fw_list"\s*:\s*\[/;
const AMD_JSON_STATIC = /"(?:asic|bus|vbios|ifwi|board)"\s*:\s*\{/;

/**
 * amd-smi `firmware` and `static` by their lines: a `GPU: n` heading over `FW_LIST:` and its `FW_ID:` entries, or over
 * static's sections (`ASIC:`, `IFWI:`, `VBIOS:`…); their `--json` by `"fw_list"` or the sections as members of a GPU.
 */
export function amdSmiShape(lines: readonly string[]): string[] | undefined {
  const text = lines.join('\n');
  if (AMD_JSON.test(text)) {
    if (AMD_JSON_FW.test(text)) return ['amd-smi', 'firmware', '--json'];
    return AMD_JSON_STATIC.test(text) ? ['amd-smi', 'static', '--json'] : undefined;
  }
  if (!AMD_GPU.test(text)) return undefined;
  if (AMD_FW_LIST.test(text) && AMD_FW_ID.test(text)) return ['amd-smi', 'firmware'];
  return AMD_STATIC.test(text) ? ['amd-smi', 'static'] : undefined;
}
