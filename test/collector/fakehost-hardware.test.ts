import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactRecord } from '../../bundle/format.js';
import { collect } from '../../collector/collect.js';
import { FORBIDDEN } from '../../collector/fake-host/tree.js';
import { openBundle, type OpenedBundle } from './bundle-entries.js';
import { fakehostRoot } from '../helpers/fake-host/fakehost.js';
import type { CollectedHost } from '../helpers/fake-host/shared-host-checks.js';
import { SHARED_HOST_CHECKS } from '../helpers/fake-host/shared-host-check-list.js';
import { SOURCE_NAMES } from '../../collector/classes/index.js';

const FAKE = await fakehostRoot();

/** Files of the tree (links not followed) whose content is FORBIDDEN: a source must never open them. */
function forbiddenFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return forbiddenFiles(p);
    return e.isFile() && readFileSync(p, 'utf8') === FORBIDDEN ? [p] : [];
  });
}

describe('every source on the fake host, in-process (each class\'s expectations: test/<class>/shared-host-checks.ts)', () => {
  let b: OpenedBundle;
  let byName: Map<string, ArtifactRecord>;
  const out = mkdtempSync(join(tmpdir(), 'fwsnap-hw-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const host = (): CollectedHost => ({ bundle: b, byName, root: FAKE });

  beforeAll(async () => {
    const r = await collect({ output: join(out, 'fake.tar.gz'), root: FAKE, isolation: 'inline' });
    b = await openBundle(r.path);
    byName = new Map(b.manifest.artifacts.map((a) => [a.name, a]));
  }, 120_000);

  it('runs every source to completion without issues, each class\'s source as its class expects', () => {
    expect(b.manifest.sources.map((s) => s.name)).toEqual([...SOURCE_NAMES]);
    expect(b.manifest.issues).toEqual([]);
    for (const s of b.manifest.sources) expect(s.status === 'ok' || (s.status === 'skipped' && !!s.reason), `${s.name}: ${s.status} ${s.reason ?? ''}`).toBe(true);
    const expected = SHARED_HOST_CHECKS.filter((c) => c.source);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    for (const c of expected) expect(b.manifest.sources.find((s) => s.name === c.name), c.name).toMatchObject(c.source!);
  });

  for (const c of SHARED_HOST_CHECKS) c.collected?.(host);

  it('never stores a write-only, BAR-mapping or consuming file', () => {
    const forbidden = /\/(resource\d*(_wc)?|rom|reset|reset_method|remove|rescan|bind|unbind|ahci_port_cmd|ahci_host_version|em_message|scan|delete|unload_heads|stat)$|^proc\/kmsg$/;
    const names = [...b.entries.keys()];
    expect(names.filter((n) => forbidden.test(n))).toEqual([]);
    for (const [name, data] of b.entries) expect(data.includes('FORBIDDEN'), name).toBe(false);
    // The tree really holds such files, so the test would notice a source opening them.
    expect(forbiddenFiles(FAKE).length).toBeGreaterThan(10);
  });
});
