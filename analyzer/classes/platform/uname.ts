import { KERNEL_RELEASE, unameFacts, type UnameFacts } from '../../../collector/uname-facts.js';
import { cleanText, type LineIssue } from '../../parsers/text-input.js';

export interface Uname {
  /** From the first Linux `uname -a` line, else the first line that is a release alone (`uname -r`). */
  facts?: Partial<UnameFacts> & { release: string };
  issues: LineIssue[];
}

/** The OS word of a whole `uname -a` line, where a mail or a narrow terminal wrapped the line before it. */
const OS_TAIL = /^(?:\S+\s+)*(?:GNU\/Linux|Linux|Android)$/;

/**
 * A saved `uname` output (`-a`, `-r`, `-rs`…), as saved or pasted (cleanText): the kernel release, and with -a the
 * hostname and machine; lines under another pasted command are that command's. A Linux line wrapped before its machine words is joined with them; `Linux` alone (`uname`,
 * `uname -s`) says nothing more; another kernel's line (FreeBSD, Darwin) and any other line are unknown lines.
 */
export function parseUname(text: string): Uname {
  // Another command's output pasted with it (`id`, `mdadm --version`) is not uname's to read.
  const lines = cleanText(text).lines.filter((l) => l.text.trim() !== '' && (l.command === undefined || /(?:^|[\s/])uname(?:\s|$)/.test(l.command)));
  const out: Uname = { issues: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text.trim();
    if (line === 'Linux') continue;
    const next = lines[i + 1]?.text.trim();
    const wrapped = /^Linux\s/.test(line) && !OS_TAIL.test(line.split(/\s+/).slice(3).join(' ')) && next !== undefined && OS_TAIL.test(next);
    const facts = unameFacts(wrapped ? `${line} ${next}` : line) ?? (KERNEL_RELEASE.test(line) ? { release: line } : undefined);
    if (wrapped) i++;
    if (!facts) {
      out.issues.push({ line: lines[i]!.no, text: line, message: 'not a Linux uname line or a kernel release' });
      continue;
    }
    out.facts ??= facts;
  }
  return out;
}
