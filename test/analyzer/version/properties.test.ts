import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  parseVersion,
  versionKey,
  versionSchemes,
  type Ordering,
  type VersionContext,
  type VersionScheme,
} from '../../../analyzer/version/index.js';
// Registers the schemes the classes define, which this file tests too (with each class's generators).
import '../../../analyzer/classes/index.js';
import { int, joined, pick } from './arbitraries.js';
import { SCHEME_GENERATORS } from './scheme-generators.js';

const VERSION_SCHEMES = versionSchemes();

const fwupdPieces = pick('0', '1', '2', '10', '007', '.', '.', '~', '-', '+', ' ', 'a', 'b', 'rc', 'x', 'é', 'ÿ', '|', '99999999999999999999');

/** Strings each scheme should order, drawn from small alphabets so that equal and close versions are common. */
const GENERATORS: Record<VersionScheme, fc.Arbitrary<string>> = Object.fromEntries(
  VERSION_SCHEMES.map((s) => [s, joined(fwupdPieces)]),
) as Record<VersionScheme, fc.Arbitrary<string>>;
Object.assign(GENERATORS, {
  plain: joined(pick('A', 'B', 'a', '0', '9', '~', '|', '.', ' ', 'é', '\u{1F600}')),
  hex: fc.oneof(joined(pick('0x', '0', '1', 'a', 'f', '.', '2', '20150915')), int(0xffffffff).map(String), int(0xffffffff).map((n) => '0x' + n.toString(16))),
  semver: fc
    .tuple(int(2), int(2), int(2), fc.array(pick('alpha', 'beta', 'rc', '1', '2', '11', 'a-b', '0a'), { maxLength: 3 }), fc.boolean())
    .map(([a, b, c, pre, build]) => `${a}.${b}.${c}${pre.length ? '-' + pre.join('.') : ''}${build ? '+b.1' : ''}`),
});

Object.assign(GENERATORS, ...SCHEME_GENERATORS.map((g) => g.generators));
const CONTEXTS: Partial<Record<VersionScheme, fc.Arbitrary<VersionContext>>> = Object.assign({}, ...SCHEME_GENERATORS.map((g) => g.contexts ?? {}));

const neg = (o: Ordering | null): Ordering | null => (o === null ? null : (-o as Ordering) || 0);
const keyOrder = (a: string, b: string): Ordering => (a < b ? -1 : a > b ? 1 : 0);

function versionsOf(scheme: VersionScheme, n: number): fc.Arbitrary<{ raw: string; ctx: VersionContext }[]> {
  const ctx = CONTEXTS[scheme] ?? fc.constant({});
  return fc.array(fc.record({ raw: GENERATORS[scheme], ctx }), { minLength: n, maxLength: n });
}

describe.each(VERSION_SCHEMES)('%s: ordering properties', (scheme) => {
  const cmp = (a: { raw: string; ctx: VersionContext }, b: { raw: string; ctx: VersionContext }) =>
    compareVersions(parseVersion(a.raw, scheme, a.ctx), parseVersion(b.raw, scheme, b.ctx), scheme);

  it('is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(versionsOf(scheme, 2), ([a, b]) => {
        const known = !parseVersion(a!.raw, scheme).unknown;
        expect(cmp(a!, a!)).toBe(known ? 0 : null);
        expect(cmp(a!, b!)).toBe(neg(cmp(b!, a!)));
      }),
      { numRuns: 400 },
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(versionsOf(scheme, 3), ([a, b, c]) => {
        const ab = cmp(a!, b!);
        const bc = cmp(b!, c!);
        if (ab === null || bc === null || ab !== bc) return;
        expect(cmp(a!, c!)).toBe(ab);
      }),
      { numRuns: 600 },
    );
    fc.assert(
      fc.property(versionsOf(scheme, 3), ([a, b, c]) => {
        if (cmp(a!, b!) === 0 && cmp(b!, c!) !== null) expect(cmp(a!, c!)).toBe(cmp(b!, c!));
      }),
      { numRuns: 600 },
    );
  });

  it('has keys that order exactly like compareVersions', () => {
    fc.assert(
      fc.property(versionsOf(scheme, 2), ([a, b]) => {
        const order = cmp(a!, b!);
        const ka = versionKey(a!.raw, scheme, a!.ctx);
        const kb = versionKey(b!.raw, scheme, b!.ctx);
        for (const k of [ka, kb]) if (k !== null) expect(k).toMatch(/^[\x20-\x7e]+$/);
        if (ka === null || kb === null) return;
        const familyA = ka.slice(0, ka.indexOf('|'));
        const familyB = kb.slice(0, kb.indexOf('|'));
        if (familyA !== familyB) expect(order).toBeNull();
        else expect(keyOrder(ka, kb)).toBe(order);
      }),
      { numRuns: 600 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), GENERATORS[scheme]), fc.string({ unit: 'binary' }), (raw, other) => {
        const v = parseVersion(raw, scheme, { cpuSignature: 'x' });
        expect(typeof v.unknown).toBe('boolean');
        compareVersions(raw, other, scheme);
        const k = versionKey(raw, scheme, { cpuSignature: 'x' });
        if (k !== null) expect(k).toMatch(/^[\x20-\x7e]+$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('keys in SQLite', () => {
  it('ORDER BY key and BETWEEN agree with compareVersions (BINARY collation)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE v (raw TEXT, k TEXT)');
    const insert = db.prepare('INSERT INTO v VALUES (?, ?)');
    const schemes: VersionScheme[] = ['triplet', 'plain', 'hex', 'bnxt', 'semver', 'intel-nvm'];
    fc.assert(
      fc.property(
        pick(...schemes).chain((s) => fc.tuple(fc.constant(s), fc.array(GENERATORS[s], { maxLength: 30 }))),
        ([scheme, generated]) => {
          const raws = generated.filter((r) => versionKey(r, scheme) !== null);
          db.exec('DELETE FROM v');
          for (const r of raws) insert.run(r, versionKey(r, scheme));
          const family = (r: string) => parseVersion(r, scheme).family;
          const rows = db.prepare('SELECT raw FROM v ORDER BY k').all() as { raw: string }[];
          for (let i = 0; i < rows.length; i++) {
            for (let j = i + 1; j < rows.length; j++) {
              const [x, y] = [rows[i]!.raw, rows[j]!.raw];
              if (family(x) === family(y)) expect(compareVersions(x, y, scheme)).not.toBe(1);
            }
          }
          const [lo, hi] = [raws[0], raws[1]];
          if (lo === undefined || hi === undefined || family(lo) !== family(hi) || compareVersions(lo, hi, scheme) === 1) return;
          const between = db
            .prepare('SELECT raw FROM v WHERE k BETWEEN ? AND ?')
            .all(versionKey(lo, scheme), versionKey(hi, scheme)) as { raw: string }[];
          const expected = raws.filter(
            (r) => family(r) === family(lo) && compareVersions(lo, r, scheme) !== 1 && compareVersions(r, hi, scheme) !== 1,
          );
          expect(between.map((r) => r.raw).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 60 },
    );
    db.close();
  });
});
