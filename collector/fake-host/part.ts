import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { FakeTree } from './tree.js';

/** Names a part gives the devices it renders, so that many test devices share one tree without clashing. */
export interface Allocator {
  /** A PCI address of the tree for the description's address (the same description address gives the same one). */
  bdf(described: string): string;
  /** A fresh instance number for a class's kernel names (nvme0, nvme1, …). */
  next(cls: string): number;
  /** The sysfs directory of a PCI function of the tree (`sys/devices/pci0000:00/<bdf>`, or under its parent bridge). */
  pciDir(bdf: string): string;
  /** Places a PCI function below another one (its upstream bridge), before either is written. */
  placeBelow(bdf: string, parentBdf: string): void;
}

/**
 * What a class adds to a PCI function it drives: the settings and firmware rows of a `pci` description that come
 * from that class's tools (mlx5: mstconfig and mstflint outputs), written next to the function itself.
 */
export interface PciAddOn {
  /** Whether this add-on writes the setting / firmware row of a PCI description. */
  ownsSetting(namespace: string): boolean;
  ownsFirmware(component: string): boolean;
  /** The vendor id of the functions this class drives, for a description that names none. */
  vendor?: number;
  /** Why it cannot write this description's rows, or undefined. */
  unsupported(d: RuleTestDevice): string | undefined;
  render(tree: FakeTree, d: RuleTestDevice, bdf: string): void;
}

/**
 * One device class's part of the fake-host builder: it renders a declarative device description (the
 * rule tests' `devices:` entries) into raw bytes as a host would show them.
 */
export interface FakeHostPart {
  /** The device classes of descriptions this part renders. */
  classes: readonly string[];
  /** Its descriptions are PCI functions: written first in their group, each below its parent_key (a bridge). */
  pciFunctions?: boolean;
  /** Descriptions of these classes describe the host itself (one per tree), not one of many devices. */
  hostWide?: boolean;
  /**
   * What of a description the whole host shares (a driver version every GPU reports): descriptions that differ in
   * it need trees of their own. Undefined when nothing.
   */
  hostShared?(d: RuleTestDevice): unknown;
  /** Rows this class adds to PCI descriptions (see PciAddOn). */
  pciAddOn?: PciAddOn;
  /** Why this description cannot be produced from raw bytes by this part, or undefined when it can. */
  unsupported(d: RuleTestDevice): string | undefined;
  /** Writes the device into the tree; returns the device key the loaders will give it. */
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string;
  /** Writes many devices of its kind at once, for the benches' trees of thousands (see ManyDevices). */
  many?: ManyDevices;
}

/** Where the devices of a many-devices tree sit, as the builder hands it to each part in turn. */
export interface ManyContext {
  /** Chooses among the part's shapes (models, firmware): the same seed and count give the same bytes. */
  seed: number;
  /** The sysfs directories of the PCI functions written before (by parts with `pciFunctions`), in order. */
  pciFunctions: readonly string[];
}

/**
 * A part's "many devices" hook: it writes `count` devices of one kind into a tree, each with the files a real one
 * of its kind shows, under fresh names that cannot clash with another part's. `collector/fake-host/many.ts` asks
 * the registered parts for them; the benches under `bench/` build their trees that way and name no class.
 */
export interface ManyDevices {
  /** The collector class whose source collects these devices (what `collect --only` takes). */
  class: string;
  /** The devices in words, plural ("PCI functions"), for the benches' printouts. */
  noun: string;
  /** The device classes the collector counts each written device as, once each (a SATA disk is an `ata` and a `block`). */
  counted: readonly string[];
  /** Devices that sit on PCI functions take them in turn from ManyContext.pciFunctions (so that many needs those written). */
  onPciFunctions?: boolean;
  /** Writes the devices; returns the sysfs directories of the PCI functions it wrote (empty when none). */
  write(tree: FakeTree, count: number, at: ManyContext): string[];
}

/** A description's firmware as rows, whichever of the two forms it was written in. */
export function firmwareRows(d: RuleTestDevice): { component: string; version: string; state?: string }[] {
  return Array.isArray(d.firmware) ? d.firmware : Object.entries(d.firmware ?? {}).map(([component, version]) => ({ component, version }));
}

/** A setting of a description as text (booleans as the rule tests spell them), or undefined when absent. */
export function settingText(d: RuleTestDevice, namespace: string, key: string, mode?: string): string | undefined {
  const s = d.settings?.find((x) => x.namespace === namespace && x.key === key && (mode === undefined || (x.mode ?? 'current') === mode));
  return s === undefined || s.value === null ? undefined : String(s.value);
}
