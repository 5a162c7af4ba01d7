import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import { FAKE_HOST_PARTS } from '../classes/fake-host-parts.js';
import { SOURCE_NAMES } from '../classes/index.js';
import type { Allocator, FakeHostPart, PciAddOn } from './part.js';
import { FakeTree } from './tree.js';

export { FAKE_HOST_PARTS };

/** The collector sources a tree of these parts needs: every class's. */
export const FAKE_HOST_SOURCES: string[] = [...SOURCE_NAMES];

/** The part for a description's class, or why there is none / why it cannot render this description. */
export function partFor(d: RuleTestDevice, parts: readonly FakeHostPart[] = FAKE_HOST_PARTS): FakeHostPart | string {
  const part = parts.find((p) => p.classes.includes(d.class));
  if (!part) return `class ${d.class} has no fake-host part`;
  return part.unsupported(d) ?? part;
}

/** Fresh PCI addresses and instance numbers across every device written into one tree. */
export class TreeNames {
  private bus = 0;
  private readonly counters = new Map<string, number>();
  /** PCI functions placed below a bridge: bdf → the bridge's bdf. */
  private readonly parents = new Map<string, string>();

  private pciDir(bdf: string): string {
    const chain = [bdf];
    for (let p = this.parents.get(bdf); p !== undefined && !chain.includes(p); p = this.parents.get(p)) chain.unshift(p);
    return `sys/devices/pci0000:00/${chain.join('/')}`;
  }

  /** An allocator for one description group (one rule test): its addresses map to addresses no other group has. */
  scope(): Allocator {
    const bdfs = new Map<string, string>();
    const slots = new Map<string, string>();
    return {
      // Functions of one described slot stay functions of one rendered slot (rules tell a board's functions apart by number).
      bdf: (described) => {
        let b = bdfs.get(described);
        if (!b) {
          const fn = /^([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2})\.([0-7])$/.exec(described);
          const slotKey = fn?.[1] ?? described;
          let slot = slots.get(slotKey);
          if (!slot) slots.set(slotKey, (slot = `0000:${(++this.bus).toString(16).padStart(2, '0')}:00`));
          bdfs.set(described, (b = `${slot}.${fn?.[2] ?? '0'}`));
        }
        return b;
      },
      next: (cls) => {
        const n = this.counters.get(cls) ?? 0;
        this.counters.set(cls, n + 1);
        return n;
      },
      pciDir: (bdf) => this.pciDir(bdf),
      placeBelow: (bdf, parent) => void this.parents.set(bdf, parent),
    };
  }
}

/**
 * Writes descriptions into a captured tree: the host-wide ones once, then each group of devices under its
 * own names. Returns, per group, the description key → the key the loaders give the rendered device.
 */
export function buildFakeHost(
  root: string,
  hostWide: readonly RuleTestDevice[],
  groups: readonly (readonly RuleTestDevice[])[],
  o: { kernel?: string; kernelLog?: readonly string[]; hostname?: string; parts?: readonly FakeHostPart[] } = {},
): Map<string, string>[] {
  const parts = o.parts ?? FAKE_HOST_PARTS;
  const tree = new FakeTree(root);
  // Every host has a name: a tree with no described device still makes a usable bundle.
  tree.file('proc/sys/kernel/hostname', `${o.hostname ?? 'fakehost'}\n`);
  if (o.kernel) tree.file('proc/sys/kernel/osrelease', `${o.kernel}\n`);
  const names = new TreeNames();
  const render = (d: RuleTestDevice, scope: Allocator): string => {
    const part = partFor(d, parts);
    if (typeof part === 'string') throw new Error(`${d.key}: ${part}`);
    return part.render(tree, d, scope);
  };
  for (const d of hostWide) render(d, names.scope());
  const out = groups.map((devices) => {
    const scope = names.scope();
    // PCI functions first, so that a device naming one by address lands in the same function; bridges before what is below them.
    const isPci = (d: RuleTestDevice): boolean => parts.some((p) => p.pciFunctions && p.classes.includes(d.class));
    for (const d of devices) if (isPci(d) && d.parent_key) scope.placeBelow(scope.bdf(d.key), scope.bdf(d.parent_key));
    const ordered = [...devices].sort((a, b) => Number(isPci(b)) - Number(isPci(a)));
    const keys = new Map<string, string>();
    for (const d of ordered) keys.set(d.key, render(d, scope));
    return keys;
  });
  // The kernel log as /dev/kmsg records, or as `dmesg --raw` printed it when the lines are in that form; a PCI
  // address the log names is the address its device was rendered at (the first group that describes it).
  if (o.kernelLog?.length) {
    const at = new Map<string, string>();
    for (const keys of out) for (const [described, rendered] of keys) if (PCI_ADDRESS.test(described) && !at.has(described)) at.set(described, rendered);
    const text = `${o.kernelLog.map((l) => l.replace(PCI_ADDRESS_IN_TEXT, (a) => at.get(a) ?? a)).join('\n')}\n`;
    if (o.kernelLog.every((l) => /^\d+,\d+,\d+,[^;]*;/.test(l))) tree.file('dev/kmsg', text);
    else tree.command('dmesg', ['--raw'], text);
  }
  return out;
}

const PCI_ADDRESS = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$/;
const PCI_ADDRESS_IN_TEXT = /\b[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\b/g;
