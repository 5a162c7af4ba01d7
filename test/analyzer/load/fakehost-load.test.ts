import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../analyzer/db/database.js';
import { openDatabase } from '../../../analyzer/db/database.js';
import { loadBundle } from '../../../analyzer/load/load-bundle.js';
import type { LoadedHost, Row } from '../../helpers/fake-host/shared-host-checks.js';
import { SHARED_HOST_CHECKS } from '../../helpers/fake-host/shared-host-check-list.js';
import { fakehostBundle } from './fakehost-bundle.js';

describe('every class\'s loaders on the collected fake host (each class\'s expectations: test/<class>/shared-host-checks.ts)', () => {
  let db: Db;
  let cleanup: () => void;
  const host: LoadedHost = {
    get db() {
      return db;
    },
    device: (key) => db.prepare('SELECT * FROM devices WHERE device_key = ?').get(key) as Row | undefined,
    firmware: (key) => db.prepare('SELECT component, version, state FROM firmware WHERE device_key = ? ORDER BY rowid').all(key) as Row[],
    setting: (key, ns, k, mode = 'current') =>
      (db.prepare('SELECT value FROM settings WHERE device_key = ? AND namespace = ? AND key = ? AND mode = ?').get(key, ns, k, mode) as { value: unknown } | undefined)?.value,
  };

  beforeAll(async () => {
    const b = await fakehostBundle();
    cleanup = b.cleanup;
    db = openDatabase(':memory:');
    await loadBundle(db, b.path);
  });
  afterAll(() => cleanup?.());

  it('records no parse problem', () => {
    expect(db.prepare(`SELECT target, code, message FROM collection_issues WHERE stage = 'analyze'`).all()).toEqual([]);
    expect(db.prepare('SELECT name, parse_error FROM artifacts WHERE parse_error IS NOT NULL').all()).toEqual([]);
  });

  it('some classes check what they loaded', () => {
    expect(SHARED_HOST_CHECKS.filter((c) => c.loaded).length).toBeGreaterThanOrEqual(2);
  });

  for (const c of SHARED_HOST_CHECKS) c.loaded?.(() => host);
});
