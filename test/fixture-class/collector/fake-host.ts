import type { RuleTestDevice } from '../../../analyzer/rules/types.js';
import { firmwareRows, type Allocator, type FakeHostPart } from '../../../collector/fake-host/part.js';
import type { FakeTree } from '../../../collector/fake-host/tree.js';

/** Widgets as a host shows them: /sys/class/widget/<name>, a link to its platform device holding fw_version. */
export const widgetFakeHost: FakeHostPart = {
  classes: ['widget'],
  unsupported(d) {
    if (d.settings?.length) return 'a widget has no settings';
    if (firmwareRows(d).some((f) => f.component !== 'firmware' || (f.state ?? 'running') !== 'running')) return 'a widget shows one running firmware version (fw_version)';
    return undefined;
  },
  render(tree: FakeTree, d: RuleTestDevice, names: Allocator): string {
    const n = names.next('widget');
    const dir = `sys/devices/platform/widget.${n}/widget/w${n}`;
    tree.linkTo(`sys/class/widget/w${n}`, dir);
    const fw = firmwareRows(d)[0]?.version;
    if (fw) tree.file(`${dir}/fw_version`, `${fw}\n`);
    return `widget:w${n}`;
  },
};
