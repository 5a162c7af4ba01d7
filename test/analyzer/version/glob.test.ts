import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../../analyzer/version/index.js';

// The self-test vectors of the kernel's lib/globtest.c: expected result, pattern, string.
const KERNEL_VECTORS: [boolean, string, string][] = [
  [true, 'a', 'a'], [false, 'a', 'b'], [false, 'a', 'aa'], [false, 'a', ''], [true, '', ''], [false, '', 'a'],
  [true, '[a]', 'a'], [false, '[a]', 'b'], [false, '[!a]', 'a'], [true, '[!a]', 'b'],
  [true, '[ab]', 'a'], [true, '[ab]', 'b'], [false, '[ab]', 'c'], [true, '[!ab]', 'c'],
  [true, '[a-c]', 'b'], [false, '[a-c]', 'd'],
  [true, '[a-c-e-g]', '-'], [false, '[a-c-e-g]', 'd'], [true, '[a-c-e-g]', 'f'],
  [true, '[]a-ceg-ik[]', 'a'], [true, '[]a-ceg-ik[]', ']'], [true, '[]a-ceg-ik[]', '['],
  [true, '[]a-ceg-ik[]', 'h'], [false, '[]a-ceg-ik[]', 'f'],
  [false, '[!]a-ceg-ik[]', 'h'], [false, '[!]a-ceg-ik[]', ']'], [true, '[!]a-ceg-ik[]', 'f'],
  [true, '?', 'a'], [false, '?', 'aa'], [false, '??', 'a'],
  [true, '?x?', 'axb'], [false, '?x?', 'abx'], [false, '?x?', 'xab'],
  [false, '*??', 'a'], [true, '*??', 'ab'], [true, '*??', 'abc'], [true, '*??', 'abcd'],
  [false, '??*', 'a'], [true, '??*', 'ab'], [true, '??*', 'abc'], [true, '??*', 'abcd'],
  [false, '?*?', 'a'], [true, '?*?', 'ab'], [true, '?*?', 'abc'], [true, '?*?', 'abcd'],
  [true, '*b', 'b'], [true, '*b', 'ab'], [false, '*b', 'ba'], [true, '*b', 'bb'], [true, '*b', 'abb'], [true, '*b', 'bab'],
  [true, '*bc', 'abbc'], [true, '*bc', 'bc'], [true, '*bc', 'bbc'], [true, '*bc', 'bcbc'],
  [true, '*ac*', 'abacadaeafag'], [true, '*ac*ae*ag*', 'abacadaeafag'],
  [true, '*a*b*[bc]*[ef]*g*', 'abacadaeafag'], [false, '*a*b*[ef]*[cd]*g*', 'abacadaeafag'],
  [true, '*abcd*', 'abcabcabcabcdefg'], [true, '*ab*cd*', 'abcabcabcabcdefg'],
  [true, '*abcd*abcdef*', 'abcabcdabcdeabcdefg'], [false, '*abcd*', 'abcabcabcabcefg'], [false, '*ab*cd*', 'abcabcabcabcefg'],
];

