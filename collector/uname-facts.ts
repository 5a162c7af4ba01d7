/** A kernel release as uname prints it (`5.15.0-91-generic`, `4.18.0-193.28.1.el8_2.x86_64`, `5.5.0-rc4+`). */
export const KERNEL_RELEASE = /^\d+\.\d+[\w.+~-]*$/;

export interface UnameFacts {
  hostname: string;
  release: string;
  /** Undefined when the line was cut before it. */
  machine?: string;
}

/**
 * The host facts of a Linux `uname -a` line: `Linux <host> <release> <version…> <machine> [<processor> <platform>] <os>`.
 * The version has spaces; the machine is the word before the OS (`x86_64 GNU/Linux`, busybox's `x86_64 Linux`), or the
 * third from the end when processor and platform are printed (`x86_64 unknown unknown GNU/Linux`). Undefined for
 * another kernel's line (FreeBSD, Darwin) or a line whose third word is no release.
 */
export function unameFacts(line: string): UnameFacts | undefined {
  const w = line.trim().split(/\s+/);
  if (w[0] !== 'Linux' || w.length < 3 || !KERNEL_RELEASE.test(w[2]!)) return undefined;
  const facts = { hostname: w[1]!, release: w[2]! };
  const last = w.length - 1;
  if (w.length < 5 || !/^(?:GNU\/Linux|Linux|Android)$/.test(w[last]!)) return facts;
  return { ...facts, machine: w[last - 1] === 'unknown' ? w[last - 3]! : w[last - 1]! };
}
