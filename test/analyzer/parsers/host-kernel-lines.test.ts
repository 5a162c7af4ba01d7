/**
 * A pasted `uname -a` / `uname -r` / `cat /proc/version` above a tool's output: its line is the host's kernel, which the
 * load reads from any saved output (the platform class's embedded kernel), so the text layer sets it aside for every
 * text parser (noise of kind `kernel`) instead of each tool's parser leaving it as an unread line. Another line under
 * the command stays the parser's. Each class's parser is checked in its own tests (uname-above-*).
 */
import { describe, expect, it } from 'vitest';
import { PASTED_KERNELS as KERNELS } from '../../helpers/pasted-kernels.js';
import { cleanText } from '../../../analyzer/parsers/text-input.js';

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
    expect(cleanText(`${KERNELS[0][1]}and then some words of a tool\nline two\n${OUTPUT}`).lines.map((l) => l.no)).toEqual([2, 3, 4, 6, 7]);
  });
});
