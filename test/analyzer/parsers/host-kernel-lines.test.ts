/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a tool's output: its line is the host's kernel, which the
 * load reads from any saved output (the platform class's embedded kernel), so the text layer sets it aside for every
 * text parser (noise of kind `kernel`) instead of each tool's parser leaving it as an unread line. Another line under
 * the command stays the parser's. Each class's parser is checked in its own tests (uname-above-*).
 */
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

const UNAME_A = 'root@host:~# uname -a\nLinux host 5.15.0-60-generic #66~20.04.1-Ubuntu SMP Wed Jan 25 09:41:30 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n';
const UNAME_R = '$ uname -r\n4.18.0-372.9.1.el8.x86_64\n';
const PROC_VERSION = '# cat /proc/version\nLinux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)\n';
const KERNELS = [['uname -a', UNAME_A], ['uname -r', UNAME_R], ['cat /proc/version', PROC_VERSION]] as const;
const OUTPUT = '$ tool show\nfield one\nfield two\n';

describe('a pasted uname line above another tool output', () => {
  for (const [name, kernel] of KERNELS) {
    it(`${name}: set aside as the host kernel, the tool's lines kept`, () => {
      const c = cleanText(`${kernel}${OUTPUT}`);
      expect(c.lines.map((l) => l.text)).toEqual(['field one', 'field two']);
      expect(c.noise.filter((n) => n.kind === 'kernel').map((n) => n.no)).toEqual([2]);
    });
  }

  it('more lines under the command than a kernel prints stay lines', () => {
    expect(cleanText(`${UNAME_A}and then some words of a tool\nline two\n${OUTPUT}`).lines.map((l) => l.no)).toEqual([2, 3, 4, 6, 7]);
  });
});
