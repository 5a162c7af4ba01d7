import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../analyzer/db/database.js';
import { BundleUnusable, loadBundle } from '../../analyzer/load/load-bundle.js';
import { MANIFEST_NAME } from '../../bundle/format.js';
import { validateManifest } from '../../bundle/manifest-check.js';
import { readBundle } from '../../bundle/reader.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';
import { tempDir } from '../helpers/tmp.js';

/** FWSNAP_PROPERTY_RUNS=2000 for a deeper search than the suite can afford. */
const RUNS = Number(process.env.FWSNAP_PROPERTY_RUNS ?? 150);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const DATA = [Buffer.from('0x8086\n'), Buffer.from('firmware 1.2.3\n')];
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A manifest using every field of format version 1, for the two entries in DATA. */
function baseManifest(): { [k: string]: Json } {
  return {
    format: 'fwsnap-bundle',
    formatVersion: 1,
    tool: { name: 'fwsnap', version: '0.1.0' },
    host: { hostname: 'shape', kernelRelease: '6.1.0', machine: 'x86_64', time: '2026-01-01T00:00:00.000Z', uid: 0, root: true, collectedFrom: 'tree' },
    options: { only: ['pci'], skip: ['nvme'], timeoutSeconds: 10, includeEeprom: false, replayTree: true, redacted: { policy: 'fwsnap-redact/1' } },
    sources: [{ name: 'pci', status: 'partial', reason: '1 read(s) failed; see issues', durationMs: 12.5, devices: { pci: 1 }, artifacts: 2 }],
    artifacts: [
      { name: 'sys/bus/pci/devices/0000:00:00.0/vendor', source: 'pci', origin: { kind: 'file', path: '/sys/bus/pci/devices/0000:00:00.0/vendor' }, size: DATA[0]!.length, sha256: sha(DATA[0]!), truncated: false, replayedFrom: '/tree/sys/x' },
      { name: 'cmd/ethtool/-i_eth0.out', source: 'pci', origin: { kind: 'cmd', argv: ['ethtool', '-i', 'eth0'], stream: 'stdout' }, size: DATA[1]!.length, sha256: sha(DATA[1]!), truncated: false, exitStatus: 0 },
    ],
    issues: [{ source: 'pci', target: '/sys/bus/pci/devices/0000:00:00.0/config', code: 'EACCES', message: 'permission denied' }],
    dropped: [{ name: 'ioctl/x/y/z.bin', reason: 'unknown binary layout' }],
  };
}

/** Optional fields of format version 1: deleting one leaves a valid manifest. */
const OPTIONAL = new Set(['only', 'skip', 'redacted', 'reason', 'exitStatus', 'replayedFrom', 'dropped']);

function paths(v: Json, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function get(root: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k]!, root);
}

