// Differential tests against fwupd itself: libfwupdplugin's fu_version_* functions, called through koffi.
// CI installs the Debian `fwupd` package, which ships the library.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import koffi from 'koffi';
import { describe, expect, it } from 'vitest';
import { compareBytes, compareSafe } from '../../../analyzer/version/fwupd-compare.js';
import { guessFwupdFormat, normalizeHex, parseFromFormat, versionFromUint32 } from '../../../analyzer/version/fwupd-format.js';
import { FWUPD_SCHEMES, type FwupdScheme } from '../../../analyzer/version/types.js';

function findPluginLibrary(): string | undefined {
  for (const base of ['/usr/lib', '/usr/lib64']) {
    if (!existsSync(base)) continue;
    const dirs = [base, ...readdirSync(base).map((d) => join(base, d))];
    for (const dir of dirs) {
      if (!existsSync(dir)) continue;
      let entries: string[];
      try {
        entries = readdirSync(dir).filter((e) => e.startsWith('fwupd-'));
      } catch {
        continue;
      }
      for (const e of entries) {
        const lib = join(dir, e, 'libfwupdplugin.so');
        if (existsSync(lib)) return lib;
      }
    }
  }
  return undefined;
}

const libPath = findPluginLibrary();

describe.runIf(libPath !== undefined)('agreement with libfwupdplugin', () => {
  const plugin = koffi.load(libPath!);
  const libfwupd = koffi.load('libfwupd.so.3');
  const formatFromString = libfwupd.func('int fwupd_version_format_from_string(const char *s)');
  const formatToString = libfwupd.func('const char *fwupd_version_format_to_string(int f)');
  const fuCompare = plugin.func('int fu_version_compare(const char *a, const char *b, int fmt)');
  const fuFromUint32 = plugin.func('const char *fu_version_from_uint32(uint32_t v, int fmt)');
  const fuParseFromFormat = plugin.func('const char *fu_version_parse_from_format(const char *v, int fmt)');
  const fuGuess = plugin.func('int fu_version_guess_format(const char *v)');

  // Formats this fwupd build knows (compal-bios arrived in 2.1.4).
  const known = FWUPD_SCHEMES.filter((s) => formatFromString(s) !== 0);
  const fmt = (s: FwupdScheme | 'dotted'): number => (s === 'dotted' ? 0 : (formatFromString(s) as number));
  const sign = (n: number): number => Math.sign(n);

  // Version-like strings: digits, dots, tildes, signs, letters, spaces and a few non-ASCII characters.
  const pieces = fc.constantFrom('0', '1', '2', '9', '10', '007', '.', '.', '~', '-', '+', ' ', 'a', 'b', 'Z', 'x', '0x', 'é', 'ÿ', '|', '99999999999999999999');
  const versionish = fc
    .array(pieces, { maxLength: 10 })
    .map((xs) => xs.join(''))
    .filter((s) => s === s.trim());

  const ours = (a: string, b: string, scheme: FwupdScheme | 'dotted'): number => {
    if (scheme === 'plain') return compareBytes(a, b);
    if (scheme === 'hex') return compareSafe(normalizeHex(a), normalizeHex(b));
    return compareSafe(a, b);
  };

  it('compares like fu_version_compare in every format', () => {
    const schemes = fc.constantFrom<FwupdScheme | 'dotted'>(...known, 'dotted');
    fc.assert(
      fc.property(versionish, versionish, schemes, (a, b, scheme) => {
        expect(ours(a, b, scheme)).toBe(sign(fuCompare(a, b, fmt(scheme)) as number));
      }),
      { numRuns: 3000 },
    );
  });

  it('renders raw integers like fu_version_from_uint32', () => {
    const renderable = known.filter((s) => s !== 'compal-bios');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(...renderable), (value, scheme) => {
        expect(versionFromUint32(value, scheme)).toBe(fuFromUint32(value, fmt(scheme)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads raw strings like fu_version_parse_from_format', () => {
    const raw = fc.oneof(
      versionish,
      fc.integer({ min: 0, max: 2 ** 40 }).map(String),
      fc.integer({ min: 0, max: 2 ** 40 }).map((n) => '0x' + n.toString(16)),
      fc.constantFrom('20150915', '2015091', '0x', '-5', '12\n', '0x0x10', ' 7'),
    );
    fc.assert(
      fc.property(raw, fc.constantFrom<FwupdScheme>('triplet', 'hex', 'quad', 'pair'), (v, scheme) => {
        expect(parseFromFormat(v, scheme)).toBe(fuParseFromFormat(v, fmt(scheme)));
      }),
      { numRuns: 2000 },
    );
  });

  it('guesses formats like fu_version_guess_format', () => {
    const raw = fc.oneof(versionish, fc.constantFrom('1234ac', '1A', '0x10201', '1.2.3.4.5', 'abc', '1..2'));
    fc.assert(
      fc.property(raw, (v) => {
        // fwupd names no string for FWUPD_VERSION_FORMAT_UNKNOWN; ours is `dotted`.
        const theirs = formatToString(fuGuess(v)) as string | null;
        expect(guessFwupdFormat(v)).toBe(theirs ?? 'dotted');
      }),
      { numRuns: 2000 },
    );
  });
});
