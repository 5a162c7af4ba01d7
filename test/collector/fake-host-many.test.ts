import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect } from '../../collector/collect.js';
import { CLASSES } from '../../collector/classes/index.js';
import { buildManyDevices, describeMany, manyKinds, parseManyClasses, type ManyKind } from '../../collector/fake-host/many.js';
import { openBundle } from './bundle-entries.js';

const scratch = mkdtempSync(join(tmpdir(), 'fwsnap-many-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;

const kinds = manyKinds();
const pciKind = kinds.find((k) => k.pciFunctions);

/** A kind's tree with `count` devices (and the PCI functions it sits on), collected with its class's source (and theirs). */
async function collectMany(kind: ManyKind, count: number, seed: number): Promise<{ devices: Record<string, Record<string, number>>; hashes: string[] }> {
  const dir = join(scratch, `t${n++}`);
  const wanted = kind.onPciFunctions ? [{ kind: pciKind!, count }, { kind, count }] : [{ kind, count }];
  buildManyDevices(join(dir, 'root'), wanted, { seed });
  const r = await collect({ output: join(dir, 'b.tar.gz'), root: join(dir, 'root'), only: wanted.map((w) => w.kind.class), isolation: 'inline' });
  const b = await openBundle(r.path);
  expect(b.manifest.issues).toEqual([]);
  const devices = Object.fromEntries(b.manifest.sources.filter((s) => s.status === 'ok').map((s) => [s.name, s.devices]));
  const hashes = [...b.entries].filter(([name]) => name !== 'manifest.json').map(([name, data]) => `${name} ${createHash('sha256').update(data).digest('hex')}`).sort();
  return { devices, hashes };
}

describe('the fake-host parts\' "many devices" hook (what the benches build their trees with)', () => {
  it('some registered parts can write many devices, PCI functions among them, each of a collector class', () => {
    expect(kinds.length).toBeGreaterThanOrEqual(2);
    expect(pciKind, 'a part writing many PCI functions (others sit on them)').toBeDefined();
    const classNames = CLASSES.map((c) => c.name);
    for (const k of kinds) {
      expect(classNames, k.noun).toContain(k.class);
      expect(k.counted.length, k.noun).toBeGreaterThan(0);
    }
    expect(new Set(kinds.map((k) => k.class)).size).toBe(kinds.length);
  });

  it.each(kinds.map((k) => [k.noun, k] as const))('%s: the collector counts each one written, once per counted class', async (_noun, kind) => {
    const count = 20;
    const { devices } = await collectMany(kind, count, 0);
    expect(devices[kind.class], `source ${kind.class}`).toEqual(Object.fromEntries(kind.counted.map((c) => [c, count])));
  }, 120_000);

  it.each(kinds.map((k) => [k.noun, k] as const))('%s: the same seed writes the same bytes', async (_noun, kind) => {
    const a = await collectMany(kind, 12, 1);
    const b = await collectMany(kind, 12, 1);
    expect(a.hashes.length).toBeGreaterThan(12);
    expect(b.hashes).toEqual(a.hashes);
  }, 120_000);

  it('refuses devices that sit on PCI functions when too few are written, naming both', () => {
    const onPci = kinds.find((k) => k.onPciFunctions);
    if (!onPci) return;
    expect(() => buildManyDevices(join(scratch, `t${n++}`), [{ kind: onPci, count: 3 }])).toThrow(new RegExp(`3 ${onPci.noun} \\(class ${onPci.class}\\) sit on PCI functions, and only 0 are written`));
  });

  it('reads --classes: names with the default count or their own, and says what is wrong with the rest', () => {
    const [a, b] = kinds;
    const parsed = parseManyClasses(`${a!.class},${b!.class}=7`, 300);
    expect(parsed.map((p) => [p.kind.class, p.count])).toEqual([[a!.class, 300], [b!.class, 7]]);
    expect(describeMany(parsed)).toBe(`300 ${a!.noun} + 7 ${b!.noun}`);
    expect(() => parseManyClasses('no-such-class', 1)).toThrow(`no fake-host part writes many devices of class "no-such-class" (those that do: ${kinds.map((k) => k.class).join(', ')})`);
    expect(() => parseManyClasses(a!.class, undefined)).toThrow(`"${a!.class}" needs a count (name=count)`);
    expect(() => parseManyClasses(`${a!.class},${a!.class}=2`, 1)).toThrow(`class "${a!.class}" is named twice`);
    expect(() => parseManyClasses('x y', 1)).toThrow('"x y" is not a class name or name=count');
    expect(() => parseManyClasses(' , ', 1)).toThrow('no class given');
  });
});
