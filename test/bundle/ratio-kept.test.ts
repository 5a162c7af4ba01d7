import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATIO_CAP } from '../../bundle/format.js';
import { DEFAULT_LIMITS, readBundle, type ReadLimits } from '../../bundle/reader.js';
import { BundleWriter, type RatioCap } from '../../bundle/writer.js';
import { testManifest } from '../helpers/bundle.js';
import { tempDir } from '../helpers/tmp.js';

const MIB = 1024 * 1024;

/** Writes `count` artifacts, the i-th holding fill(i) (a dump of zeros, a log of one line repeated). */
async function writeRepeated(path: string, fill: (i: number) => Buffer, count: number, cap?: RatioCap): Promise<number> {
  const w = new BundleWriter(path, cap ? { readableUnder: cap } : {});
  let inflated = 0;
  for (let i = 0; i < count; i++) {
    const data = fill(i);
    inflated += data.length;
    await w.add({ name: `sys/dump/${i}`, source: 'test', origin: { kind: 'file', path: `/sys/dump/${i}` }, truncated: false }, data);
  }
  await w.finish(testManifest());
  return inflated;
}

async function readAll(path: string, limits: ReadLimits): Promise<{ kinds: string[]; verified: number; bytes: number }> {
  let bytes = 0;
  const r = await readBundle(path, (e) => void (bytes += e.data.length), limits);
  return { kinds: r.problems.map((p) => p.kind), verified: r.verified.size, bytes };
}

describe('a bundle of outputs that compress beyond the readers’ cap is still read whole', () => {
  it('keeps the ratio under a small cap (stored blocks), every entry verified, at a bounded cost in size', async () => {
    const cap = { maxRatio: 20, ratioGraceBytes: MIB };
    const out = join(tempDir(), 'zeros.tar.gz');
    const inflated = await writeRepeated(out, () => Buffer.alloc(MIB), 12, cap);
    const r = await readAll(out, { ...DEFAULT_LIMITS, ...cap });
    expect(r.kinds).toEqual([]);
    expect(r.verified).toBe(12);
    expect(r.bytes).toBe(inflated);
    // One gzip member whose trailer (CRC-32, length) gzip itself checks, and a tar that tar lists.
    execFileSync('gzip', ['-t', out]);
    expect(execFileSync('tar', ['-tzf', out], { encoding: 'utf8' }).split('\n')).toContain('sys/dump/11');
    // Stored only as needed: the bundle keeps a quarter of the cap's ratio at least (about half of it, measured).
    expect(statSync(out).size).toBeLessThan(inflated / (cap.maxRatio / 4));
  });

  it('writes the same bytes for the same artifacts (the checks fall at fixed input offsets, not at timings)', async () => {
    const cap = { maxRatio: 20, ratioGraceBytes: MIB };
    const dir = tempDir();
    const fill = (i: number): Buffer => (i % 3 ? Buffer.alloc(300_000 + i * 1000, i) : Buffer.from('x'.repeat(70_000)));
    await writeRepeated(join(dir, 'a.tar.gz'), fill, 30, cap);
    await writeRepeated(join(dir, 'b.tar.gz'), fill, 30, cap);
    expect(readFileSync(join(dir, 'a.tar.gz')).equals(readFileSync(join(dir, 'b.tar.gz')))).toBe(true);
  });

  it('goes back to compressing once the ratio is safe again: varied outputs after the zeros are compressed', async () => {
    const cap = { maxRatio: 20, ratioGraceBytes: MIB };
    const out = join(tempDir(), 'mixed.tar.gz');
    const text = (i: number): Buffer => Buffer.from(Array.from({ length: 20_000 }, (_, k) => `line ${i}:${k} value=${(k * 7919) % 10007}\n`).join(''));
    const inflated = await writeRepeated(out, (i) => (i < 8 ? Buffer.alloc(MIB) : text(i)), 40, cap);
    const r = await readAll(out, { ...DEFAULT_LIMITS, ...cap });
    expect(r.kinds).toEqual([]);
    expect(r.verified).toBe(40);
    // Stored throughout, the text alone would make the bundle about as large as it is inflated.
    expect(statSync(out).size).toBeLessThan(inflated / 4);
  });

  it('at the real cap: 160 MiB of zeros (a register dump of an erased part, say) is read back, not refused as a bomb', async () => {
    const out = join(tempDir(), 'erased.tar.gz');
    const inflated = await writeRepeated(out, () => Buffer.alloc(16 * MIB), 10);
    const r = await readAll(out, DEFAULT_LIMITS);
    expect(r.kinds).toEqual([]);
    expect(r.verified).toBe(10);
    expect(r.bytes).toBe(inflated);
    expect(statSync(out).size).toBeLessThan(inflated / (RATIO_CAP.maxRatio / 4));
  }, 120_000);
});
