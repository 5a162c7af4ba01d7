/**
 * Properties of hostile entry names, beside the NFC/NFD one of name-spellings.test.ts: names that differ only in case
 * (in any script, in any order) are both read and verify notes each pair; a name spelt from traversal pieces (dots,
 * fullwidth and compatibility dots and slashes, backslashes, drive letters, trailing dots and spaces) that a POSIX or
 * a Windows extraction would place outside the extract root is refused as unsafe-name and never handed on. The
 * extraction models here are this file's own, not the reader's rule: the reader may refuse more, never less.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../bundle/format.js';
import { readBundle } from '../../bundle/reader.js';
import { verifyBundle } from '../../bundle/verify.js';
import { GOOD, manifestFor } from '../fixtures/hostile/build.js';
import { tarOf } from '../fixtures/hostile/tar-raw.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-name-properties-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const RUNS = Number(process.env.FWSNAP_PROPERTY_RUNS ?? 40);

let n = 0;
/** GOOD and `extra`, all listed in the manifest. */
function bundleOf(extra: { name: string; data: Buffer }[]): string {
  const f = join(dir, `b${n++}.tar.gz`);
  const all = [...GOOD, ...extra];
  writeFileSync(f, gzipSync(tarOf([...all, { name: MANIFEST_NAME, data: Buffer.from(JSON.stringify(manifestFor(all))) }]), { level: 1 }));
  return f;
}

/** Letters whose capital is one letter too (ß, ŉ and the like grow when capitalised, a different question). */
const CASED = ['a', 'k', 's', 'z', '\u00e9', '\u00f1', '\u00f8', '\u03c9', '\u03be', '\u0434', '\u0451'];

