/**
 * Hostile bundles that other tar readers take differently from fwsnap's reader: names that are one name to a
 * filesystem (NFC and NFD spellings, case), traversal spelt with backslashes, drive letters, fullwidth or
 * compatibility dots and slashes; a manifest that is no well-formed text (a lone surrogate escape, bytes that
 * are not UTF-8); entries after the end-of-archive blocks, in a second gzip member or as junk after the gzip
 * stream; a manifest whose size or hash disagrees with an entry only after a long prefix. Each is named by a
 * problem kind (docs/faults.md), with the exit statuses documented there, and never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../bundle/format.js';
import { readBundle } from '../../bundle/reader.js';
import { verifyBundle } from '../../bundle/verify.js';
import { GOOD, manifestFor } from '../fixtures/hostile/build.js';
import { tarOf, type RawEntry } from '../fixtures/hostile/tar-raw.js';
import { runCli, STACK_TRACE } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-name-spellings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const gz = (b: Buffer): Buffer => gzipSync(b, { level: 1 });
const manifestEntry = (m: unknown): RawEntry => ({ name: MANIFEST_NAME, data: Buffer.from(typeof m === 'string' ? m : JSON.stringify(m)) });
const file = (bytes: Buffer): string => {
  const f = join(dir, `b${n++}.tar.gz`);
  writeFileSync(f, bytes);
  return f;
};
/** GOOD and `extra`, all listed in the manifest. */
const bundleOf = (extra: { name: string; data: Buffer }[]): string => file(gz(tarOf([...GOOD, ...extra, manifestEntry(manifestFor([...GOOD, ...extra]))])));
const kinds = (r: { problems: { kind: string }[] }): string[] => r.problems.map((p) => p.kind);

async function cliStatuses(path: string): Promise<{ verify: number | null; analyze: number | null; out: string }> {
  const v = await runCli(['verify', path]);
  const a = await runCli(['analyze', path, '--format', 'text']);
  const out = `${v.stdout}${v.stderr}${a.stdout}${a.stderr}`;
  expect(out).not.toMatch(STACK_TRACE);
  expect(out).not.toMatch(/internal error/);
  return { verify: v.status, analyze: a.status, out };
}

describe('names that are one name to a filesystem', () => {
  it('an NFD spelling of an earlier NFC name is refused as a name clash, naming both; the first is read', async () => {
    const nfc = { name: 'sys/class/dmi/id/caf\u00e9', data: Buffer.from('first\n') };
    const nfd = { name: 'sys/class/dmi/id/cafe\u0301', data: Buffer.from('second\n') };
    const seen: string[] = [];
    const r = await readBundle(bundleOf([nfc, nfd]), (e) => void seen.push(e.name));
    const clash = r.problems.filter((p) => p.kind === 'name-clash');
    expect(clash, JSON.stringify(r.problems)).toHaveLength(1);
    expect(clash[0]!.message).toContain(JSON.stringify(nfc.name));
    expect(clash[0]!.message).toContain(JSON.stringify(nfd.name));
    expect(clash[0]!.message).toMatch(/Unicode normali[sz]ation/);
    expect(r.verified.has(nfc.name)).toBe(true);
    expect(r.verified.has(nfd.name)).toBe(false);
    expect(seen).not.toContain(nfd.name);
  });

  it('names that differ only in case are both read (smartctl -a and -A are two outputs), and verify says a case-insensitive extract keeps one', async () => {
    const a = { name: 'cmd/smartctl/-a_%2fdev%2fsda.out', data: Buffer.from('a\n') };
    const A = { name: 'cmd/smartctl/-A_%2fdev%2fsda.out', data: Buffer.from('A\n') };
    const path = bundleOf([a, A]);
    const r = await verifyBundle(path);
    expect(r.problems).toEqual([]);
    expect(r.verified).toBe(GOOD.length + 2);
    expect(r.notes.join('\n')).toMatch(/differ only in case/);
    const cli = await cliStatuses(path);
    expect(cli.verify).toBe(0);
    expect(cli.out).toContain('-A_%2fdev%2fsda.out');
  });

  it('the property: of any two names that NFC makes one, exactly one is verified and one name-clash is reported', async () => {
    const composed = fc.constantFrom('\u00e9', '\u00c5', '\u1e9b\u0323', '\u00f1', '\u01fa', '\u1ea5');
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z]{1,8}$/), composed, fc.boolean(), async (stem, ch, nfdFirst) => {
        const c = `sys/${stem}${ch.normalize('NFC')}`;
        const d = `sys/${stem}${ch.normalize('NFD')}`;
        fc.pre(c !== d);
        const [first, second] = nfdFirst ? [d, c] : [c, d];
        const r = await readBundle(bundleOf([{ name: first, data: Buffer.from('1') }, { name: second, data: Buffer.from('2') }]), () => undefined);
        expect(kinds(r).filter((k) => k === 'name-clash')).toHaveLength(1);
        expect(r.verified.has(first)).toBe(true);
        expect(r.verified.has(second)).toBe(false);
      }),
      { numRuns: Number(process.env.FWSNAP_PROPERTY_RUNS ?? 30) },
    );
  });
});

