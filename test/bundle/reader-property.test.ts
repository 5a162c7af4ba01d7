import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBundle, type ReadResult } from '../../bundle/reader.js';
import { verifyBundle, type VerifyReport } from '../../bundle/verify.js';
import { writeBundle } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Every case must settle within this bound: a hang is a failure. Cases take milliseconds; the bound is
 * wide because a loaded CI machine (a QEMU guest under TCG beside the suite) must not pass for a hang.
 */
const CASE_MS = 30_000;
/** A failing case is reported as found: shrinking a hang would retry it until the test's own timeout hides it. */
const REPORT_AS_FOUND = { endOnFailure: true } as const;
/** Room for the runs on a loaded machine; a case that hangs fails after CASE_MS with its counterexample. */
const PROPERTY_TEST_MS = 300_000;
/** FWSNAP_PROPERTY_RUNS=2000 for a deeper search than the suite can afford. */
const RUNS = Number(process.env.FWSNAP_PROPERTY_RUNS ?? 120);

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${CASE_MS} ms`)), CASE_MS)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Outcome {
  read: ReadResult;
  entries: Map<string, Buffer>;
  verify: VerifyReport;
}

/** Reads a file both ways; readBundle and verifyBundle must resolve (never reject, never hang). */
async function readBoth(path: string): Promise<Outcome> {
  const entries = new Map<string, Buffer>();
  const read = await within(readBundle(path, (e) => void entries.set(e.name, e.data)), 'readBundle');
  const verify = await within(verifyBundle(path), 'verifyBundle');
  return { read, entries, verify };
}

/** verifyBundle reports exactly what readBundle found. */
function expectAgreement({ read, verify }: Outcome): void {
  expect(verify.ok).toBe(read.problems.length === 0);
  expect(verify.problems).toEqual(read.problems);
  expect(verify.verified).toBe(read.verified.size);
  for (const p of read.problems) expect(p.message, JSON.stringify(p)).not.toBe('');
}

// Dots alone (`.`, `..`, `...`) are no component of a safe name (docs/faults.md).
const artifactName = fc
  .array(fc.stringMatching(/^[a-z0-9_.-]{1,8}$/).filter((s) => !/^\.+$/.test(s)), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'))
  .filter((n) => n !== 'manifest.json');

const artifacts = fc.uniqueArray(fc.record({ name: artifactName, data: fc.uint8Array({ maxLength: 300 }) }), {
  minLength: 1,
  maxLength: 5,
  selector: (a) => a.name,
  // A name that is also a directory of another name is not a valid tree, and not what the writer is given.
}).filter((as) => as.every((a) => as.every((b) => !b.name.startsWith(`${a.name}/`))));

describe('readBundle on hostile bytes (fast-check)', () => {
  it('arbitrary bytes: resolves with problems, and verify agrees', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const path = join(dir, `a${n++}`);
        writeFileSync(path, bytes);
        const o = await readBoth(path);
        expect(o.read.problems.length).toBeGreaterThan(0);
        expect(o.read.manifest).toBeUndefined();
        expectAgreement(o);
      }),
      { numRuns: RUNS, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  it('valid gzip of arbitrary bytes: resolves with problems, and verify agrees', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        const path = join(dir, `g${n++}`);
        writeFileSync(path, gzipSync(bytes));
        const o = await readBoth(path);
        expect(o.read.problems.length).toBeGreaterThan(0);
        expectAgreement(o);
      }),
      { numRuns: RUNS, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  it('a valid bundle reads back exactly', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(artifacts, async (as) => {
        const path = join(dir, `v${n++}.tar.gz`);
        await writeBundle(path, as.map((a) => ({ name: a.name, data: Buffer.from(a.data) })));
        const o = await readBoth(path);
        expect(o.read.problems).toEqual([]);
        expect([...o.read.verified].sort()).toEqual(as.map((a) => a.name).sort());
        for (const a of as) expect(o.entries.get(a.name)).toEqual(Buffer.from(a.data));
        expectAgreement(o);
      }),
      { numRuns: 40, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  /**
   * Damage never goes unnoticed: with a manifest, whatever readBundle calls verified holds exactly the
   * bytes written under that name, and a bundle reported without problems held every artifact unchanged.
   * Without a manifest, an entry's own sha256 covers its bytes but not its name (a damaged PAX path
   * record can rename it): its bytes are still some artifact's bytes, never altered ones.
   */
  function expectNoSilentDamage(o: Outcome, as: { name: string; data: Uint8Array }[]): void {
    const original = new Map(as.map((a) => [a.name, Buffer.from(a.data)]));
    for (const name of o.read.verified) {
      const got = o.entries.get(name);
      expect(got, `${name} was verified but never handed to onEntry`).toBeDefined();
      if (o.read.manifest) expect(got, name).toEqual(original.get(name));
      else expect([...original.values()].some((d) => d.equals(got!)), name).toBe(true);
    }
    if (o.read.problems.length === 0) expect([...o.read.verified].sort()).toEqual([...original.keys()].sort());
    expectAgreement(o);
  }

  const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 4 });
  const flip = (buf: Buffer, fs: { at: number; bit: number }[]): Buffer => {
    const out = Buffer.from(buf);
    for (const f of fs) out[f.at % out.length]! ^= 1 << f.bit;
    return out;
  };

  it('bit flips in the compressed file: resolves, never passes damaged bytes as verified, verify agrees', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(artifacts, flips, async (as, fs) => {
        const path = join(dir, `f${n++}.tar.gz`);
        await writeBundle(path, as.map((a) => ({ name: a.name, data: Buffer.from(a.data) })));
        const original = readFileSync(path);
        const damaged = flip(original, fs);
        writeFileSync(path, damaged);
        const o = await readBoth(path);
        expectNoSilentDamage(o, as);
      }),
      { numRuns: RUNS, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  it('bit flips in the tar stream, re-compressed (gzip CRC cannot help): never passes damaged artifact bytes as verified', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(artifacts, flips, async (as, fs) => {
        const path = join(dir, `t${n++}.tar.gz`);
        await writeBundle(path, as.map((a) => ({ name: a.name, data: Buffer.from(a.data) })));
        writeFileSync(path, gzipSync(flip(gunzipSync(readFileSync(path)), fs)));
        const o = await readBoth(path);
        expectNoSilentDamage(o, as);
      }),
      { numRuns: RUNS, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  it('truncation anywhere: resolves with problems, keeps only intact entries, verify agrees', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(artifacts, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (as, cut) => {
        const path = join(dir, `c${n++}.tar.gz`);
        await writeBundle(path, as.map((a) => ({ name: a.name, data: Buffer.from(a.data) })));
        const original = readFileSync(path);
        writeFileSync(path, original.subarray(0, Math.floor(cut * original.length)));
        const o = await readBoth(path);
        expect(o.read.problems.length).toBeGreaterThan(0);
        expectNoSilentDamage(o, as);
      }),
      { numRuns: RUNS, ...REPORT_AS_FOUND },
    );
  }, PROPERTY_TEST_MS);

  it('a manifest read from a compressed stream that fails its own check proves nothing (found by the bit-flip property)', async () => {
    // Two flips in one deflate literal that later back-references copy: the name changed alike in the tar
    // header and in the manifest, and only the gzip CRC noticed.
    const as = [
      { name: '-ca--', data: new Uint8Array([]) },
      { name: '_j-l../-6m_-8/-9x', data: new Uint8Array([251, 176, 254, 92, 67, 5]) },
      { name: '2.h8dc_/9gpu_2/6__4', data: new Uint8Array([19, 96, 93, 196, 98, 68]) },
    ];
    const path = join(tempDir(), 'found.tar.gz');
    await writeBundle(path, as.map((a) => ({ name: a.name, data: Buffer.from(a.data) })));
    writeFileSync(path, flip(readFileSync(path), [{ at: 34838064, bit: 4 }, { at: 439998010, bit: 4 }]));
    const o = await readBoth(path);
    expectNoSilentDamage(o, as);
    expect(o.read.manifest).toBeUndefined();
  });

  it('a bundle whose gzip CRC alone is wrong keeps no manifest: its entries count only by their own checksums, the cause named', async () => {
    // Large enough that zlib hands out the tar stream before it reaches the trailer and its CRC.
    const big = (c: string): Buffer => Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${c}${i}\n`).join(''));
    const path = join(tempDir(), 'crc.tar.gz');
    await writeBundle(path, [{ name: 'a', data: big('a') }, { name: 'b', data: big('b') }]);
    const gz = readFileSync(path);
    gz[gz.length - 8]! ^= 0x01;
    writeFileSync(path, gz);
    const o = await readBoth(path);
    expect(o.read.manifest).toBeUndefined();
    expect(o.read.problems.map((p) => p.kind).sort()).toEqual(['corrupt', 'manifest-missing']);
    expect(o.read.problems.find((p) => p.kind === 'corrupt')!.message).toMatch(/^compressed stream is corrupt .*incorrect data check/);
    expect([...o.read.verified]).toContain('a');
    for (const name of o.read.verified) expect(o.entries.get(name)).toEqual(big(name));
    expectAgreement(o);
  });

  it('an entry whose own sha256 record is damaged is reported and not verified, though its bytes match the manifest', async () => {
    const path = join(tempDir(), 'pax.tar.gz');
    await writeBundle(path, [{ name: 'a', data: 'AAAA' }, { name: 'b', data: 'BBBB' }]);
    const tar = gunzipSync(readFileSync(path));
    const at = tar.indexOf('fwsnap.sha256=') + 'fwsnap.sha256='.length;
    tar[at] = tar[at] === 0x30 ? 0x31 : 0x30;
    writeFileSync(path, gzipSync(tar));
    const o = await readBoth(path);
    expect(o.read.problems).toEqual([{ kind: 'hash-mismatch', entry: 'a', message: 'entry a does not match its own sha256: corrupt' }]);
    expect([...o.read.verified]).toEqual(['b']);
    expect([...o.entries.keys()]).toEqual(['b']);
    expectAgreement(o);
  });
});
