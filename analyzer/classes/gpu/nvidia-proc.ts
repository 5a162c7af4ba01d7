import { cleanText } from '../../parsers/text-input.js';
import type { ParseIssue } from './nvidia-smi-xml.js';

/** /proc/driver/nvidia/gpus/<bdf>/information: `Name:   value` lines (nv-procfs.c nv_procfs_read_gpu_info). */
export interface NvidiaProcInformation {
  fields: ReadonlyMap<string, string>;
  issues: ParseIssue[];
}

export function parseNvidiaInformation(text: string): NvidiaProcInformation {
  const fields = new Map<string, string>();
  const issues: ParseIssue[] = [];
  text.split('\n').forEach((raw, i) => {
    const l = raw.trimEnd();
    if (!l.trim()) return;
    const m = /^([A-Za-z][A-Za-z0-9 ]*?):\s*(.*)$/.exec(l);
    if (!m) issues.push({ line: i + 1, text: l, message: 'not a "Name: value" line' });
    else if (!fields.has(m[1]!)) fields.set(m[1]!, m[2]!.trim());
  });
  return { fields, issues };
}

/** /proc/driver/nvidia/version: the NVRM banner, its version and whether the open kernel modules are loaded. */
export interface NvidiaVersionFile {
  banner?: string;
  version?: string;
  open?: boolean;
}

export function parseNvidiaVersionFile(text: string): NvidiaVersionFile {
  // A pasted copy is read through the text layer (a quote, a log prefix, colour codes taken off).
  const banner = cleanText(text).lines.map((l) => /^\s*NVRM version:\s*(.*)$/.exec(l.text)?.[1]).find((b) => b !== undefined)?.trim();
  if (!banner) return {};
  const version = /\s(\d+\.\d+(?:\.\d+)?)\s/.exec(` ${banner} `)?.[1];
  // A banner cut before its version cannot say which modules it names.
  return version ? { banner, version, open: /\bOpen Kernel Module\b/.test(banner) } : { banner };
}
