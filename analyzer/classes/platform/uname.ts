import { KERNEL_RELEASE, unameFacts, type UnameFacts } from '../../../collector/uname-facts.js';
import { cleanText, type CleanText, type LineIssue, type TextLine } from '../../parsers/text-input.js';

export interface Uname {
  /** From the first Linux `uname -a` line, else the first line that is a release alone (`uname -r`) or /proc/version's. */
  facts?: Partial<UnameFacts> & { release: string };
  issues: LineIssue[];
}

/** The OS word of a whole `uname -a` line, where a mail or a narrow terminal wrapped the line before it. */
const OS_TAIL = /^(?:\S+\s+)*(?:GNU\/Linux|Linux|Android)$/;
/** A command line that prints the running kernel's release: `uname …`, `cat /proc/version`. */
const KERNEL_COMMAND = /(?:^|[\s/])uname(?:\s|$)|(?:^|[\s/])(?:cat|more|less|head)\s+(?:-\S+\s+)*\/proc\/version(?:\s|$)/;
/**
 * `/proc/version`'s line: `Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 …) #1 SMP …`; the
 * builder in parentheses follows the release (a mail may cut the line after the release). A person's label may stand
 * before it (`OS: Linux version …`), and a page may have lost the space before the release (`Linux version3.4.0`).
 */
const PROC_VERSION = /^(?:(?:OS|Kernel|Linux kernel|Kernel version|Version)\s*:\s*)?Linux version ?(\d\S*)(?:\s+\(|$)/i;

/** /proc/version's release. */
function procVersion(line: string): { release: string } | undefined {
  const release = PROC_VERSION.exec(line)?.[1];
  return release !== undefined && KERNEL_RELEASE.test(release) ? { release } : undefined;
}

/** `uname -srvmo` (every field but the hostname): `Linux 5.10.0-18-amd64 #1 SMP Debian 5.10.140-1 (2022-09-02) x86_64 GNU/Linux`. */
function noHostname(line: string): { release: string; machine?: string } | undefined {
  const w = line.split(/\s+/);
  if (w[0] !== 'Linux' || w.length < 3 || !KERNEL_RELEASE.test(w[1]!) || !w[2]!.startsWith('#')) return undefined;
  const machine = w.length >= 5 && /^(?:GNU\/Linux|Linux|Android)$/.test(w[w.length - 1]!) ? w[w.length - 2] : undefined;
  return { release: w[1]!, ...(machine !== undefined ? { machine } : {}) };
}

/** Whether a pasted command line prints the running kernel's release (`uname -a`, `sudo uname -r`, `cat /proc/version`). */
export const printsKernel = (command: string): boolean => KERNEL_COMMAND.test(command);

function read(lines: TextLine[]): Uname {
  const out: Uname = { issues: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text.trim();
    if (line === 'Linux') continue;
    const next = lines[i + 1]?.text.trim();
    const wrapped = /^Linux\s/.test(line) && !PROC_VERSION.test(line) && !OS_TAIL.test(line.split(/\s+/).slice(3).join(' ')) && next !== undefined && OS_TAIL.test(next);
    const facts = procVersion(line) ?? unameFacts(wrapped ? `${line} ${next}` : line) ?? noHostname(line) ?? (KERNEL_RELEASE.test(line) ? { release: line } : undefined);
    if (wrapped) i++;
    if (!facts) {
      out.issues.push({ line: lines[i]!.no, text: line, message: 'not a Linux uname line, /proc/version line or kernel release' });
      continue;
    }
    out.facts ??= facts;
  }
  return out;
}

/** The lines the text layer gave, with the kernel lines it set aside as the host's (what uname reads), in order. */
const withKernelLines = (c: CleanText): TextLine[] =>
  [...c.lines, ...c.noise.filter((n) => n.kind === 'kernel').map((n): TextLine => ({ no: n.no, text: n.text, ...(n.command !== undefined ? { command: n.command } : {}) }))].sort((a, b) => a.no - b.no);

/**
 * A saved `uname` output (`-a`, `-r`, `-rs`…) or `cat /proc/version`, as saved or pasted (cleanText): the kernel
 * release, and with -a the hostname and machine; lines under another pasted command are that command's. A Linux line
 * wrapped before its machine words is joined with them; `Linux` alone (`uname`, `uname -s`) says nothing more; another
 * kernel's line (FreeBSD, Darwin) and any other line are unknown lines.
 */
export function parseUname(text: string): Uname {
  // Another command's output pasted with it (`id`, `mdadm --version`) is not uname's to read.
  return read(withKernelLines(cleanText(text)).filter((l) => l.text.trim() !== '' && (l.command === undefined || printsKernel(l.command))));
}

/**
 * The kernel facts another tool's saved output holds (a ticket pasting `uname -a` above `ethtool -i`): only the lines
 * under a pasted `uname` or `cat /proc/version` command line, whose text says they are the host's; a `Linux …` line
 * with no such command above it may be anyone's. The other lines are the tool's, so nothing else is an issue here.
 */
export function embeddedUname(text: string): Uname['facts'] {
  if (!/uname|\/proc\/version/.test(text)) return undefined;
  const clean = cleanText(text);
  const lines = withKernelLines(clean).filter((l) => l.text.trim() !== '');
  const prompts = clean.noise.filter((n) => n.kind === 'prompt').map((n) => n.no);
  // The first line after its command line (and the one after it, where a mail wrapped uname's line): what it printed.
  const first = (i: number): boolean => prompts.some((p) => p < lines[i]!.no && (i === 0 || lines[i - 1]!.no < p));
  const kept = lines.filter((l, i) => l.command !== undefined && printsKernel(l.command) && (first(i) || (i > 0 && first(i - 1) && lines[i - 1]!.command === l.command)));
  return read(kept).facts;
}
