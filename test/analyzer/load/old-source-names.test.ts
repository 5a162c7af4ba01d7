import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../bundle/format.js';
import { openDatabase, type Db } from '../../../analyzer/db/database.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import { openBundle } from '../../collector/bundle-entries.js';
import { writeBundle } from '../../helpers/bundle.js';
import { EARLIER_SOURCES } from './earlier-source-parts.js';
import { fakehostBundle } from './fakehost-bundle.js';

/** The source that stored an artifact before sources were named after classes (docs/bundle-format.md). */
function oldSource(source: string, name: string): string {
  return EARLIER_SOURCES.find((e) => e.class === source)?.of(name) ?? source;
}

const TABLES = {
  devices: 'SELECT device_key, class, pci_address, parent_key, driver, model, serial FROM devices WHERE bundle_id = ? ORDER BY device_key',
  firmware: 'SELECT device_key, component, version, state, scheme FROM firmware WHERE bundle_id = ? ORDER BY device_key, component, state, version',
  settings: 'SELECT device_key, namespace, key, value, mode FROM settings WHERE bundle_id = ? ORDER BY device_key, namespace, key, mode, value',
};

describe('a bundle made before the sources were renamed', () => {
  let made: { path: string; cleanup: () => void };
  let old: string;
  beforeAll(async () => {
    made = await fakehostBundle();
    const b = await openBundle(made.path);
    old = join(made.path, '..', 'old-names.tar.gz');
    const sources: Manifest['sources'] = [];
    for (const s of b.manifest.sources) {
      for (const name of new Set(b.manifest.artifacts.filter((a) => a.source === s.name).map((a) => oldSource(s.name, a.name)))) {
        if (!sources.some((x) => x.name === name)) sources.push({ ...s, name });
      }
    }
    await writeBundle(
      old,
      b.manifest.artifacts.map((a) => ({ name: a.name, data: b.entries.get(a.name)!, origin: a.origin, source: oldSource(a.source, a.name) })),
      { host: b.manifest.host, sources, issues: b.manifest.issues.map((i) => ({ ...i, source: oldSource(i.source, i.target) })) },
    );
  }, 120_000);
  afterAll(() => made.cleanup());

  it('names the old sources', async () => {
    const names = (await openBundle(old)).manifest.sources.map((s) => s.name);
    // Every earlier name the shared fake host has artifacts of (it runs no smartctl).
    const stored = new Set((await openBundle(made.path)).manifest.artifacts.map((a) => oldSource(a.source, a.name)));
    const earlier = EARLIER_SOURCES.flatMap((e) => e.names).filter((n) => stored.has(n));
    expect(new Set(earlier).size).toBeGreaterThanOrEqual(6);
    expect(names).toEqual(expect.arrayContaining(earlier));
    for (const e of EARLIER_SOURCES) if (!e.names.includes(e.class)) expect(names, e.class).not.toContain(e.class);
  });

  it('loads into the same devices, firmware and settings as the bundle made now', async () => {
    const rows = async (path: string): Promise<Record<string, unknown[]>> => {
      const db: Db = openDatabase(':memory:');
      const { bundleId } = await loadBundle(db, path);
      return Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, db.prepare(sql).all(bundleId)]));
    };
    const now = await rows(made.path);
    expect(now.firmware!.length).toBeGreaterThan(10);
    expect(await rows(old)).toEqual(now);
  });
});
