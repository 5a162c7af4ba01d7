/**
 * `fwsnap import` fed the standing adversarial corpus (issue 12 items 4 and 8): every hostile bundle goes in
 * as it is (a clumsy user importing a bundle, or a stranger's archive made to look like anything) and wrapped
 * as a sosreport, its tar and gzip tricks behind a report's top directory and markers (the archive is the
 * marker's gzip member followed by the case's own bytes: gzip members concatenate, RFC 1952). Each run must
 * exit 0 or 2 (docs/import.md), say something, print no stack trace and no raw control character, stay under
 * 300 MB and its case's time bound, and write nothing but its output; a bundle it writes verifies.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../bundle/verify.js';
import { type AdversarialCase } from '../fixtures/hostile/categories.js';
import { adversarialCorpus } from '../fixtures/hostile/corpus-cache.js';
import { tarOf, type RawEntry } from '../fixtures/hostile/tar-raw.js';
import { sosMarkers } from '../import/report-builder.js';
import { MB, MEMORY_BOUND, runCli, STACK_TRACE } from '../helpers/run-cli.js';
import { limiter } from '../helpers/limit.js';

const dir = mkdtempSync(join(tmpdir(), 'fwsnap-import-hostile-'));
/** The wrapped reports; the cases themselves are read from the shared corpus (test/fixtures/hostile/corpus-cache.ts). */
const reports = join(dir, 'reports');
let corpus = '';
let cases: AdversarialCase[] = [];

const TOP = 'sosreport-stranger-2026-12-01-abcdef';
/** A report's opening: its top directory, sos's markers and one file import maps, without the end-of-archive blocks. */
const REPORT_HEAD = gzipSync(
  tarOf([
    { name: `${TOP}/`, type: '5' },
    ...Object.entries(sosMarkers('4.12')).map(([p, d]): RawEntry => ({ name: `${TOP}/${p}`, data: Buffer.from(d) })),
    { name: `${TOP}/sos_commands/networking/ethtool_-i_eth0`, data: Buffer.from('driver: virtio_net\nversion: 1.0.0\nfirmware-version: \nbus-info: 0000:00:03.0\n') },
  ], false).subarray(0, -1024),
);

const PARALLEL = Math.min(3, Math.max(2, availableParallelism()));
const limited = limiter(PARALLEL);

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u0080-\u009f]/;

/** Every promise one import run breaks; empty when it keeps them all. */
async function importBroken(c: AdversarialCase, input: string, how: string): Promise<string[]> {
  const work = join(dir, 'work', `${c.category}-${c.id}-${how}`);
  mkdirSync(join(work, 'tmp'), { recursive: true });
  mkdirSync(join(work, 'home'));
  const r = await limited(() =>
    runCli(['import', input, '-o', 'out.tar.gz'], { cwd: work, env: { ...process.env, TMPDIR: join(work, 'tmp'), HOME: join(work, 'home'), FWSNAP_DEBUG: '' }, timeoutMs: c.timeMs * 3 }),
  );
  const said = `${r.stdout}\n${r.stderr}`;
  const where = `${c.file} import (${how}): exit ${r.status}${r.signal ? ` (${r.signal})` : ''}, ${Math.round(r.peakRss / MB)} MB, ${r.ms} ms`;
  const out: string[] = [];
  if (r.status !== 0 && r.status !== 2) out.push(`${where}: expected exit 0 or 2\n${r.stderr.slice(0, 400)}`);
  if (r.status === 2 && !/^fwsnap import: .+/m.test(r.stderr)) out.push(`${where}: says nothing plain\n${r.stderr.slice(0, 400)}`);
  if (STACK_TRACE.test(said) || /internal error/.test(said)) out.push(`${where}: crashed\n${r.stderr.slice(0, 600)}`);
  if (RAW_CONTROL.test(said)) out.push(`${where}: printed a raw control character`);
  if (r.peakRss > MEMORY_BOUND) out.push(`${where}: over 300 MB`);
  if (r.ms > c.timeMs * 2) out.push(`${where}: over ${c.timeMs * 2} ms`);
  const left = readdirSync(work).filter((f) => !/^(?:out\.tar\.gz|tmp|home)$/.test(f));
  if (left.length) out.push(`${where}: wrote ${left.join(', ')} beside its output`);
  for (const d of ['tmp', 'home']) if (readdirSync(join(work, d)).length) out.push(`${where}: left ${readdirSync(join(work, d)).join(', ')} in ${d}`);
  const written = readdirSync(work).includes('out.tar.gz');
  if (r.status === 0 && !written) out.push(`${where}: status 0 without a bundle`);
  if (r.status !== 0 && written) out.push(`${where}: a bundle left at the output though it failed`);
  if (written) {
    const v = await verifyBundle(join(work, 'out.tar.gz'));
    if (!v.ok) out.push(`${where}: its bundle does not verify: ${v.problems.map((p) => p.message).join('; ').slice(0, 300)}`);
  }
  rmSync(work, { recursive: true, force: true });
  return out;
}

beforeAll(async () => {
  mkdirSync(reports);
  ({ dir: corpus, cases } = await adversarialCorpus());
  for (const c of cases) writeFileSync(join(reports, c.file), Buffer.concat([REPORT_HEAD, readFileSync(join(corpus, c.file))]));
}, 1_200_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import of the adversarial corpus', () => {
  it('the wrapped report is taken for a sosreport (the wrapping works: the case bytes are read as part of a report)', async () => {
    const c = cases.find((x) => x.category === 'tar' && x.id === 'traversal')!;
    const work = join(dir, 'probe');
    mkdirSync(work);
    const r = await runCli(['import', join(reports, c.file), '-o', 'out.tar.gz'], { cwd: work, timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/sosreport/i);
    const v = await verifyBundle(join(work, 'out.tar.gz'));
    expect(v.ok).toBe(true);
    expect(JSON.stringify(v)).not.toMatch(/evil/);
  }, 240_000);

  it('every case, as it is and as a sosreport: exit 0 or 2, a plain message, no stack trace, bounded, nothing beside its output', async () => {
    const only = process.env.FWSNAP_ADVERSARIAL_ONLY ? new RegExp(process.env.FWSNAP_ADVERSARIAL_ONLY) : undefined;
    const chosen = cases.filter((c) => !only || only.test(c.file));
    const results = await Promise.all(
      chosen.flatMap((c) => [importBroken(c, join(corpus, c.file), 'as it is'), importBroken(c, join(reports, c.file), 'as a sosreport')]),
    );
    expect(results.flat()).toEqual([]);
  }, 1_800_000);
});