describe('traversal in any spelling', () => {
  const spellings = [
    'cmd\\..\\..\\x', '..\\..\\x', 'sys\\x', 'C:\\Windows\\x', 'C:/Windows/x', 'c:x', '//server/share/x', '/x', './x', 'sys/../../x', 'sys/./x',
    'sys/\uff0e\uff0e/x', 'sys/\u2025/x', 'sys/x\uff0fy', 'sys/x\uff3cy', 'sys/.../x', 'sys/. ./x', 'sys/.. /x', '\u2024\u2024/x',
  ];
  it.each(spellings)('%j is refused as an unsafe name, file or directory, and the good entries verify', async (name) => {
    const files = await readBundle(file(gz(tarOf([...GOOD, { name, data: Buffer.from('owned\n') }, manifestEntry(manifestFor(GOOD))]))), () => undefined);
    expect(kinds(files), JSON.stringify(files.problems)).toContain('unsafe-name');
    expect([...files.verified].sort()).toEqual(GOOD.map((g) => g.name).sort());
    const dirs = await readBundle(file(gz(tarOf([...GOOD, { name: `${name}/`, type: '5' }, manifestEntry(manifestFor(GOOD))]))), () => undefined);
    expect(kinds(dirs), JSON.stringify(dirs.problems)).toContain('unsafe-name');
  });

  it('a backslash traversal through the CLI: verify 1, analyze 3, one line naming it', async () => {
    const cli = await cliStatuses(file(gz(tarOf([...GOOD, { name: 'cmd\\..\\..\\x', data: Buffer.from('owned\n') }, manifestEntry(manifestFor(GOOD))]))));
    expect([cli.verify, cli.analyze]).toEqual([1, 3]);
    expect(cli.out).toContain('unsafe-name');
  });
});

