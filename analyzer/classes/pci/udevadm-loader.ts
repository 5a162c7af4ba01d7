import type { LoadContext } from '../../load/types.js';
import { recordLineIssues } from '../../load/loader-util.js';
import { recordLink } from './config-facts.js';
import { parseLinkSpeed, parseLinkWidth } from './pci-sysfs.js';
import { isPciFunction, parseUdevadmWalk, udevadmWalks, walksOf, type WalkDevice } from '../core/udevadm-walk.js';

const hex = (v: string | undefined): number | null => (v !== undefined && /^0x[0-9a-f]{1,8}$/i.test(v.trim()) ? parseInt(v.trim().slice(2), 16) : null);

const tried = <T>(fn: () => T): T | null => {
  try {
    return fn();
  } catch {
    return null;
  }
};

/** A PCI function as sysfs gives it, from its attributes in the walk. */
function recordFunction(ctx: LoadContext, d: WalkDevice, parentKey: string | null, artifact: string): void {
  const bdf = d.kernel!;
  const a = d.attrs;
  ctx.sink.device({
    key: bdf, class: 'pci', pciAddress: bdf, parentKey,
    vendorId: hex(a.vendor), deviceId: hex(a.device), subsystemVendorId: hex(a.subsystem_vendor), subsystemDeviceId: hex(a.subsystem_device),
    classCode: hex(a.class), revision: hex(a.revision), driver: d.driver,
  });
  if (a.numa_node !== undefined && /^-?\d+$/.test(a.numa_node)) ctx.sink.setting({ deviceKey: bdf, namespace: 'sysfs', key: 'numa_node', value: a.numa_node, mode: 'current', artifact });
  const speed = (k: string): number | null => (a[k] === undefined ? null : tried(() => parseLinkSpeed(a[k]!)));
  const width = (k: string): number | null => (a[k] === undefined ? null : tried(() => parseLinkWidth(a[k]!)));
  if (['current_link_speed', 'current_link_width', 'max_link_speed', 'max_link_width'].some((k) => a[k] !== undefined)) {
    recordLink(ctx.sink, { deviceKey: bdf, source: 'sysfs', maxSpeedGts: speed('max_link_speed'), maxWidth: width('max_link_width'), speedGts: speed('current_link_speed'), width: width('current_link_width'), artifact });
  }
}

/**
 * The PCI functions the walks pass through, for those neither sysfs nor lspci gave (`known`): ids, class, revision,
 * driver, the bridge above (the next PCI function up the walk), NUMA node and link. Returns the functions recorded.
 */
export function loadUdevadmWalks(ctx: LoadContext, known: ReadonlySet<string>): Set<string> {
  const done = new Set<string>();
  for (const { name } of udevadmWalks(ctx)) {
    const walk = ctx.parse(name, 'udevadm-walk', (b) => parseUdevadmWalk(b.toString('utf8')));
    if (!walk) continue;
    recordLineIssues(ctx, name, 'udevadm-walk', walk.issues);
    for (const chain of walksOf(walk.devices)) {
      const pci = chain.filter(isPciFunction);
      pci.forEach((d, i) => {
        if (known.has(d.kernel!) || done.has(d.kernel!)) return;
        done.add(d.kernel!);
        recordFunction(ctx, d, pci[i + 1]?.kernel ?? null, name);
      });
    }
  }
  return done;
}
