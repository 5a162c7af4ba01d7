import { trailingProse } from '../../parsers/text-input.js';
import type { ParseIssue } from './nvidia-smi-xml.js';

/** What rocm-smi or amd-smi printed of one GPU, in the terms of amdgpu's sysfs files. */
export interface AmdSmiGpu {
  /** The tool's GPU index (rocm-smi `GPU[n]`, `card<n>`; amd-smi `GPU: n`). */
  index: number;
  /** The PCI function, kernel form (`0000:26:00.0`). */
  bdf?: string;
  model?: string;
  serial?: string;
  /** The VBIOS part number, as amdgpu's `vbios_version` (`113-MI3SRIOV-001`). */
  vbios?: string;
  /** amd-smi's VBIOS/IFWI `VERSION` (the build, `00154951`). */
  vbiosBuild?: string;
  /** Block → the version the driver loaded, as `fw_version/<block>_fw_version` prints it (`0x%08x`). */
  firmware: Map<string, string>;
  /** Block → a version no sysfs file holds in a known form, as the tool printed it (amd-smi's `PSP_BL: 0.a1.2.1e`). */
  firmwarePrinted?: Map<string, string>;
}

export interface AmdSmiOutput {
  gpus: AmdSmiGpu[];
  /** The amdgpu driver's version the tool printed (rocm-smi `Driver version`, amd-smi `DRIVER/VERSION`). */
  driverVersion?: string;
  issues: ParseIssue[];
}

/** A value the tool prints for what it could not read. */
export const unknownValue = (v: string | undefined): boolean => v === undefined || /^(?:|N\/A|NA|Unknown|None|##+|<.*>|\(null\))$/i.test(v.trim());

/** `0000:C4:00.0`, `c4:00.0` → `0000:c4:00.0`. */
export function amdBdf(s: string | undefined): string | undefined {
  const m = /^(?:([0-9a-fA-F]{4,8}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\.([0-7])$/.exec((s ?? '').trim());
  return m ? `${(m[1] ?? '0000').slice(-4)}:${m[2]}:${m[3]}.${m[4]}`.toLowerCase() : undefined;
}

/**
 * A firmware version as rocm-smi prints it, back to the number amdgpu's `fw_version/<block>_fw_version` holds, in that
 * file's form (`0x%08x`): hex as printed (VCN, SOS, ASD, MES…), four dotted bytes in decimal (SMC, TA RAS, TA XGMI:
 * `00.85.91.00` is 0x00555b00), else the number in decimal (MEC `138`; older releases print every block so).
 */
export function sysfsFirmwareVersion(printed: string): string | undefined {
  const v = printed.trim();
  let n: number | undefined;
  if (/^0x[0-9a-f]{1,8}$/i.test(v)) n = parseInt(v.slice(2), 16);
  else if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(v)) {
    const bytes = v.split('.').map(Number);
    if (bytes.every((b) => b <= 255)) n = bytes.reduce((a, b) => a * 256 + b, 0);
  } else if (/^\d{1,10}$/.test(v) && Number(v) <= 0xffffffff) n = Number(v);
  return n === undefined ? undefined : `0x${n.toString(16).padStart(8, '0')}`;
}

/** A block's name as amdgpu's sysfs file names it: rocm-smi `MES KIQ` → `mes_kiq`. */
export const sysfsBlock = (name: string): string => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/**
 * A JSON output's text without the writer's words under it. A whole document ends where it closes (the text layer sets
 * what follows aside); one cut short does not close, so a sentence under it would be taken for the member that was cut.
 */
export function withoutTrailingProse(json: string): string {
  const lines = json.split('\n');
  // The writer's words in the order they follow the output: a sentence, a closing, the name under it.
  const prose = trailingProse(lines.map((l) => l.trim()));
  let end = lines.length;
  while (end > 1 && (lines[end - 1]!.trim() === '' || (!/^\s*["{}[\]]/.test(lines[end - 1]!) && prose[end - 1]))) end--;
  return lines.slice(0, end).join('\n');
}
