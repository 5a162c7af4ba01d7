import { describe, expect, it } from 'vitest';
import { assertNoFalseAlarm, assertTruth, realSamples, replaySample, type RealSample, type Replayed } from '../helpers/real-corpus.js';
import { tempDir } from '../helpers/tmp.js';

const CORPUS = new URL('./fixtures/real', import.meta.url).pathname;
const samples = realSamples(CORPUS);

/** An `nvme id-ns` sample's truth: the namespace's block device, its controller and its nvme.id-ns rows (null: stored as null). */
interface NamespaceTruth {
  device: string;
  parent: string;
  settings: Record<string, string | number | boolean | null>;
  /** Keys that must have no row (the output did not say). */
  absent?: string[];
}

const stored = (v: string | number | boolean | null): string | null => (v === null ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

function assertNamespace(s: RealSample, { db, bundleId }: Replayed): void {
  const t = (s.provenance.truth as { namespace?: NamespaceTruth }).namespace;
  if (!t) return;
  const dev = db.prepare('SELECT class, parent_key FROM devices WHERE bundle_id = ? AND device_key = ?').get(bundleId, t.device) as { class: string; parent_key: string | null } | undefined;
  expect(dev, `namespace device ${t.device}`).toEqual({ class: 'block', parent_key: t.parent });
  const rows = db.prepare(`SELECT key, value FROM settings WHERE bundle_id = ? AND device_key = ? AND namespace = 'nvme.id-ns'`).all(bundleId, t.device) as { key: string; value: string | null }[];
  const got = new Map(rows.map((r) => [r.key, r.value]));
  for (const [k, v] of Object.entries(t.settings)) expect(got.has(k) ? got.get(k) : 'no row', `nvme.id-ns ${k}`).toBe(stored(v));
  for (const k of t.absent ?? []) expect(got.has(k), `nvme.id-ns ${k} has no row`).toBe(false);
}

describe('real nvme-cli and smartctl outputs of NVMe drives, replayed as a user would', () => {
  it('has the corpus (id-ctrl text, -H, verbose and JSON; fw-log; id-ns; smartctl text and JSON)', () => {
    expect(samples.length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(samples.map((s) => `${s.provenance.tool}/${s.provenance.format}`));
    expect([...kinds].sort()).toEqual(['nvme/json', 'nvme/text', 'smartctl/json', 'smartctl/text']);
    expect(samples.filter((s) => s.provenance.saved_as.includes('id-ns')).length).toBeGreaterThanOrEqual(6);
  });

  it.each(samples.map((s) => [s.name, s] as const))('%s: saved under its name, collected, loaded, its truth in the rows', async (_, s) => {
    const r = await replaySample(s, tempDir(), ['nvme', 'ata']);
    assertTruth(s, r);
    assertNamespace(s, r);
    assertNoFalseAlarm(s, r);
  });
});
