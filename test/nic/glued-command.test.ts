import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../analyzer/parsers/text-input.js';

describe('a command glued after a value', () => {
  // Real form: the octeontx2 NPA patch quoted in a netdev reply, the `health dump show` typed at a root prompt glued to the
  // state line above by a lost line break: the command cut off the value, and the lines below are its output, not a note.
  it('reads a tool command glued after a value at a root prompt as a command line, a note naming a tool as a note', () => {
    const raw = readFileSync(new URL('fixtures/real/devlink-health/octeontx2-npa-v5-quoted-four-deep-dump-glued.txt', import.meta.url), 'utf8');
    const c = cleanText(raw);
    expect(c.noise.filter((n) => n.kind === 'annotation')).toEqual([]);
    const state = c.lines.find((l) => l.no === 14)!;
    expect([state.text.trim(), state.command]).toEqual(['state healthy error 0 recover 0', 'devlink health']);
    expect(c.lines.find((l) => l.no === 15)!.command).toBe('devlink  health dump show');
    expect(c.noise.filter((n) => n.no === 14).map((n) => [n.kind, n.text])).toEqual([['prompt', '# devlink  health dump show']]);
    const note = cleanText('firmware-version: 1.2.3  # ethtool shows this\nbus-info: 0000:01:00.0\n');
    expect(note.noise.map((n) => [n.kind, n.note])).toEqual([['annotation', '# ethtool shows this']]);
    expect(note.lines.map((l) => l.command)).toEqual([undefined, undefined]);
  });
});