/** An independent statement of the manifest's TypeScript types: what the code after the reader relies on. */
function conforms(m: unknown): boolean {
  const o = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const s = (v: unknown): boolean => typeof v === 'string';
  const n = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
  const b = (v: unknown): boolean => typeof v === 'boolean';
  const opt = (v: unknown, f: (x: unknown) => boolean): boolean => v === undefined || f(v);
  const arr = (v: unknown, f: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(f);
  if (!o(m) || !o(m.tool) || !o(m.host) || !o(m.options)) return false;
  const { tool, host, options } = m;
  const origin = (x: unknown): boolean =>
    o(x) &&
    (((x.kind === 'file' || x.kind === 'link' || x.kind === 'dir') && s(x.path)) ||
      (x.kind === 'cmd' && arr(x.argv, s) && (x.argv as unknown[]).length > 0 && (x.stream === 'stdout' || x.stream === 'stderr')) ||
      (x.kind === 'ioctl' && s(x.class) && s(x.device) && s(x.request) && n(x.requestNumber) && s(x.what)) ||
      (x.kind === 'status' && s(x.of)));
  return (
    s(tool.name) && s(tool.version) &&
    s(host.hostname) && s(host.kernelRelease) && s(host.machine) && s(host.time) && n(host.uid) && b(host.root) && (host.collectedFrom === 'host' || host.collectedFrom === 'tree') &&
    opt(options.only, (x) => arr(x, s)) && opt(options.skip, (x) => arr(x, s)) && n(options.timeoutSeconds) && b(options.includeEeprom) && b(options.replayTree) &&
    opt(options.redacted, (x) => x === false || (o(x) && s(x.policy))) &&
    arr(m.sources, (x) => o(x) && s(x.name) && ['ok', 'partial', 'failed', 'timed_out', 'skipped'].includes(x.status as string) && opt(x.reason, s) && n(x.durationMs) && o(x.devices) && Object.values(x.devices).every(n) && n(x.artifacts)) &&
    arr(m.artifacts, (x) => o(x) && s(x.name) && (x.name as string).length > 0 && s(x.source) && origin(x.origin) && n(x.size) && s(x.sha256) && b(x.truncated) && opt(x.exitStatus, n) && opt(x.replayedFrom, s)) &&
    arr(m.issues, (x) => o(x) && s(x.source) && s(x.target) && s(x.code) && s(x.message)) &&
    opt(m.dropped, (x) => arr(x, (d) => o(d) && s(d.name) && s(d.reason)))
  );
}

const nested = fc.nat(40).map((d) => {
  let v: Json = 'deep';
  for (let i = 0; i < d; i++) v = i % 2 ? [v] : { k: v };
  return v;
});
const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => v as Json),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([] as Json[]),
  fc.constant({} as Json),
  nested,
);
/** Sizes of strings beyond every cap (made only when applied, so that a counterexample prints short). */
const hugeSize = fc.constantFrom(20_000, 300_000);

type Mutation =
  | { op: 'replace'; path: Path; value: Json }
  | { op: 'delete'; path: Path }
  | { op: 'extra'; path: Path; key: string; value: Json }
  | { op: 'huge'; path: Path; size: number };

const base = baseManifest();
const all = paths(base);
const objects = [[] as Path, ...all.filter((p) => { const v = get(base, p); return v !== null && typeof v === 'object' && !Array.isArray(v); })];
const strings = all.filter((p) => typeof get(base, p) === 'string');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), path: fc.constantFrom(...all), value: junk }),
  fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...all.filter((p) => typeof p[p.length - 1] === 'string')) }),
  fc.record({ op: fc.constant('extra' as const), path: fc.constantFrom(...objects), key: fc.string({ minLength: 1, maxLength: 12 }), value: junk }),
  fc.record({ op: fc.constant('huge' as const), path: fc.constantFrom(...strings), size: hugeSize }),
);

function apply(m: Mutation): { manifest: Json; mustFail: boolean } {
  const manifest = structuredClone(base) as Json;
  const parent = (m.path.length ? get(manifest, m.path.slice(0, -1)) : null) as Record<string | number, Json>;
  const last = m.path[m.path.length - 1]!;
  if (m.op === 'replace') parent[last] = m.value;
  if (m.op === 'huge') parent[last] = 'x'.repeat(m.size);
  if (m.op === 'delete') delete parent[last];
  if (m.op === 'extra') {
    const target = get(manifest, m.path) as Record<string, Json>;
    if (Object.prototype.hasOwnProperty.call(target, m.key)) return { manifest, mustFail: false };
    // defineProperty: a key such as __proto__ must become a real field of the JSON, not the prototype.
    Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  }
  const inDevices = m.path[m.path.length - 1] === 'devices';
  const mustFail =
    m.op === 'huge' ||
    (m.op === 'delete' && !OPTIONAL.has(String(last)) && m.path[m.path.length - 2] !== 'devices') ||
    (m.op === 'extra' && !(inDevices && typeof m.value === 'number' && Number.isInteger(m.value) && m.value >= 0));
  return { manifest, mustFail };
}

