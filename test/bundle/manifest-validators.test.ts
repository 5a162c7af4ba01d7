/**
 * The validators compiled at build time (scripts/manifest-validators.mjs → dist/bundle/manifest-schema.compiled.cjs)
 * answer exactly as the schema compiled at run time: the same verdict and the same first error for valid
 * manifests and for manifests and records of every wrong shape.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS, ARTIFACT_RECORD_SCHEMA, MANIFEST_SCHEMA } from '../../bundle/manifest-schema.js';
import { manifestFor, GOOD } from '../fixtures/hostile/build.js';

const built = createRequire(import.meta.url)(resolve('dist/bundle/manifest-schema.compiled.cjs')) as { manifest: ValidateFunction; record: ValidateFunction };
const ajv = new Ajv(AJV_OPTIONS);
const runtime = { manifest: ajv.compile(MANIFEST_SCHEMA), record: ajv.compile(ARTIFACT_RECORD_SCHEMA) };

const verdict = (v: ValidateFunction, x: unknown): unknown => (v(x) ? 'valid' : v.errors?.[0]);

describe('build-time manifest validators', () => {
  const base = manifestFor(GOOD) as unknown as Record<string, unknown>;
  const host = base.host as Record<string, unknown>;
  const record = (base.artifacts as Record<string, unknown>[])[0]!;
  const manifests: unknown[] = [
    base,
    { ...base, extra: 1 },
    { ...base, host: null },
    { ...base, host: { ...host, hostname: 12345 } },
    { ...base, host: { ...host, hostname: 'h'.repeat(100_000) } },
    { ...base, artifacts: 'x' },
    { ...base, artifacts: [{ ...record, size: -1 }] },
    { ...base, sources: [{ name: 'platform', status: 'ok', durationMs: 1, devices: 'many', artifacts: 2 }] },
    { ...base, issues: [1, 2, 3] },
    [],
    null,
  ];
  const records: unknown[] = [record, { ...record, size: '15' }, { ...record, name: { evil: 1 } }, { ...record, origin: ['file'] }, { ...record, sha256: 'A'.repeat(64) }, { ...record, more: true }, 7];

  it('give the run-time verdict and first error for every manifest and record', () => {
    expect(built.manifest(base)).toBe(true);
    for (const m of manifests) expect(verdict(built.manifest, m), JSON.stringify(m).slice(0, 120)).toEqual(verdict(runtime.manifest, m));
    for (const r of records) expect(verdict(built.record, r), JSON.stringify(r).slice(0, 120)).toEqual(verdict(runtime.record, r));
    // The wrong shapes are refused (the comparison is not between two validators that accept everything).
    expect(manifests.filter((m) => built.manifest(m)).length).toBe(1);
    expect(records.filter((r) => built.record(r)).length).toBe(1);
  });
});
