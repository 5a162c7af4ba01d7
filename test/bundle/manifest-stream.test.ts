/**
 * The streamed reading of manifest.json (bundle/manifest-stream.ts) against JSON.parse of the whole text:
 * however the text is laid out and however it is cut into chunks, a valid manifest gives the same head and
 * the same records, and a damaged one is refused by one side exactly when it is by the other.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../bundle/format.js';
import { validateManifest } from '../../bundle/manifest-check.js';
import { ManifestStream, ManifestStreamError } from '../../bundle/manifest-stream.js';
import { readBundle } from '../../bundle/reader.js';
import { GOOD, manifestFor } from '../fixtures/hostile/build.js';
import { tarOf } from '../fixtures/hostile/tar-raw.js';
import { tempDir } from '../helpers/tmp.js';

const LIMITS = { maxHeadBytes: 1 << 20, maxRecordBytes: 1 << 16, maxDepth: 32 };

/** Feeds `text` in the given chunk sizes; the head and the record texts, or the error. */
function stream(text: Buffer, cuts: number[]): { head: string; records: string[] } | { error: string } {
  const records: string[] = [];
  const s = new ManifestStream(LIMITS, (t) => void records.push(t));
  try {
    let at = 0;
    for (const n of cuts) {
      if (at >= text.length) break;
      s.write(text.subarray(at, at + n));
      at += n;
    }
    if (at < text.length) s.write(text.subarray(at));
    return { head: s.end().toString('utf8'), records };
  } catch (e) {
    if (!(e instanceof ManifestStreamError)) throw e;
    return { error: e.message };
  }
}

const base = manifestFor(GOOD) as unknown as Record<string, unknown>;
const many = { ...base, artifacts: Array.from({ length: 40 }, (_, i) => ({ ...(base.artifacts as object[])[i % 2]!, name: `sys/a/${i}`, origin: { kind: 'cmd', argv: ['x', `"{[\\]}",${i}`], stream: 'stdout' } })) };

/** JSON text of `v` with whitespace of the arbitrary's choosing between tokens. */
const layout = (v: unknown): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(undefined, 0, 1, 2, '\t', ' \r\n '), fc.array(fc.constantFrom(' ', '\n', '\t', '\r\n'), { minLength: 1, maxLength: 4 })).map(([indent, ws]) => {
    const text = JSON.stringify(v, null, indent);
    let i = 0;
    // Extra whitespace after structural characters outside strings.
    let out = '';
    let inString = false;
    for (let k = 0; k < text.length; k++) {
      const c = text[k]!;
      out += c;
      if (inString) {
        if (c === '\\') out += text[++k]!;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if ('{}[],:'.includes(c)) out += ws[i++ % ws.length]!;
    }
    return out;
  });

const cuts = fc.array(fc.integer({ min: 1, max: 97 }), { maxLength: 200 });

describe('manifest.json read streamed', () => {
  it('gives the head and every record of a valid manifest, however laid out and cut', () => {
    fc.assert(
      fc.property(layout(many), cuts, (text, cut) => {
        const r = stream(Buffer.from(text), cut);
        expect('error' in r ? r.error : '').toBe('');
        if ('error' in r) return;
        expect(JSON.parse(r.head)).toEqual({ ...many, artifacts: [] });
        expect(r.records.map((t) => JSON.parse(t) as unknown)).toEqual(many.artifacts);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses what JSON.parse refuses, and accepts what it accepts, for damaged texts read from bundles', async () => {
    const dir = tempDir();
    let n = 0;
    const damage = fc.tuple(layout(many), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '[', ']', '{', '}', ',', ':', '"', '\\', '1', ' ', 'artifacts', '"artifacts":[1]')), { minLength: 1, maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(damage, async ([text, edits]) => {
        let t = text;
        for (const [at, what] of edits) {
          const i = at % (t.length + 1);
          // Replace one character (or insert, when `what` is longer), keeping the rest.
          t = what.length > 1 ? t.slice(0, i) + what + t.slice(i) : t.slice(0, i) + what + t.slice(i + 1);
        }
        const whole = validateManifest(Buffer.from(t));
        const path = join(dir, `d${n++}.tar.gz`);
        writeFileSync(path, gzipSync(tarOf([...GOOD, { name: MANIFEST_NAME, data: Buffer.from(t) }])));
        const read = await readBundle(path, () => undefined);
        const refused = read.problems.some((p) => p.kind === 'manifest-invalid' || p.kind === 'format-version');
        expect(refused, `${t.slice(0, 300)}\n${JSON.stringify(read.problems).slice(0, 300)}`).toBe(!whole.ok);
        if (whole.ok) expect(read.manifest).toEqual(whole.manifest);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('refuses a list given twice, a trailing comma and a missing one, and nesting past the limit', () => {
    const head = JSON.stringify({ ...base, artifacts: [] }).slice(0, -1);
    const rec = JSON.stringify((base.artifacts as object[])[0]);
    for (const bad of [`${head.replace('"artifacts":[]', `"artifacts":[${rec}]`)},"artifacts":[${rec}]}`, `${head.replace('"artifacts":[]', `"artifacts":[${rec},]`)}}`, `${head.replace('"artifacts":[]', `"artifacts":[${rec} ${rec}]`)}}`, `${head.replace('"artifacts":[]', `"artifacts":[${'['.repeat(40)}${']'.repeat(40)}]`)}}`]) {
      const r = stream(Buffer.from(bad), [7]);
      expect('error' in r, bad.slice(-200)).toBe(true);
    }
    const tooBig = `${head.replace('"artifacts":[]', `"artifacts":[{"name":"${'x'.repeat(LIMITS.maxRecordBytes)}"}]`)}}`;
    expect(stream(Buffer.from(tooBig), [4096])).toEqual({ error: expect.stringMatching(/record 0 is larger than 65536 bytes/) });
  });
});