async function bundleBytes(manifestText: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const pack = tar.pack();
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const names = (base.artifacts as { name: string }[]).map((a) => a.name);
  names.forEach((name, i) => pack.entry({ name }, DATA[i]!));
  pack.entry({ name: MANIFEST_NAME }, manifestText);
  pack.finalize();
  await new Promise<void>((resolve) => pack.on('end', () => resolve()));
  return gzipSync(Buffer.concat(chunks));
}

describe('manifests of every wrong shape: refused as manifest-invalid, never a throw', () => {
  it('the base manifest, which uses every field, is valid', () => {
    const r = validateManifest(Buffer.from(JSON.stringify(base)));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(conforms(base)).toBe(true);
  });

  it('validation: what the schema accepts has the manifest types; what is certainly wrong is refused, briefly', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const { manifest, mustFail } = apply(m);
        const r = validateManifest(Buffer.from(JSON.stringify(manifest)));
        if (r.ok) {
          expect(mustFail, JSON.stringify(m).slice(0, 300)).toBe(false);
          expect(conforms(r.manifest)).toBe(true);
        } else {
          expect(['manifest-invalid', 'format-version']).toContain(r.kind);
          expect(r.message.length).toBeLessThan(600);
        }
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('reading and loading: resolves; an invalid manifest makes the bundle unusable (analyze exit 2), a valid one is loaded', async () => {
    const dir = tempDir();
    let i = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const { manifest } = apply(m);
        const path = join(dir, `m${i++}.tar.gz`);
        const text = JSON.stringify(manifest);
        writeFileSync(path, await bundleBytes(text));
        const valid = validateManifest(Buffer.from(text)).ok;
        const read = await readBundle(path, () => undefined);
        const refused = read.problems.some((p) => p.kind === 'manifest-invalid' || p.kind === 'format-version');
        expect(refused, JSON.stringify(read.problems).slice(0, 500)).toBe(!valid);
        const db = openDatabase(':memory:');
        try {
          const loaded = await loadBundle(db, path).then(
            () => true,
            (e: unknown) => {
              if (!(e instanceof BundleUnusable)) throw e;
              return false;
            },
          );
          // A valid manifest that lists none of the entries leaves nothing verified: unusable too.
          expect(loaded).toBe(valid && read.verified.size > 0);
        } finally {
          db.close();
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('the CLI on wrong manifests: exit statuses as documented, one-line messages', () => {
  beforeAll(ensureBuilt);

  it('analyze 2, verify 1, query 2, redact 1 — and no stack trace', async () => {
    const dir = tempDir();
    const cases: Mutation[] = [
      { op: 'replace', path: ['host'], value: 'not an object' },
      { op: 'replace', path: ['artifacts', 0, 'size'], value: '12' },
      { op: 'delete', path: ['sources', 0, 'status'] },
      { op: 'extra', path: ['artifacts', 1, 'origin'], key: 'sneaky', value: { a: [1, { b: null }] } },
      { op: 'huge', path: ['host', 'hostname'], size: 8 * 1024 * 1024 },
      { op: 'replace', path: ['issues'], value: [[[[[[[[[['nested']]]]]]]]]] },
    ];
    for (const [i, m] of cases.entries()) {
      const path = join(dir, `c${i}.tar.gz`);
      writeFileSync(path, await bundleBytes(JSON.stringify(apply(m).manifest)));
      const commands: [string[], number][] = [
        [['analyze', path], 2],
        [['verify', path], 1],
      ];
      if (i % 3 === 0) commands.push([['query', path, 'SELECT 1'], 2], [['redact', path, join(dir, `r${i}.tar.gz`)], 1]);
      for (const [args, status] of commands) {
        const r = fwsnap(args);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(status);
        expect(r.stderr + r.stdout, `${args.join(' ')}: ${r.stderr}`).toMatch(/manifest\.json is malformed/);
        expect(r.stderr).not.toMatch(/^\s+at .+[:(]/m);
        expect(r.stderr.length + r.stdout.length).toBeLessThan(4000);
      }
    }
  }, 300_000);
});