describe('globMatch: kernel glob_match semantics', () => {
  it.each(KERNEL_VECTORS)('%s for %j against %j (lib/globtest.c)', (expected, pattern, text) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  it('matches libata quirk-table patterns (drivers/ata/libata-core.c)', () => {
    expect(globMatch('SD1[5-9]', 'SD15')).toBe(true);
    expect(globMatch('SD1[5-9]', 'SD19')).toBe(true);
    expect(globMatch('SD1[5-9]', 'SD14')).toBe(false);
    expect(globMatch('SD1[5-9]', 'SD1A')).toBe(false);
    expect(globMatch('ST3640[36]23AS', 'ST3640323AS')).toBe(true);
    expect(globMatch('ST3640[36]23AS', 'ST3640423AS')).toBe(false);
    expect(globMatch('TSSTcorp CDDVDW SH-S202[HJN]', 'TSSTcorp CDDVDW SH-S202J')).toBe(true);
    expect(globMatch('Maxtor *', 'Maxtor 7V300F0')).toBe(true);
    expect(globMatch('Maxtor', 'Maxtor 7V300F0')).toBe(false);
    expect(globMatch('BANC*', 'BANC1G10')).toBe(true);
    expect(globMatch('Micron_M5[15]0_*', 'Micron_M550_MTFDDAK256MAY')).toBe(true);
    expect(globMatch('Crucial_CT*M550*', 'Crucial_CT512M550SSD1')).toBe(true);
    expect(globMatch('2.5+', '2.5+')).toBe(true);
    expect(globMatch('2.5+', '2.55')).toBe(false);
    expect(globMatch(' 2GB ATA Flash Disk', '2GB ATA Flash Disk')).toBe(false);
  });

  it('takes a backslash as an escape, and a trailing backslash as the end of the string', () => {
    expect(globMatch('a\\*', 'a*')).toBe(true);
    expect(globMatch('a\\*', 'ab')).toBe(false);
    expect(globMatch('\\[a]', '[a]')).toBe(true);
    expect(globMatch('ab\\', 'ab')).toBe(true);
    expect(globMatch('ab\\', 'ab\\')).toBe(false);
  });

  it('takes an unterminated class as a literal `[`, and a reversed range as empty', () => {
    expect(globMatch('[ab', '[ab')).toBe(true);
    expect(globMatch('[ab', 'a')).toBe(false);
    expect(globMatch('x[a-', 'x[a-')).toBe(true);
    expect(globMatch('[z-a]', 'm')).toBe(false);
    expect(globMatch('[!z-a]', 'm')).toBe(true);
    expect(globMatch('[a-]', '-')).toBe(true);
  });

  it('does not support [^...], is case-sensitive and treats / and . as ordinary', () => {
    expect(globMatch('[^a]', '^')).toBe(true);
    expect(globMatch('[^a]', 'b')).toBe(false);
    expect(globMatch('mu01', 'MU01')).toBe(false);
    expect(globMatch('*', '.hidden/dir')).toBe(true);
    expect(globMatch('a?c', 'a/c')).toBe(true);
  });

  it('compares bytes: `?` is one UTF-8 byte and a NUL ends either string', () => {
    expect(globMatch('?', 'é')).toBe(false);
    expect(globMatch('??', 'é')).toBe(true);
    expect(globMatch('MU01', 'MU01\0junk')).toBe(true);
    expect(globMatch('[!a]', '')).toBe(false);
  });

  // For patterns without `\` and with only well-formed classes, glob_match is an anchored regular expression.
  it('agrees with a regular-expression reading of well-formed patterns', () => {
    const chars = fc.constantFrom('a', 'b', 'c', '-', '.', 'Z');
    const cls = fc
      .tuple(fc.boolean(), fc.array(fc.oneof(chars.map((c) => c.replace('-', 'b')), fc.tuple(chars, chars).map(([x, y]) => `${x}-${y}`)), { minLength: 1, maxLength: 3 }))
      .filter(([, items]) => !items[0]!.startsWith('-') || items[0]!.length === 3)
      .map(([neg, items]) => `[${neg ? '!' : ''}${items.join('')}]`);
    const token = fc.oneof(chars, fc.constant('?'), fc.constant('*'), cls);
    const pattern = fc.array(token, { maxLength: 6 }).map((t) => t.join(''));
    const text = fc.array(chars, { maxLength: 8 }).map((t) => t.join(''));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        expect(globMatch(p, t)).toBe(toRegExp(p).test(t));
      }),
      { numRuns: 3000 },
    );
  });
});

/** Regular expression for a pattern made of literals, `?`, `*` and well-formed classes without `]` members. */
function toRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '?') re += '[\\s\\S]';
    else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '[') {
      const end = pattern.indexOf(']', i + 1);
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!');
      if (negated) body = body.slice(1);
      const alts: string[] = [];
      for (let j = 0; j < body.length; j++) {
        const lo = body.charCodeAt(j);
        let hi = lo;
        if (body[j + 1] === '-' && j + 2 < body.length) {
          hi = body.charCodeAt(j + 2);
          j += 2;
        }
        for (let c = lo; c <= hi; c++) alts.push('\\u' + c.toString(16).padStart(4, '0'));
      }
      re += alts.length === 0 ? (negated ? '[\\s\\S]' : '(?!)') : `[${negated ? '^' : ''}${alts.join('')}]`;
      i = end;
    } else re += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
  }
  return new RegExp(`^${re}$`);
}
