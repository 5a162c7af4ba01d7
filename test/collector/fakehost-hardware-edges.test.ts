import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import type { SourceRecord } from '../../bundle/format.js';
import { openBundle } from './bundle-entries.js';
import { fakehostCopy, fakehostRoot } from '../helpers/fake-host/fakehost.js';
import { SHARED_HOST_CHECKS } from '../helpers/fake-host/shared-host-check-list.js';

const FAKE = await fakehostRoot();
const scratch = mkdtempSync(join(tmpdir(), 'fwsnap-hw-edges-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const outcome = (sources: readonly SourceRecord[]): [string, string, unknown][] => sources.map((s) => [s.name, s.status, s.devices]);

/** The whole fake host collected in-process, once for the tests below that compare with it. */
let inline: Promise<Awaited<ReturnType<typeof openBundle>>> | undefined;
const inlineBundle = (): Promise<Awaited<ReturnType<typeof openBundle>>> =>
  (inline ??= collect({ output: join(scratch, 'inline.tar.gz'), root: FAKE, isolation: 'inline' }).then((r) => openBundle(r.path)));

describe('every source on altered trees (each class\'s expectations: test/<class>/shared-host-checks.ts)', () => {
  it('runs in worker processes with the same result as inline: the same sources, statuses, devices and bytes', async () => {
    const r = await collect({ output: join(scratch, 'proc.tar.gz'), root: FAKE, isolation: 'process', timeoutSeconds: 120 });
    const b = await openBundle(r.path);
    const a = await inlineBundle();
    expect(outcome(b.manifest.sources)).toEqual(outcome(a.manifest.sources));
    expect(b.manifest.sources.filter((s) => s.status === 'ok').length).toBeGreaterThanOrEqual(5);
    expect(b.manifest.issues).toEqual([]);
    const names = (x: typeof a): string[] => [...x.entries.keys()].filter((k) => k !== 'manifest.json').sort();
    expect(names(b)).toEqual(names(a));
    expect(names(a).length).toBeGreaterThan(500);
    for (const name of names(a)) expect(b.entries.get(name)!.equals(a.entries.get(name)!), name).toBe(true);
  }, 300_000);

  it('skips each source with its reason on a host holding nothing but its kernel release', async () => {
    const root = join(scratch, 'bare');
    mkdirSync(join(root, 'proc/sys/kernel'), { recursive: true });
    writeFileSync(join(root, 'proc/sys/kernel/osrelease'), '6.1.0\n');
    const r = await collect({ output: join(scratch, 'bare.tar.gz'), root, isolation: 'inline' });
    const byName = Object.fromEntries(r.manifest.sources.map((s) => [s.name, s]));
    for (const s of r.manifest.sources) {
      expect(s.status === 'ok' || (s.status === 'skipped' && !!s.reason), `${s.name}: ${s.status} ${s.reason ?? ''}`).toBe(true);
    }
    const declared = SHARED_HOST_CHECKS.filter((c) => c.bare);
    expect(declared.length).toBeGreaterThanOrEqual(2);
    for (const c of declared) expect(byName[c.name], c.name).toMatchObject(c.bare!);
    expect(r.manifest.artifacts.map((a) => a.name)).toEqual(['proc/sys/kernel/osrelease']);
  }, 180_000);

  it('collects the rest of a host that lost whole directories, each class\'s source as its class expects', async () => {
    const losing = SHARED_HOST_CHECKS.filter((c) => c.lost);
    expect(losing.length).toBeGreaterThanOrEqual(2);
    const root = await fakehostCopy();
    for (const c of losing) for (const d of c.lost!.dirs) rmSync(join(root, d), { recursive: true });
    const r = await collect({ output: join(scratch, 'partial.tar.gz'), root, isolation: 'inline' });
    const byName = Object.fromEntries(r.manifest.sources.map((s) => [s.name, s]));
    for (const c of losing) expect(byName[c.name], c.name).toMatchObject(c.lost!.source);
    // The other classes' sources collect what they did on the whole host.
    const whole = await inlineBundle();
    const others = (sources: readonly SourceRecord[]): [string, string, unknown][] => outcome(sources.filter((s) => !losing.some((c) => c.name === s.name)));
    expect(others(r.manifest.sources)).toEqual(others(whole.manifest.sources));
    expect(r.manifest.issues).toEqual([]);
  }, 300_000);
});
