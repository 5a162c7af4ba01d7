import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

/**
 * The host itself: `platform` (DMI, /sys/class/dmi/id/<attribute>) and `kernel` (module parameters,
 * /sys/module/<module>/parameters/<name>).
 */
export const platformFakeHost: FakeHostPart = {
  classes: ['platform', 'kernel'],
  hostWide: true,
  unsupported(d) {
    for (const s of d.settings ?? []) {
      if (d.class === 'platform' && s.namespace !== 'dmi') return `setting ${s.namespace}/${s.key} has no renderer`;
      if (d.class === 'kernel' && !(s.namespace.startsWith('module:') && !s.key.startsWith('.'))) return `setting ${s.namespace}/${s.key} has no renderer`;
    }
    if (d.firmware || d.vendor_id !== undefined || d.model) return `${d.class} carries settings only`;
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice): string {
    for (const s of d.settings ?? []) {
      const value = s.value === true ? 'Y' : s.value === false ? 'N' : String(s.value);
      if (d.class === 'platform') tree.file(`sys/class/dmi/id/${s.key}`, `${value}\n`);
      else tree.file(`sys/module/${s.namespace.slice('module:'.length)}/parameters/${s.key}`, `${value}\n`);
    }
    return d.class === 'platform' ? 'platform' : 'kernel';
  },
};
