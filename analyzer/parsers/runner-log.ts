import { decodeJsonLogLine } from './text-input.js';

/**
 * Outputs quoted from a test runner's log (avocado and the like) carry a prefix on every output line,
 * `12:00:01 DEBUG| [stdout] afi  : 0x2`, between the runner's own lines (`INFO | Running 'nvme fw-log …'`).
 * When such lines make up a good part of the text, only what follows `[stdout]` is kept; the runner's lines
 * become blank, so line numbers stay those of the input. Run before `cleanText`.
 */
const STDOUT_MARK = /\[stdout\] ?/;

export function unwrapRunnerLog(pasted: string): string {
  // A runner's log saved inside a JSON log line: its lines are the decoded string's.
  const raw = decodeJsonLogLine(pasted.replace(/^\uFEFF/, '')) ?? pasted;
  const lines = raw.split('\n');
  const nonBlank = lines.filter((l) => l.trim() !== '').length;
  const marked = lines.filter((l) => STDOUT_MARK.test(l)).length;
  if (marked === 0 || marked * 3 < nonBlank) return pasted;
  return lines
    .map((l) => {
      const m = STDOUT_MARK.exec(l);
      return m ? l.slice(m.index + m[0].length) : '';
    })
    .join('\n');
}
