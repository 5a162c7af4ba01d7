import { kernelBdf } from './nvidia-smi-xml.js';

/** What nvidia-smi printed instead of a GPU's or the host's output: a GPU it could not open, or NVML not answering at all. */
export interface SmiFailure {
  /** The GPU it names (`0000:3b:00.0`), or null for the host's driver or a GPU named by index only. */
  bdf: string | null;
  index?: number;
  /** nvidia-smi's reason as printed (`Unknown Error`, `GPU is lost`, `Driver/library version mismatch`). */
  reason: string;
}

const BDF = '((?:[0-9A-Fa-f]{4,8}:)?[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\\.[0-7])';
/** `Unable to determine the device handle for GPU3: 0000:5F:00.0: Unknown Error` (drivers 470+), `… for GPU 0000:01:00.0: Not Found`, `… for GPU0000:25:00.0: …`, `… for gpu 0000:3B:00.0: …`, `… for GPU2: Unknown Error`. */
const HANDLE = [
  new RegExp(`^Unable to determine the device handle for GPU\\s*(\\d+):\\s+${BDF}:\\s*(.+)$`, 'i'),
  new RegExp(`^Unable to determine the device handle for GPU\\s*()${BDF}:\\s*(.+)$`, 'i'),
  /^Unable to determine the device handle for GPU\s*(\d+)()?:\s*(.+)$/i,
];
/** The host-wide failures: the driver not loaded or not answering, NVML refusing the loaded module, no GPU at all. */
const HOST: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^NVIDIA-SMI has failed because it couldn'?t communicate with the NVIDIA driver\b/i, () => "couldn't communicate with the NVIDIA driver"],
  [/^Failed to initialize NVML:\s*(.+)$/i, (m) => m[1]!.trim()],
  [/^No devices were found\.?$/i, () => 'No devices were found'],
  [/^NVIDIA-SMI couldn'?t find libnvidia-ml\.so library\b/i, () => "couldn't find libnvidia-ml.so"],
];
/** Lines nvidia-smi prints with the failures above: its advice, and NVML's own version beside a version mismatch. */
const ALONGSIDE = [/^Make sure that the latest NVIDIA driver is installed and running\.?$/i, /^NVML library version:\s*\S+$/i, /^Please make sure that the NVIDIA Display Driver is properly installed and present in your system\.?$/i, /^Please also try adding directory that contains libnvidia-ml\.so to your system PATH\.?$/i];

/** The failure a line of nvidia-smi's reports, if it is one. */
export function smiFailure(line: string): SmiFailure | undefined {
  const text = line.trim();
  for (const re of HANDLE) {
    const m = re.exec(text);
    if (m) return { bdf: m[2] ? kernelBdf(m[2]) : null, ...(m[1] ? { index: Number(m[1]) } : {}), reason: m[3]!.trim().replace(/\.$/, '') };
  }
  for (const [re, reason] of HOST) {
    const m = re.exec(text);
    if (m) return { bdf: null, reason: reason(m) };
  }
  return undefined;
}

/** Whether a line is what nvidia-smi prints beside a failure (its advice, NVML's version). */
export const besideFailure = (line: string): boolean => ALONGSIDE.some((re) => re.test(line.trim()));

/** The words a report gives a failure. */
export function failureMessage(f: SmiFailure): string {
  if (f.bdf) return `nvidia-smi could not open the GPU at ${f.bdf}${f.index !== undefined ? ` (GPU ${f.index})` : ''}: ${f.reason}`;
  if (f.index !== undefined) return `nvidia-smi could not open GPU ${f.index}: ${f.reason}`;
  return `nvidia-smi failed: ${f.reason}; no GPU was read`;
}
