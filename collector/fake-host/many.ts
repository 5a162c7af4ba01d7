import { FAKE_HOST_PARTS } from '../classes/fake-host-parts.js';
import type { FakeHostPart, ManyDevices } from './part.js';
import { FakeTree } from './tree.js';

/** What a part can write many of: its collector class and the hook. */
export interface ManyKind extends ManyDevices {
  /** Whether these devices are PCI functions (others sitting on PCI functions take them). */
  pciFunctions: boolean;
}

/** The kinds of device the registered parts (or the ones given) can write many of, in registry order. */
export function manyKinds(parts: readonly FakeHostPart[] = FAKE_HOST_PARTS): ManyKind[] {
  return parts.flatMap((p): ManyKind[] => (p.many ? [{ ...p.many, write: p.many.write.bind(p.many), pciFunctions: p.pciFunctions === true }] : []));
}

/**
 * Reads a bench's `--classes` value: class names, each optionally with its own count (`pci=2000,nic=500`); a name
 * without one takes `defaultCount`. Throws naming the culprit and the classes that can scale.
 */
export function parseManyClasses(value: string, defaultCount: number | undefined, parts: readonly FakeHostPart[] = FAKE_HOST_PARTS): { kind: ManyKind; count: number }[] {
  const kinds = manyKinds(parts);
  const known = kinds.map((k) => k.class).join(', ');
  const out: { kind: ManyKind; count: number }[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([a-z0-9-]+)(?:=(\d+))?$/.exec(item);
    if (!m) throw new Error(`--classes: "${item}" is not a class name or name=count`);
    const kind = kinds.find((k) => k.class === m[1]);
    if (!kind) throw new Error(`--classes: no fake-host part writes many devices of class "${m[1]}" (those that do: ${known})`);
    if (out.some((o) => o.kind.class === kind.class)) throw new Error(`--classes: class "${kind.class}" is named twice`);
    const count = m[2] !== undefined ? Number(m[2]) : defaultCount;
    if (count === undefined) throw new Error(`--classes: "${item}" needs a count (name=count)`);
    out.push({ kind, count });
  }
  if (!out.length) throw new Error(`--classes: no class given (those that scale: ${known})`);
  return out;
}

/**
 * Writes a tree of many devices: the PCI functions first, then the kinds that sit on them and the rest, each part
 * writing its own count. Returns what was written, in the order asked, for a bench's printout.
 */
export function buildManyDevices(root: string, wanted: readonly { kind: ManyKind; count: number }[], o: { seed?: number; hostname?: string } = {}): { kind: ManyKind; count: number }[] {
  const tree = new FakeTree(root);
  tree.file('proc/sys/kernel/hostname', `${o.hostname ?? 'manyhost'}\n`);
  const pciFunctions: string[] = [];
  const order = [...wanted].sort((a, b) => Number(b.kind.pciFunctions) - Number(a.kind.pciFunctions));
  for (const { kind, count } of order) {
    if (kind.onPciFunctions && count > 0 && pciFunctions.length < count) {
      throw new Error(`${count} ${kind.noun} (class ${kind.class}) sit on PCI functions, and only ${pciFunctions.length} are written: add a class that writes them`);
    }
    pciFunctions.push(...kind.write(tree, count, { seed: o.seed ?? 0, pciFunctions: [...pciFunctions] }));
  }
  return [...wanted];
}

/** "3000 ATA disks + 3000 PCI functions". */
export const describeMany = (written: readonly { kind: ManyKind; count: number }[]): string => written.map((w) => `${w.count} ${w.kind.noun}`).join(' + ');