describe('names that differ only in case', () => {
  it('the property: two spellings of one name in different case are both read, and verify names the pair', async () => {
    const spelling = fc.array(fc.tuple(fc.constantFrom(...CASED), fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(spelling, fc.constantFrom('sys/', 'cmd/smartctl/-', 'sys/class/dmi/id/'), async (letters, prefix) => {
        const a = prefix + letters.map(([c, up]) => (up ? c.toUpperCase() : c)).join('');
        const b = prefix + letters.map(([c, , up]) => (up ? c.toUpperCase() : c)).join('');
        fc.pre(a !== b);
        const r = await verifyBundle(bundleOf([{ name: a, data: Buffer.from('1\n') }, { name: b, data: Buffer.from('2\n') }]));
        expect(r.problems).toEqual([]);
        expect(r.verified).toBe(GOOD.length + 2);
        const note = r.notes.find((x) => x.includes(JSON.stringify(a)) && x.includes(JSON.stringify(b)));
        expect(note, `${a} / ${b}: ${JSON.stringify(r.notes)}`).toMatch(/differ only in case/);
      }),
      { numRuns: RUNS },
    );
  });

  it('three spellings: each name after the first is named with another', async () => {
    const r = await verifyBundle(bundleOf(['sys/aB', 'sys/Ab', 'sys/ab'].map((name) => ({ name, data: Buffer.from(`${name}\n`) }))));
    expect(r.verified).toBe(GOOD.length + 3);
    expect(r.notes).toHaveLength(2);
    for (const name of ['sys/aB', 'sys/Ab', 'sys/ab']) expect(r.notes.join('\n')).toContain(JSON.stringify(name));
  });
});

/** Pieces of a path: plain words, and every spelling of `.`, `..`, a separator or a drive some extractor honours. */
const PIECES = [
  'x', 'sys', 'dmi', 'caf\u00e9', '.', '..', '...', '. .', '.. ', '..\u00a0', '.\u3000.', '\uff0e\uff0e', '\u2025', '\u2024\u2024', '\ufe52\ufe52', '\u2026',
  'C:', 'c:', '\uff23\uff1a', 'C\uff1a', 'C:x', '',
];
const SEPARATORS = ['/', '\\', '\uff0f', '\uff3c'];

const ROOT_POSIX = '/extract/root';
const ROOT_WIN = 'C:\\extract\\root';

/** Whether a POSIX or a Windows extraction of the name (as spelt, or folded by NFKC) lands outside the extract root, or on it. */
function escapesRoot(name: string): boolean {
  for (const spelt of new Set([name, name.normalize('NFKC')])) {
    if (!posix.resolve(ROOT_POSIX, spelt).startsWith(`${ROOT_POSIX}/`)) return true;
    // Windows: both slashes separate, a drive letter is a root, and a component loses its trailing dots and spaces.
    if (/^[A-Za-z]:/.test(spelt)) return true;
    const parts = spelt.split(/[\\/]/).map((p) => (/^[. ]+$/.test(p) ? (p.replace(/ /g, '').length > 1 ? '..' : '.') : p.replace(/[. ]+$/, '')));
    if (!win32.resolve(ROOT_WIN, parts.join('\\')).startsWith(`${ROOT_WIN}\\`)) return true;
  }
  return false;
}

describe('names spelt from traversal pieces', () => {
  it('the model itself: what it calls an escape', () => {
    for (const name of ['../x', 'a/../../x', 'a\\..\\..\\x', '/x', 'C:x', 'a/.. /../x', '\uff0e\uff0e/x', 'a\uff0f..\uff0f..\uff0fx', 'a/\u2025/\u2025/x', '\uff23\uff1a\\x']) {
      expect(escapesRoot(name), name).toBe(true);
    }
    for (const name of ['x', 'sys/x', 'a/../x', 'caf\u00e9/x']) expect(escapesRoot(name), name).toBe(false);
  });

  it('the property: a name a POSIX or Windows extraction puts outside the root is refused as unsafe-name, never handed on', async () => {
    const name = fc
      .tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 5 }), fc.constantFrom('x', 'evil', ''))
      .map(([lead, parts, last]) => `${lead ? '/' : ''}${parts.map(([p, s]) => p + s).join('')}${last}`)
      .filter((s) => s.replace(/[\\/]/g, '') !== '');
    await fc.assert(
      fc.asyncProperty(name, async (hostile) => {
        const handed: string[] = [];
        const r = await readBundle(bundleOf([{ name: hostile, data: Buffer.from('owned\n') }]), (e) => void handed.push(e.name));
        const kinds = r.problems.map((p) => p.kind);
        for (const g of GOOD) expect(r.verified.has(g.name), `${JSON.stringify(hostile)}: ${JSON.stringify(r.problems)}`).toBe(true);
        for (const h of handed) expect(escapesRoot(h), `${JSON.stringify(h)} was handed on`).toBe(false);
        if (escapesRoot(hostile)) {
          expect(kinds, `${JSON.stringify(hostile)}: ${JSON.stringify(r.problems)}`).toContain('unsafe-name');
          expect(r.verified.has(hostile)).toBe(false);
          expect(handed).not.toContain(hostile);
        }
      }),
      // The drive spellings first: a colon and a letter in any width are the rarest draws.
      { numRuns: RUNS * 10, examples: [['\uff23\uff1a/x'], ['C\uff1a/evil'], ['c:/x']] },
    );
  });

  it('through the CLI: verify, analyze and redact in a sandbox say what they refused, with no stack trace, and write nothing outside their directory', async () => {
    const name = fc
      .tuple(fc.array(fc.constantFrom('..', '\uff0e\uff0e', '\u2025', '.. ', 'C\uff1a', 'sys'), { minLength: 1, maxLength: 3 }), fc.constantFrom('/', '\\', '\uff0f'))
      .map(([parts, sep]) => `${parts.join(sep)}${sep}evil`);
    await fc.assert(
      fc.asyncProperty(name, async (hostile) => {
        const sandbox = mkdtempSync(join(dir, 'sandbox-'));
        const work = join(sandbox, 'root');
        mkdirSync(join(work, 'tmp'), { recursive: true });
        const bundle = bundleOf([{ name: hostile, data: Buffer.from('owned\n') }]);
        const env = { ...process.env, TMPDIR: join(work, 'tmp'), FWSNAP_DEBUG: '' };
        for (const args of [['verify', bundle], ['analyze', bundle, '--db', 'out.db'], ['redact', bundle, 'out.tar.gz']]) {
          const r = await runCli(args, { cwd: work, env, timeoutMs: 600_000 });
          const said = `${r.stdout}${r.stderr}`;
          expect(said, `${args[0]} ${JSON.stringify(hostile)}`).not.toMatch(STACK_TRACE);
          expect(said).not.toMatch(/internal error/);
          expect([0, 1, 2, 3], `${args[0]} ${JSON.stringify(hostile)}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
          if (escapesRoot(hostile) && args[0] !== 'redact') expect(said, `${args[0]} ${JSON.stringify(hostile)}`).toMatch(/unsafe/);
        }
        expect(readdirSync(sandbox)).toEqual(['root']);
        expect(readdirSync(join(work, 'tmp'))).toEqual([]);
        const redacted = join(work, 'out.tar.gz');
        if (readdirSync(work).includes('out.tar.gz')) {
          const handed: string[] = [];
          await readBundle(redacted, (e) => void handed.push(e.name));
          for (const h of handed) expect(escapesRoot(h), `${JSON.stringify(h)} written by redact`).toBe(false);
        }
      }),
      { numRuns: Number(process.env.FWSNAP_PROPERTY_RUNS ?? 6) },
    );
  }, 900_000);
});
