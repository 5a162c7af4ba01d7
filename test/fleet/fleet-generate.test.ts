import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../bundle/reader.js';
import type { Manifest } from '../../bundle/format.js';
import { generateFleet, planHost } from '../../bench/fleet/generate.js';
import { rehostBundle } from '../../bench/fleet/rehost.js';
import { ensureBuilt, fwsnap } from '../cli/cli-helpers.js';

/** A bundle as a comparable value: every entry's sha256 and the manifest but for when and how long. */
async function contents(path: string): Promise<{ entries: Record<string, string>; manifest: unknown }> {
  const entries: Record<string, string> = {};
  const r = await readBundle(path, (e) => void (entries[e.name] = e.sha256));
  expect(r.problems).toEqual([]);
  const m = r.manifest as Manifest;
  return {
    entries,
    manifest: { ...m, host: { ...m.host, time: undefined }, sources: m.sources.map((s) => ({ ...s, durationMs: undefined })) },
  };
}

describe('the fleet generator (bench/fleet)', () => {
  const N = 24;
  let dir: string;
  let copied: Awaited<ReturnType<typeof generateFleet>>;
  let collected: Awaited<ReturnType<typeof generateFleet>>;
  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'fwsnap-fleet-gen-'));
    copied = await generateFleet({ n: N, seed: 1, dir: join(dir, 'copied') });
    collected = await generateFleet({ n: N, seed: 1, dir: join(dir, 'collected'), renderAll: true });
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('collects each distinct host once and copies the hosts that differ from one only by name', () => {
    expect(collected.rendered).toBe(N);
    const distinct = new Set(copied.plans.map((p) => JSON.stringify({ ...p, hostname: '' }))).size;
    expect(copied.rendered).toBe(distinct);
    expect(copied.rendered).toBeLessThan(N);
    expect(copied.plans).toEqual(collected.plans);
  });

  it('a copied host is the bundle collecting its own tree gives: same entries, same manifest (time and durations aside)', async () => {
    for (let i = 0; i < N; i++) {
      const [a, b] = await Promise.all([contents(copied.bundles[i]!), contents(collected.bundles[i]!)]);
      expect(a, planHost(1, i).hostname).toEqual(b);
    }
  }, 240_000);

  it('copied bundles pass fwsnap verify and name their own host', async () => {
    const firstOfPlan = new Set<string>();
    const copy = copied.plans.findIndex((p) => {
      const k = JSON.stringify({ ...p, hostname: '' });
      if (firstOfPlan.has(k)) return true;
      firstOfPlan.add(k);
      return false;
    });
    const r = fwsnap(['verify', copied.bundles[copy]!]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect((await readBundle(copied.bundles[copy]!, () => undefined)).manifest?.host.hostname).toBe(copied.plans[copy]!.hostname);
  });

  it('refuses names of another length, and a base that is not the named host', async () => {
    const base = copied.bundles[0]!;
    await expect(rehostBundle(base, 'node-00001', 'node-1', join(dir, 'x.tar.gz'))).rejects.toThrow(/different lengths/);
    await expect(rehostBundle(base, 'node-00002', 'node-00003', join(dir, 'y.tar.gz'))).rejects.toThrow(/bundle of node-00001/);
  });
});
