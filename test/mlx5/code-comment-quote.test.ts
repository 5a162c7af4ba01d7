/**
 * An mst tool's output quoted in a source file's comment (`//` before every line, the writer's sentence above the fields)
 * is read as the shell's comment block it is like; a text with lines of its own is left as it is.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCodeCommentMarks } from '../../analyzer/classes/mlx5/mst-text.js';
import { parseMstflintQuery } from '../../analyzer/classes/mlx5/mstflint-query.js';

const REAL = readFileSync(new URL('./fixtures/real/mstflint/cx7-flint-excerpt-rust-test-comment-io-uring.txt', import.meta.url), 'utf8');

describe('an output quoted in a code comment', () => {
  it('the io-uring test\'s ConnectX-7 fields are read, the sentence above them is not a field', () => {
    const q = parseMstflintQuery(REAL);
    expect([q.fwVersion, q.fwReleaseDate, q.productVersion]).toEqual(['28.45.1200', '12.5.2025', '28.45.1200']);
  });

  it('only a text whose every line carries the mark is changed', () => {
    const mixed = `flint -d 3b:00.0 q\n${REAL}`;
    expect(withCodeCommentMarks(mixed)).toBe(mixed);
    expect(withCodeCommentMarks('https://example.org/a//b\nFW Version:   16.35.2000')).toBe('https://example.org/a//b\nFW Version:   16.35.2000');
    expect(withCodeCommentMarks(REAL).split('\n')[2]).toBe('#   FW Version:            28.45.1200');
  });
});
