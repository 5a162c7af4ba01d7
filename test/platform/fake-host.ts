import type { RuleTestDevice } from '../../analyzer/rules/types.js';
import type { FakeHostPart } from '../helpers/fake-host/part.js';
import type { FakeTree } from '../helpers/fake-host/tree.js';

/** Kernel settings derived from /proc/sys/kernel/tainted by the loader, rendered by writing the bitmask only. */
const DERIVED_FROM_TAINTED = new Set(['taint_letters']);

/**
 * The host itself: `platform` (DMI, /sys/class/dmi/id/<attribute>) and `kernel` (the taint bitmask in
 * /proc/sys/kernel/tainted, loaded modules as /proc/modules lines, module parameters in
 * /sys/module/<module>/parameters/<name>).
 */
export const platformFakeHost: FakeHostPart = {
  classes: ['platform', 'kernel'],
  hostWide: true,
  unsupported(d) {
    for (const s of d.settings ?? []) {
      if (d.class === 'platform' && s.namespace !== 'dmi') return `setting ${s.namespace}/${s.key} has no renderer`;
      if (d.class !== 'kernel') continue;
      if (s.namespace === 'kernel') {
        if (s.key === 'tainted' && /^\d+$/.test(String(s.value))) continue;
        if (DERIVED_FROM_TAINTED.has(s.key) && d.settings?.some((t) => t.namespace === 'kernel' && t.key === 'tainted')) continue;
        return `setting kernel/${s.key} has no renderer`;
      }
      if (!s.namespace.startsWith('module:')) return `setting ${s.namespace}/${s.key} has no renderer`;
      if (s.key === '.loaded' && ['1', 'true'].includes(String(s.value))) continue;
      if (s.key.startsWith('.')) return `setting ${s.namespace}/${s.key} has no renderer`;
    }
    if (d.firmware || d.vendor_id !== undefined || d.model) return `${d.class} carries settings only`;
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice): string {
    for (const s of d.settings ?? []) {
      const value = s.value === true ? 'Y' : s.value === false ? 'N' : String(s.value);
      if (d.class === 'platform') tree.file(`sys/class/dmi/id/${s.key}`, `${value}\n`);
      else if (s.namespace === 'kernel') {
        if (s.key === 'tainted') tree.file('proc/sys/kernel/tainted', `${value}\n`);
      } else if (s.key === '.loaded') tree.append('proc/modules', `${s.namespace.slice('module:'.length)} 561152 0 - Live 0x0000000000000000\n`);
      else tree.file(`sys/module/${s.namespace.slice('module:'.length)}/parameters/${s.key}`, `${value}\n`);
    }
    return d.class === 'platform' ? 'platform' : 'kernel';
  },
};