describe('a manifest that is not well-formed text', () => {
  const base = JSON.stringify(manifestFor(GOOD));
  const cases: [string, Buffer][] = [
    ['a lone high surrogate escape in the hostname', Buffer.from(base.replace('"stranger"', '"str\\ud800anger"'))],
    ['a lone low surrogate escape in an artifact name', Buffer.from(base.replace(`"${GOOD[1]!.name}"`, `"${GOOD[1]!.name}\\udc00"`))],
    ['a surrogate pair reversed in a value', Buffer.from(base.replace('"stranger"', '"\\udc00\\ud800"'))],
    ['bytes that are not UTF-8 in an artifact name', Buffer.concat([Buffer.from(base.split(`"${GOOD[1]!.name}"`)[0]! + '"proc/'), Buffer.from([0xc3, 0x28]), Buffer.from('"' + base.split(`"${GOOD[1]!.name}"`)[1]!)])],
    ['bytes that are not UTF-8 in the hostname', Buffer.concat([Buffer.from(base.split('"stranger"')[0]! + '"str'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"' + base.split('"stranger"')[1]!)])],
  ];
  it.each(cases)('%s: manifest-invalid, saying where', async (_what, bytes) => {
    const r = await verifyBundle(file(gz(tarOf([...GOOD, { name: MANIFEST_NAME, data: bytes }]))));
    const bad = r.problems.filter((p) => p.kind === 'manifest-invalid');
    expect(bad, JSON.stringify(r.problems)).toHaveLength(1);
    expect(bad[0]!.message).toMatch(/not valid UTF-8 at byte \d+|lone surrogate/);
  });

  it('a well-formed surrogate pair (an emoji) is text', async () => {
    const r = await verifyBundle(file(gz(tarOf([...GOOD, manifestEntry(base.replace('"stranger"', '"str\\ud83d\\ude00"'))]))));
    expect(r.problems).toEqual([]);
  });

  it('through the CLI: verify 1, analyze 2, no stack trace', async () => {
    const cli = await cliStatuses(file(gz(tarOf([...GOOD, { name: MANIFEST_NAME, data: cases[0]![1] }]))));
    expect([cli.verify, cli.analyze]).toEqual([1, 2]);
    expect(cli.out).toMatch(/lone surrogate/);
  });
});

describe('what lies beyond the end of the archive', () => {
  const whole = tarOf([...GOOD, manifestEntry(manifestFor(GOOD))]);
  const hidden = tarOf([{ name: 'sys/hidden', data: Buffer.from('after the end\n') }]);

  it('an entry after the end-of-archive blocks is not read, and is named (after-end)', async () => {
    const seen: string[] = [];
    const r = await readBundle(file(gz(Buffer.concat([whole, hidden]))), (e) => void seen.push(e.name));
    expect(kinds(r)).toEqual(['after-end']);
    expect(r.problems[0]!.message).toMatch(/sys\/hidden.*after the end-of-archive blocks/);
    expect(seen).not.toContain('sys/hidden');
    expect([...r.verified].sort()).toEqual(GOOD.map((g) => g.name).sort());
  });

  it('a second gzip member holding another archive: the same', async () => {
    const r = await readBundle(file(Buffer.concat([gz(whole), gz(hidden)])), () => undefined);
    expect(kinds(r)).toEqual(['after-end']);
  });

  it('zero blocks after the end (tar pads to its record size) are no problem', async () => {
    const r = await readBundle(file(gz(Buffer.concat([whole, Buffer.alloc(9 * 1024)]))), () => undefined);
    expect(r.problems).toEqual([]);
  });

  it('junk after the gzip stream is named as such; the entries zlib delivered before it are read', async () => {
    // zlib withholds the output of the write that fails (up to one output buffer of the archive's end).
    const filler = { name: 'sys/filler', data: randomBytes(1024 * 1024) };
    const tarred = tarOf([...GOOD, filler, manifestEntry(manifestFor([...GOOD, filler]))]);
    const r = await readBundle(file(Buffer.concat([gz(tarred), Buffer.from('junk that is no gzip member\n')])), () => undefined);
    expect(kinds(r)).toContain('corrupt');
    expect(r.problems.find((p) => p.kind === 'corrupt')!.message).toMatch(/after the end of the gzip stream \(incorrect header check\): junk follows/);
    expect([...r.verified]).toEqual(expect.arrayContaining(GOOD.map((g) => g.name)));
  });

  it('through the CLI: verify 1, analyze 3', async () => {
    const cli = await cliStatuses(file(gz(Buffer.concat([whole, hidden]))));
    expect([cli.verify, cli.analyze]).toEqual([1, 3]);
    expect(cli.out).toContain('sys/hidden');
  });
});

describe('a manifest that disagrees with an entry only after a long prefix', () => {
  const big = Buffer.alloc(20 * 1024 * 1024, 'line of a kernel log\n');
  const other = Buffer.from(big);
  other[other.length - 2] = 0x21;

  it('a hash that differs only in the last bytes of a 20 MiB entry: hash-mismatch, not verified, not handed on as verified', async () => {
    const entry = { name: 'sys/kernel/big', data: big };
    const listed = manifestFor([...GOOD, { name: entry.name, data: other }]);
    const r = await readBundle(file(gz(tarOf([...GOOD, entry, manifestEntry(listed)]))), () => undefined);
    expect(kinds(r)).toEqual(['hash-mismatch']);
    expect(r.verified.has(entry.name)).toBe(false);
  });

  it('a size one byte short of the entry: size-mismatch', async () => {
    const entry = { name: 'sys/kernel/big', data: big };
    const listed = manifestFor([...GOOD, { name: entry.name, data: big.subarray(0, -1) }]);
    const r = await readBundle(file(gz(tarOf([...GOOD, entry, manifestEntry(listed)]))), () => undefined);
    expect(kinds(r)).toEqual(['size-mismatch']);
    expect(r.verified.has(entry.name)).toBe(false);
  });
});
