/**
 * Lines of an mlxfwreset query with no heading above them — `mlxfwreset -d <dev> q | grep 'Driver restart'` (as the
 * NVIDIA operators run it), or a note quoting the lines that matter — were not read: an option line counted only under
 * its `Reset-levels:` / `Reset-types …:` / `Reset-sync …:` heading. What each option describes says its list.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFwResetQuery } from '../../analyzer/classes/mlx5/fwreset-query.js';

const real = (p: string): string => readFileSync(new URL(`./fixtures/real/fwreset/${p}`, import.meta.url), 'utf8');

describe('mlxfwreset query lines with no heading', () => {
  it('each option line of a real query, alone, is the option it is under its heading', () => {
    const text = real('bf3-mlxfwreset-q-quoted-fence-dpu-notes.txt');
    const whole = parseFwResetQuery(text).options;
    expect(whole.length).toBeGreaterThanOrEqual(10);
    const lines = text.split('\n').map((l) => l.replace(/^>\s?/, '')).filter((l) => /^\d+:\s.*-(?:Supported|Not supported)/i.test(l));
    expect(lines).toHaveLength(whole.length);
    expect(lines.map((l) => parseFwResetQuery(`${l}\n`).options[0])).toEqual(whole);
  });

  it('a real note quoting a level and a sync owner, each in its own fence', () => {
    const q = parseFwResetQuery(readFileSync(new URL('./fixtures/real/fwreset/bf3-mlxfwreset-q-two-quoted-lines-no-headings-notes.txt', import.meta.url), 'utf8'));
    expect(q.options.map((o) => [o.list, o.number, o.supported, o.isDefault])).toEqual([['level', 3, true, true], ['sync', 1, true, true]]);
  });

  it('an option line whose description says no list is still not an option', () => {
    expect(() => parseFwResetQuery('7: Something else entirely                -Supported\n')).toThrow(/no Reset-levels list/);
  });
});
