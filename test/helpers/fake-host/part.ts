import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import type { FakeTree } from './tree.js';

/** Names a part gives the devices it renders, so that many test devices share one tree without clashing. */
export interface Allocator {
  /** A PCI address of the tree for the description's address (the same description address gives the same one). */
  bdf(described: string): string;
  /** A fresh instance number for a class's kernel names (nvme0, nvme1, …). */
  next(cls: string): number;
}

/**
 * One device class's part of the fake-host builder: it renders a declarative device description (the
 * rule tests' `devices:` entries) into raw bytes as a host would show them.
 */
export interface FakeHostPart {
  /** The device classes of descriptions this part renders. */
  classes: readonly string[];
  /** Descriptions of these classes describe the host itself (one per tree), not one of many devices. */
  hostWide?: boolean;
  /** Why this description cannot be produced from raw bytes by this part, or undefined when it can. */
  unsupported(d: RuleTestDevice): string | undefined;
  /** Writes the device into the tree; returns the device key the loaders will give it. */
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string;
}
